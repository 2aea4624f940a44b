/**
 * Running a command (or watching a process) untraced under `perf stat`, traced under
 * `strace -c -f`, and with its page faults traced under `perf trace -F all`, in that order. The
 * untraced runs give the native baseline; the traced runs give the call counts and the kinds of
 * page fault only (see profile.ts).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { IsobenchError } from '../errors.js';
import { KINDS_TRACE_ARGS, parsePerfFaults, type FaultKinds } from './perf-faults.js';
import { parsePerfIdle, type IdleCalls } from './perf-idle.js';
import { parsePerfMmaps, type MmapKinds } from './perf-mmaps.js';
import { parsePerfRemaps, type Remaps } from './perf-remaps.js';
import { parsePerfStatCsv, type PerfEvents } from './perf-stat.js';
import { parseStraceSummary as parseSummary, TracerOutputError, type SyscallCount } from './strace-summary.js';
import type { Tools } from './tools.js';

/** strace's summary columns: name, calls, errors and wall seconds (-w) of each call, threads and children followed. */
export const STRACE_SUMMARY_ARGS = ['-c', '-f', '-w', '-U', 'name,calls,errors,total-time'] as const;

export interface UntracedRun {
  readonly wallMs: number;
  readonly exitCode: number;
  readonly perf: PerfEvents;
}

export interface TracedRun {
  readonly wallMs: number;
  readonly syscalls: SyscallCount[];
  readonly argv: readonly string[];
}

async function withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'isobench-profile-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The tracer's summary, or an isobench error naming what was wrong with it. */
function parseStraceSummary(text: string): SyscallCount[] {
  try {
    return parseSummary(text);
  } catch (error) {
    if (error instanceof TracerOutputError) throw failed('strace', error.message);
    throw error;
  }
}

function perfArgs(out: string, events: readonly string[]): string[] {
  return ['stat', '-x,', '-o', out, '-e', events.join(',')];
}

function failed(what: string, detail: string): IsobenchError {
  return new IsobenchError('PROFILE_FAILED', `${what}: ${detail}`, { hint: 'check that the command runs on its own' });
}

async function readOutput(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw failed(what, 'the tool wrote no output');
  }
}

/** Where the profiled program's output goes ('stderr': isobench's stdout carries its data), and what stops it. */
export interface RunOptions {
  readonly output?: 'stderr' | 'ignore';
  readonly signal?: AbortSignal;
}

function programStdio(options: RunOptions): { stdin: 'ignore'; stdout: NodeJS.WriteStream | 'ignore' } {
  return { stdin: 'ignore', stdout: options.output === 'ignore' ? 'ignore' : process.stderr };
}

function cancel(options: RunOptions): { cancelSignal?: AbortSignal } {
  return options.signal ? { cancelSignal: options.signal } : {};
}

/** One untraced run of the command under perf stat (counting, not tracing). */
export async function runUntraced(tools: Tools, argv: readonly string[], options: RunOptions = {}): Promise<UntracedRun> {
  return withTemp(async (dir) => {
    const out = join(dir, 'perf.csv');
    const began = performance.now();
    const io = programStdio(options);
    const stdio = [io.stdin, io.stdout, io.stdout === 'ignore' ? 'ignore' : 'inherit'] as const;
    const result = await execa(tools.perf, [...perfArgs(out, tools.perfEvents), '--', ...argv], { reject: false, stdio, ...cancel(options) });
    if (result.isCanceled) throw new IsobenchError('INTERRUPTED', 'profiling was interrupted');
    const nodeWallMs = performance.now() - began;
    const perf = parsePerfStatCsv(await readOutput(out, 'perf stat'));
    return { wallMs: perf.wallMs ?? nodeWallMs, exitCode: result.exitCode ?? 128, perf };
  });
}

/** One run of the command under strace -c -f. */
export async function runTraced(tools: Tools, argv: readonly string[], options: RunOptions = {}): Promise<TracedRun> {
  return withTemp(async (dir) => {
    const out = join(dir, 'strace.txt');
    const args = [...STRACE_SUMMARY_ARGS, '-o', out, '--', ...argv];
    const began = performance.now();
    const io = programStdio(options);
    const result = await execa(tools.strace, args, { reject: false, stdio: [io.stdin, io.stdout, 'pipe'], ...cancel(options) });
    if (result.isCanceled) throw new IsobenchError('INTERRUPTED', 'profiling was interrupted');
    const wallMs = performance.now() - began;
    const text = await readFile(out, 'utf8').catch(() => '');
    if (text.trim() === '') throw failed('strace', String(result.stderr).split('\n')[0] || `exit code ${result.exitCode}`);
    if (options.output !== 'ignore' && String(result.stderr) !== '') process.stderr.write(`${String(result.stderr)}\n`);
    return { wallMs, syscalls: parseStraceSummary(text), argv: [tools.strace, ...STRACE_SUMMARY_ARGS] };
  });
}

/**
 * What the perf trace run tells apart: the page faults by kind, the mmaps, the changes over touched
 * memory, the calls after a stretch in user space.
 */
export interface TracedKinds {
  readonly faults: FaultKinds;
  /** null: perf traced no mmap */
  readonly mmaps: MmapKinds | null;
  /** null: perf traced no mmap, mprotect or munmap */
  readonly remaps: Remaps | null;
  /** null: perf traced no system call */
  readonly idle: IdleCalls | null;
}

/**
 * One run of the command with its page faults and mmaps traced (perf trace): their kinds, or the
 * reason (a string) when this host's perf cannot trace them (no tracefs, an older perf) or traced
 * no fault: the profile then has no kinds.
 */
export async function runKindsTrace(
  tools: Tools, argv: readonly string[], options: RunOptions = {},
): Promise<TracedKinds | string> {
  if (tools.faultTrace !== true) return tools.faultTrace;
  return withTemp(async (dir) => {
    const out = join(dir, 'faults.txt');
    const io = programStdio(options);
    const args = [...KINDS_TRACE_ARGS, '-o', out, '--', ...argv];
    const stdio = [io.stdin, io.stdout, 'pipe'] as const;
    const result = await execa(tools.perf, args, { reject: false, stdio, ...cancel(options) });
    if (result.isCanceled) throw new IsobenchError('INTERRUPTED', 'profiling was interrupted');
    const text = await readFile(out, 'utf8').catch(() => '');
    const faults = parsePerfFaults(text);
    const said = String(result.stderr).split('\n')[0] || `exit code ${result.exitCode}`;
    if (!faults) return `perf trace recorded no page fault (${said})`;
    return { faults, mmaps: parsePerfMmaps(text), remaps: parsePerfRemaps(text), idle: parsePerfIdle(text) };
  });
}

async function stopAfter(child: ResultPromise, seconds: number): Promise<void> {
  const timer = setTimeout(() => child.kill('SIGINT'), seconds * 1000);
  try {
    await child;
  } finally {
    clearTimeout(timer);
  }
}

/** Counts a running process for `seconds` (perf stat), then traces it as long (strace -p). */
export async function watchPid(tools: Tools, pid: number, seconds: number): Promise<{ untraced: UntracedRun; traced: TracedRun }> {
  return withTemp(async (dir) => {
    const perfOut = join(dir, 'perf.csv');
    await execa(tools.perf, [...perfArgs(perfOut, tools.perfEvents), '-p', String(pid), '--', 'sleep', String(seconds)], { reject: false, stdin: 'ignore' });
    const perf = parsePerfStatCsv(await readOutput(perfOut, 'perf stat -p'));
    const straceOut = join(dir, 'strace.txt');
    const began = performance.now();
    const child = execa(tools.strace, [...STRACE_SUMMARY_ARGS, '-o', straceOut, '-p', String(pid)], { reject: false, stdin: 'ignore' });
    await stopAfter(child, seconds);
    const wallMs = performance.now() - began;
    // strace prints no summary at all when not one call completed while it watched (a process blocked throughout)
    const text = await readFile(straceOut, 'utf8').catch(() => '');
    if (text.trim() === '') process.stderr.write(`profile: warning: pid ${pid} completed no system call in ${seconds} s of tracing\n`);
    const syscalls = text.trim() === '' ? [] : parseStraceSummary(text);
    return {
      // user_time is the rusage of perf's own child (the sleep), not of the watched process: not kept
      untraced: { wallMs: perf.wallMs ?? seconds * 1000, exitCode: 0, perf: { ...perf, userMs: null } },
      traced: { wallMs, syscalls, argv: [tools.strace, ...STRACE_SUMMARY_ARGS, '-p', String(pid)] },
    };
  });
}

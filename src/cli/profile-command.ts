/**
 * `isobench profile [--output FILE] -- COMMAND [ARGS…]` and `--pid PID --duration S`;
 * `isobench profiles [ID]`. The untraced runs (perf stat, counting only) give the native
 * baseline, the traced runs (strace -c -f; perf trace) the call counts and the kinds of page
 * fault: see src/profile/profile.ts.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { IsobenchError, usageError } from '../errors.js';
import {
  describeSubject, profileOfRuns, type Profile, type ProfileSubject, UNREADABLE_HINT, unreadableText,
} from '../profile/profile.js';
import { IDLE_GAP_US, LONG_IDLE_GAP_US } from '../profile/perf-idle.js';
import { findExecutable, findTools, type Tools } from '../profile/tools.js';
import {
  runKindsTrace, runTraced, runUntraced, watchPid, type TracedKinds, type TracedRun, type UntracedRun,
} from '../profile/tracer.js';
import { safeText } from '../report/format.js';
import { Store } from '../store/store.js';
import { openExisting } from './report-command.js';

export interface ProfileCommandOptions {
  readonly db: string;
  readonly output?: string;
  readonly pid?: number;
  readonly duration?: number;
  /** untraced runs of a command; the baseline is their median wall time */
  readonly runs: number;
}

function checkInput(argv: readonly string[], options: ProfileCommandOptions): ProfileSubject {
  if (options.pid !== undefined) {
    if (argv.length > 0) throw usageError(`give either --pid or a command, not both (got --pid ${options.pid} and '${argv.join(' ')}')`);
    if (options.duration === undefined) throw usageError('--pid needs --duration S: how many seconds to watch the process');
    if (!existsSync(`/proc/${options.pid}`)) throw usageError(`--pid ${options.pid}: no such process`);
    return { kind: 'pid', pid: options.pid, durationS: options.duration };
  }
  if (options.duration !== undefined) throw usageError('--duration goes with --pid; a command is profiled until it exits');
  const [command] = argv;
  if (command === undefined) throw usageError('no command to profile: isobench profile [--output FILE] -- COMMAND [ARGS…], or --pid PID --duration S');
  const found = findExecutable(command);
  if (!found) throw usageError(`command '${command}' not found (not an executable file on PATH)`);
  return { kind: 'command', argv: [found, ...argv.slice(1)] };
}

interface Measured {
  readonly untraced: UntracedRun[];
  readonly traced: TracedRun;
  /** the page faults and mmaps by kind; null for a --pid (both are priced as anonymous ones) */
  readonly kinds: TracedKinds | null;
  readonly version: string;
}

async function measure(tools: Tools, subject: ProfileSubject, runs: number): Promise<Measured> {
  if (subject.kind === 'pid') {
    process.stderr.write(`profile: counting pid ${subject.pid} for ${subject.durationS} s (perf stat), then tracing it as long (strace)\n`);
    const { untraced, traced } = await watchPid(tools, subject.pid, subject.durationS);
    return { untraced: [untraced], traced, kinds: null, version: tools.straceVersion };
  }
  const untraced: UntracedRun[] = [];
  for (let i = 0; i < runs; i += 1) {
    process.stderr.write(`profile: untraced run ${i + 1}/${runs} (perf stat)\n`);
    untraced.push(await runUntraced(tools, subject.argv));
  }
  process.stderr.write('profile: traced run (strace -c -f)\n');
  const traced = await runTraced(tools, subject.argv);
  process.stderr.write('profile: page faults and mmaps traced (perf trace -F all -e mmap)\n');
  const kinds = await runKindsTrace(tools, subject.argv);
  if (typeof kinds === 'string') {
    process.stderr.write(`profile: warning: ${kinds}; every fault and mmap is priced as an anonymous one\n`);
  }
  return { untraced, traced, kinds: typeof kinds === 'string' ? null : kinds, version: tools.straceVersion };
}

export async function profileCommand(argv: readonly string[], options: ProfileCommandOptions): Promise<number> {
  const subject = checkInput(argv, options);
  const tools = await findTools();
  const store = Store.open(options.db);
  try {
    const { untraced, traced, kinds, version } = await measure(tools, subject, options.runs);
    const profile = profileOfRuns(subject, version, untraced, traced, kinds);
    if (profile.native.exitCode !== 0) process.stderr.write(`profile: warning: the command exited with ${profile.native.exitCode}; the profile is of that run\n`);
    store.saveProfile(profile);
    if (options.output) writeFileSync(options.output, `${JSON.stringify(profile, null, 2)}\n`);
    process.stdout.write(summary(profile));
    return 0;
  } finally {
    store.close();
  }
}

/**
 * ` (645 anonymous of which 9 first in a 2 MiB region, 124 file reads, 319 file writes, as traced)`, or nothing
 * where the faults were not told apart.
 */
function faultKinds(p: Profile): string {
  const k = p.events.faultKinds;
  if (!k) return '';
  const writes = Math.round(k.fileWriteFirst + k.fileWriteFirst64k + k.fileWrite + k.fileWriteApart);
  const region = `${k.anonymousRegion} first in a 2 MiB region`;
  const anonymous = `${k.anonymous + k.anonymousRegion} anonymous of which ${region}`;
  return ` (${anonymous}, ${k.fileReadFirst + k.fileRead} file reads, ${writes} file writes, as traced)`;
}

/** `; mmaps 107 anonymous, 845 of files (as traced)`, or nothing where they were not told apart. */
function mmapKinds(p: Profile): string {
  const k = p.events.mmapKinds;
  return k ? `; mmaps ${k.anonymous} anonymous, ${k.file} of files (as traced)` : '';
}

/**
 * `; over touched memory: 0 of 907 mmaps, 119 of 131 mprotects (written), 2 of 10 munmaps, 100 of 302 brks (shrinking
 * written heap) (as traced)`, or nothing; the brks only where the profile counted them.
 */
function remaps(p: Profile): string {
  const r = p.events.remaps;
  if (!r) return '';
  const brks = r.brk === undefined ? '' : `, ${r.brkShrinkWritten ?? 0} of ${r.brk} brks (shrinking written heap)`;
  return `; over touched memory: ${r.mmapOverTouched} of ${r.mmap} mmaps, ${r.mprotectWritten} of ${r.mprotect}`
    + ` mprotects (written), ${r.munmapTouched} of ${r.munmap} munmaps${brks} (as traced)`;
}

/**
 * `; 310 of 2,256 calls and 1,620 of 3,318 faults after ≥ 20 µs in user space, 12 and 30 of them after ≥ 200 µs
 * (as traced)`, or nothing where calls were not traced (the faults and the long stretches only where the profile
 * counted them).
 */
function idle(p: Profile): string {
  const i = p.events.idle;
  if (!i) return '';
  const faults = i.faults === undefined ? '' : ` and ${i.faultsAfterIdle ?? 0} of ${i.faults} faults`;
  const longFaults = i.faults === undefined ? '' : ` and ${i.faultsAfterLongIdle ?? 0}`;
  const long = i.afterLongIdle === undefined
    ? '' : `, ${i.afterLongIdle}${longFaults} of them after ≥ ${LONG_IDLE_GAP_US} µs`;
  const after = `after ≥ ${IDLE_GAP_US} µs in user space${long}`;
  return `; ${i.afterIdle} of ${i.syscalls} calls${faults} ${after} (as traced)`;
}

function summary(p: Profile): string {
  const calls = p.syscalls.reduce((s, c) => s + c.calls, 0);
  const top = [...p.syscalls].sort((a, b) => b.calls - a.calls).slice(0, 5).map((c) => `${c.name} ${c.calls}`);
  return [
    `profile ${p.id}: ${safeText(describeSubject(p.subject))}`,
    `  untraced wall ${p.native.wallMs.toFixed(1)} ms (median of ${p.native.wallMsRuns.length}), CPU ${p.native.cpuMs?.toFixed(1) ?? '?'} ms; traced wall ${p.tracedWallMs.toFixed(1)} ms (not used)`,
    `  ${calls} system calls of ${p.syscalls.length} kinds (top: ${top.join(', ')})`,
    `  page faults ${p.events.pageFaults ?? '?'}${faultKinds(p)}, context switches ${p.events.contextSwitches ?? '?'}`
      + mmapKinds(p) + remaps(p) + idle(p),
    '',
  ].join('\n');
}

/** Longest command line a listing prints on a terminal (`--no-trunc`: whole), as `docker ps` cuts its own. */
export const LISTED_SUBJECT_CHARS = 60;

/** A listing's subject: cut to LISTED_SUBJECT_CHARS with '…' when `truncate` (a terminal), else whole. */
export function listedSubject(subject: string, truncate: boolean): string {
  const chars = [...subject];
  if (!truncate || chars.length <= LISTED_SUBJECT_CHARS) return subject;
  return `${chars.slice(0, LISTED_SUBJECT_CHARS - 1).join('')}…`;
}

/**
 * `isobench profiles`: one line per stored profile (on a terminal, command lines cut unless --no-trunc);
 * `isobench profiles ID`: that profile as JSON.
 */
export function profilesCommand(id: string | undefined, options: { db: string; truncate?: boolean }): number {
  const store = openExisting(options.db);
  try {
    if (id !== undefined) {
      const found = store.findProfile(id);
      if (!found) {
        const why = `no profile '${id}' (or the prefix matches several) in ${options.db}`;
        throw new IsobenchError('RUN_NOT_FOUND', why, { hint: 'see isobench profiles', exitCode: 2 });
      }
      if (!('profile' in found)) {
        throw new IsobenchError('RUN_NOT_FOUND', unreadableText(found), { hint: UNREADABLE_HINT, exitCode: 2 });
      }
      process.stdout.write(`${JSON.stringify(found.profile, null, 2)}\n`);
      return 0;
    }
    const { profiles, unreadable } = store.listProfiles();
    const lines = profiles.map((p) => {
      const calls = p.syscalls.reduce((s, c) => s + c.calls, 0);
      // a command line and a host name are anybody's text: one line, no control character (issue 13, class 8)
      const line = safeText(describeSubject(p.subject).replace(/\s+/g, ' '));
      const subject = listedSubject(line, options.truncate === true);
      const created = p.createdAt.slice(0, 19).replace('T', ' ');
      return [p.id, created, safeText(p.hostname), p.native.wallMs.toFixed(1), String(calls), subject].join('\t');
    });
    process.stdout.write(['id\tcreated (UTC)\thost\twall ms\tsyscalls\tsubject', ...lines].join('\n') + '\n');
    for (const u of unreadable) process.stderr.write(`isobench: notice: ${unreadableText(u)}; not listed\n`);
    return 0;
  } finally {
    store.close();
  }
}

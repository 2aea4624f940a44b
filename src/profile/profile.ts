/**
 * A program's system-call profile, as `isobench profile` records it and `isobench predict`
 * reads it (from the store or from an exported JSON file, validated here with zod).
 *
 * Two runs of the same work make one profile. The UNTRACED run (counted by `perf stat`, which
 * reads kernel counters and does not stop the program) gives the native baseline: wall time,
 * CPU time, page faults and context switches. The TRACED run (`strace -c -f`) gives only the
 * count of each system call; its wall time is kept for information and never enters a
 * prediction, so the tracer's overhead (ptrace stops at every call) stays out of it. A third run
 * under `perf trace` tells the page faults apart (anonymous, a thread's first or later read of a
 * file, file writes near the last or apart), as shares of the untraced run's count, and its mmaps
 * (anonymous or of a file), as shares of strace's count.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { FaultKinds } from './perf-faults.js';
import type { IdleCalls } from './perf-idle.js';
import type { MmapKinds } from './perf-mmaps.js';
import type { Remaps } from './perf-remaps.js';
import type { PerfEvents } from './perf-stat.js';
import type { SyscallCount } from './strace-summary.js';
import type { TracedKinds, TracedRun, UntracedRun } from './tracer.js';

export const PROFILE_FORMAT = 'isobench-profile/1';

const count = z.number().int().nonnegative();
const nullableCount = count.nullable();

const syscallSchema = z.object({ name: z.string().min(1), calls: count, errors: count, tracedSeconds: z.number().nonnegative() });

const subjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), argv: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('pid'), pid: z.number().int().positive(), durationS: z.number().positive() }),
]);

export const profileSchema = z.object({
  format: z.literal(PROFILE_FORMAT),
  id: z.string().min(1),
  createdAt: z.string(),
  hostname: z.string(),
  subject: subjectSchema,
  tracer: z.object({ name: z.literal('strace'), version: z.string(), argv: z.array(z.string()) }),
  native: z.object({
    /** wall time of the untraced run (the baseline of every prediction) */
    wallMs: z.number().positive(),
    /** wall time of each untraced run, in order; wallMs is their median */
    wallMsRuns: z.array(z.number().positive()).min(1),
    cpuMs: z.number().nonnegative().nullable(),
    exitCode: z.number().int(),
  }),
  /** wall time of the traced run: information only (tracer overhead included) */
  tracedWallMs: z.number().nonnegative(),
  syscalls: z.array(syscallSchema),
  events: z.object({
    pageFaults: nullableCount,
    minorFaults: nullableCount,
    majorFaults: nullableCount,
    contextSwitches: nullableCount,
    /** user CPU time of the untraced runs (median), ms; absent in profiles of earlier versions */
    userMs: z.number().nonnegative().nullable().optional(),
    /**
     * the page faults of a run under perf trace by what they hit; the model applies their shares to
     * the untraced count. Null where perf could not trace them, absent in profiles of earlier versions.
     */
    faultKinds: z
      .object({
        anonymous: count,
        anonymousRegion: count.default(0),
        fileReadFirst: count,
        fileRead: count,
        fileWriteFirst: z.number().nonnegative().default(0),
        fileWriteFirst64k: z.number().nonnegative().default(0),
        fileWrite: z.number().nonnegative(),
        fileWriteApart: z.number().nonnegative(),
      })
      .nullable()
      .optional(),
    /** the mmaps of the same perf trace run by kind (shares of strace's count); null or absent: not told apart */
    mmapKinds: z.object({ anonymous: count, file: count }).nullable().optional(),
    /** the same run's mmap, mprotect and munmap calls, and those over touched memory; null or absent: not traced */
    remaps: z
      .object({
        mmap: count, mmapOverTouched: count,
        mprotect: count, mprotectWritten: count,
        munmap: count, munmapTouched: count,
        /** absent in profiles of earlier versions */
        brk: count.optional(), brkShrinkWritten: count.optional(),
      })
      .nullable()
      .optional(),
    /** the same run's system calls, and those after a stretch in user space (perf-idle.ts); null or absent: untraced */
    idle: z
      .object({
        syscalls: count, afterIdle: count, faults: count.optional(), faultsAfterIdle: count.optional(),
        afterLongIdle: count.optional(), faultsAfterLongIdle: count.optional(),
      })
      .nullable()
      .optional(),
  }),
});

export type Profile = z.infer<typeof profileSchema>;
export type ProfileSubject = Profile['subject'];

/** Validates a parsed JSON value as a profile; the message names the first bad field. */
export function parseProfile(value: unknown): { ok: true; profile: Profile } | { ok: false; reason: string } {
  const result = profileSchema.safeParse(value);
  if (result.success) return { ok: true, profile: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the top level';
  return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}` };
}

/** A stored profile that no longer reads as one (written by an older isobench), and why. */
export interface UnreadableProfile {
  readonly id: string;
  readonly reason: string;
}

/** What to do about an unreadable profile: the hint of every command that refuses one. */
export const UNREADABLE_HINT = 'profile the command again: isobench profile -- COMMAND';

export function unreadableText(u: UnreadableProfile): string {
  return `profile ${u.id} is stored but no longer reads as a profile (${u.reason}): written by an older isobench?`;
}

export interface ProfileParts {
  readonly id: string;
  readonly createdAt: string;
  readonly hostname: string;
  readonly subject: ProfileSubject;
  readonly tracerVersion: string;
  readonly tracerArgv: readonly string[];
  /** wall time of each untraced run */
  readonly untracedWallMs: readonly number[];
  readonly exitCode: number;
  readonly tracedWallMs: number;
  readonly syscalls: readonly SyscallCount[];
  readonly perf: PerfEvents;
  /** the page faults by kind (perf trace); null or absent where they were not traced */
  readonly faultKinds?: FaultKinds | null;
  /** the mmaps by kind (the same perf trace run); null or absent where they were not traced */
  readonly mmapKinds?: MmapKinds | null;
  /** the address-space changes over touched memory (the same run); null or absent where they were not traced */
  readonly remaps?: Remaps | null;
  /** the calls after a stretch in user space (the same run); null or absent where they were not traced */
  readonly idle?: IdleCalls | null;
}

/** Assembles a profile from its measured parts (pure). */
export function buildProfile(p: ProfileParts): Profile {
  const round = (n: number | null): number | null => (n === null ? null : Math.round(n));
  return {
    format: PROFILE_FORMAT,
    id: p.id,
    createdAt: p.createdAt,
    hostname: p.hostname,
    subject: p.subject,
    tracer: { name: 'strace', version: p.tracerVersion, argv: [...p.tracerArgv] },
    native: { wallMs: median(p.untracedWallMs), wallMsRuns: [...p.untracedWallMs], cpuMs: p.perf.cpuMs, exitCode: p.exitCode },
    tracedWallMs: p.tracedWallMs,
    syscalls: p.syscalls.map((s) => ({ ...s })),
    events: {
      pageFaults: round(p.perf.pageFaults),
      minorFaults: round(p.perf.minorFaults),
      majorFaults: round(p.perf.majorFaults),
      contextSwitches: round(p.perf.contextSwitches),
      userMs: p.perf.userMs,
      faultKinds: p.faultKinds ? { ...p.faultKinds } : null,
      mmapKinds: p.mmapKinds ? { ...p.mmapKinds } : null,
      remaps: p.remaps ? { ...p.remaps } : null,
      idle: p.idle ? { ...p.idle } : null,
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** How the profile's subject reads in a listing: the command line or `pid N for S s`. */
export function describeSubject(subject: ProfileSubject): string {
  return subject.kind === 'command' ? subject.argv.join(' ') : `pid ${subject.pid} for ${subject.durationS} s`;
}

/** A profile id that sorts by time, like a run id: 20261201-084512-3f9a. */
export function newProfileId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(2).toString('hex')}`;
}

function medianOf(runs: readonly UntracedRun[], pick: (r: UntracedRun) => number | null): number | null {
  const values = runs.map(pick).filter((v): v is number => v !== null);
  return values.length === 0 ? null : median(values);
}

/** The profile of untraced runs and a traced run of one subject, made now on this host. */
export function profileOfRuns(
  subject: ProfileSubject,
  tracerVersion: string,
  untraced: readonly UntracedRun[],
  traced: TracedRun,
  kinds: TracedKinds | null,
): Profile {
  const now = new Date();
  return buildProfile({
    id: newProfileId(now),
    createdAt: now.toISOString(),
    hostname: hostname(),
    subject,
    tracerVersion,
    tracerArgv: traced.argv,
    untracedWallMs: untraced.map((r) => r.wallMs),
    exitCode: untraced.find((r) => r.exitCode !== 0)?.exitCode ?? 0,
    tracedWallMs: traced.wallMs,
    syscalls: traced.syscalls,
    perf: {
      wallMs: null,
      cpuMs: medianOf(untraced, (r) => r.perf.cpuMs),
      pageFaults: medianOf(untraced, (r) => r.perf.pageFaults),
      minorFaults: medianOf(untraced, (r) => r.perf.minorFaults),
      majorFaults: medianOf(untraced, (r) => r.perf.majorFaults),
      contextSwitches: medianOf(untraced, (r) => r.perf.contextSwitches),
      userMs: medianOf(untraced, (r) => r.perf.userMs),
    },
    faultKinds: kinds?.faults ?? null,
    mmapKinds: kinds?.mmaps ?? null,
    remaps: kinds?.remaps ?? null,
    idle: kinds?.idle ?? null,
  });
}

/**
 * Parser of `perf stat -x, -e duration_time,task-clock,page-faults,minor-faults,major-faults,context-switches`
 * (CSV: value, unit, event, run time, % running, metric value, metric unit), e.g.
 *
 *   22765669,ns,duration_time,22765669,100.00,1.085,G/sec
 *   20.65,msec,task-clock,20653240,100.00,0.327,CPUs utilized
 *   1084,,page-faults,20653240,100.00,52.486,K/sec
 *
 * Counting is not tracing: perf reads kernel counters and does not stop the program, so these
 * figures come from the untraced run. An event perf could not count reads `<not counted>` or
 * `<not supported>` and is returned as null.
 */
import { TracerOutputError } from './strace-summary.js';

export interface PerfEvents {
  /** wall time from the program's start to its exit (duration_time), in milliseconds */
  readonly wallMs: number | null;
  /** CPU time of the program and its children (task-clock), in milliseconds */
  readonly cpuMs: number | null;
  readonly pageFaults: number | null;
  readonly minorFaults: number | null;
  readonly majorFaults: number | null;
  readonly contextSwitches: number | null;
  /** user CPU time of the program and its children (user_time), in milliseconds; null where perf lacks it */
  readonly userMs: number | null;
}

export const PERF_EVENTS = ['duration_time', 'task-clock', 'page-faults', 'minor-faults', 'major-faults', 'context-switches'] as const;
/** Counted when this perf has it (a tool event of perf ≥ 5.17; findTools probes it). */
export const USER_TIME = 'user_time';
const KNOWN: readonly string[] = [...PERF_EVENTS, USER_TIME];

export function parsePerfStatCsv(text: string): PerfEvents {
  const values = new Map<string, number | null>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = line.split(',');
    const [value, unit, event] = [fields[0] ?? '', fields[1] ?? '', fields[2] ?? ''];
    if (!KNOWN.includes(event)) continue;
    if (value.startsWith('<')) {
      values.set(event, null);
      continue;
    }
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) throw new TracerOutputError(`perf stat: unreadable value '${value}' for ${event}`);
    values.set(event, event === 'task-clock' || event === 'duration_time' || event === USER_TIME ? toMs(n, unit) : n);
  }
  if (values.size === 0) throw new TracerOutputError(`perf stat printed none of the events ${PERF_EVENTS.join(', ')}`);
  const get = (e: string): number | null => values.get(e) ?? null;
  return {
    wallMs: get('duration_time'),
    cpuMs: get('task-clock'),
    pageFaults: get('page-faults'),
    minorFaults: get('minor-faults'),
    majorFaults: get('major-faults'),
    contextSwitches: get('context-switches'),
    userMs: get(USER_TIME),
  };
}

function toMs(value: number, unit: string): number {
  if (unit === 'msec') return value;
  if (unit === 'usec') return value / 1000;
  if (unit === 'nsec' || unit === 'ns') return value / 1e6;
  if (unit === 'sec') return value * 1000;
  throw new TracerOutputError(`perf stat: unknown unit '${unit}' for a time event`);
}

/** Finding the tracer, the counter and the profiled command before any work starts. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { usageError } from '../errors.js';
import { PERF_EVENTS, USER_TIME } from './perf-stat.js';
import { KINDS_TRACE_ARGS } from './perf-faults.js';

/** The executable a command name resolves to on PATH (or the path itself), or null. */
export function findExecutable(name: string, path = process.env['PATH'] ?? ''): string | null {
  const candidates = name.includes('/') ? [name] : path.split(delimiter).filter((d) => d !== '').map((d) => join(d, name));
  for (const file of candidates) {
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not there or not executable: try the next one
    }
  }
  return null;
}

export interface Tools {
  readonly strace: string;
  readonly perf: string;
  readonly straceVersion: string;
  /** the events perf stat counts: PERF_EVENTS, and user_time where this perf has it */
  readonly perfEvents: readonly string[];
  /** true where perf trace can trace page faults with their access (tracefs, root), else why not */
  readonly faultTrace: true | string;
}

/** strace and perf, or a usage error (exit 2) naming the missing one and how to install it. */
export async function findTools(): Promise<Tools> {
  const strace = findExecutable('strace');
  if (!strace) throw usageError('isobench profile needs the tracer strace, which is not on PATH', 'install it: apt-get install strace (scripts/setup-host.sh does)');
  const perf = findExecutable('perf');
  if (!perf) throw usageError('isobench profile needs perf (perf stat counts faults and CPU time untraced), which is not on PATH', 'install it: apt-get install linux-perf (scripts/setup-host.sh does)');
  const version = await execa(strace, ['-V'], { reject: false });
  const straceVersion = /version\s+(\S+)/.exec(String(version.stdout))?.[1] ?? 'unknown';
  const probe = await execa(perf, ['stat', '-x,', '-e', 'task-clock', '--', 'true'], { reject: false });
  if (probe.exitCode !== 0) {
    throw usageError(`perf stat does not work here: ${String(probe.stderr).split('\n')[0] ?? ''}`, 'run as root or lower /proc/sys/kernel/perf_event_paranoid');
  }
  const user = await execa(perf, ['stat', '-x,', '-e', USER_TIME, '--', 'true'], { reject: false });
  const perfEvents = [...PERF_EVENTS, ...(user.exitCode === 0 ? [USER_TIME] : [])];
  return { strace, perf, straceVersion, perfEvents, faultTrace: await probeFaultTrace(perf) };
}

/** Whether `perf trace` can trace page faults here; where it cannot, the first line of its complaint. */
async function probeFaultTrace(perf: string): Promise<true | string> {
  const args = [...KINDS_TRACE_ARGS, '-o', '/dev/null', '--', 'true'];
  const probe = await execa(perf, args, { reject: false, stdin: 'ignore' });
  if (probe.exitCode === 0) return true;
  const said = String(probe.stderr).split('\n').find((l) => l.trim() !== '') ?? `exit code ${probe.exitCode}`;
  return `perf trace cannot trace page faults here (${said.trim()})`;
}

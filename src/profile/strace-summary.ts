/**
 * Parser of strace's summary table (`strace -c -f -w -U name,calls,errors,total-time`):
 *
 *   syscall              calls    errors     seconds
 *   ---------------- --------- --------- -----------
 *   newfstatat             219        27    0.004889
 *   read                    59              0.004696
 *   ---------------- --------- --------- -----------
 *   total                  519        34    0.026413
 *
 * The errors column is blank when a call never failed. With -w the seconds are wall-clock time
 * spent in each call (as traced, so inflated by the tracer: used for nothing but display).
 */
export interface SyscallCount {
  readonly name: string;
  readonly calls: number;
  readonly errors: number;
  /** wall time inside the call as strace saw it (tracer overhead included) */
  readonly tracedSeconds: number;
}

const ROW = /^([a-z_][a-z0-9_]*)\s+(\d+)\s+(\d+)?\s+(\d+(?:\.\d+)?)$/;

export class TracerOutputError extends Error {}

/** The per-call rows of the summary (the `total` row left out), in strace's order. */
export function parseStraceSummary(text: string): SyscallCount[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  const header = lines.findIndex((l) => /^syscall\s+calls\s+errors\s+seconds$/.test(l));
  if (header < 0) throw new TracerOutputError('no strace summary header (syscall calls errors seconds) in the output');
  const rows: SyscallCount[] = [];
  let total: number | null = null;
  for (const line of lines.slice(header + 1)) {
    if (line === '' || line.startsWith('---')) continue;
    const m = ROW.exec(line);
    if (!m) throw new TracerOutputError(`unexpected line in the strace summary: '${line}'`);
    const [, name, calls, errors, seconds] = m as unknown as [string, string, string, string | undefined, string];
    if (name === 'total') {
      total = Number(calls);
      break;
    }
    rows.push({ name, calls: Number(calls), errors: errors === undefined ? 0 : Number(errors), tracedSeconds: Number(seconds) });
  }
  if (total === null) throw new TracerOutputError('the strace summary has no total row (was the tracer stopped early?)');
  const sum = rows.reduce((s, r) => s + r.calls, 0);
  if (sum !== total) throw new TracerOutputError(`the strace summary's rows add up to ${sum} calls, its total says ${total}`);
  return rows;
}

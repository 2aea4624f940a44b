/**
 * Parser of the system calls in the same `perf trace` run as the page faults (perf-faults.ts): how
 * many of a thread's calls, and how many of its page faults, came after a stretch of at least
 * IDLE_GAP_US in user space since its last call ended or its last page fault. perf 6.1 prints a call
 * with its start (ms) and duration, a call that blocked as its start and later its end, and a fault's
 * tracepoint with its time:
 *
 *   0.521 ( 0.012 ms): python3/22039 openat(dfd: CWD, filename: 0x9708e0b1, flags: RDONLY|CLOEXEC) = 4
 *  34.542 (         ): bash/22039 read(fd: 4<pipe:[2209668]>, buf: 0x7fff243b8f60, count: 4096)      ...
 *  34.542 ( 1.608 ms): bash/22039  ... [continued]: read())                                             = 18
 *  36.168 (         ): bash/22039 exceptions:page_fault_user(address: 0x7f12f7d7fcc0, ip: 1397194429, error_code: 7)
 *
 * Under gVisor (systrap) a call that finds the Sentry and the stub thread asleep pays their wake-up:
 * they spin a while after each trap, then sleep (measured here: getppid 6-8 µs after 0-10 µs of user
 * work, 15-21 µs after 20-50 µs); the calls metrics time calls back to back, as the spinning finds
 * them. A page fault is a trap as a call is (under systrap the stub's SIGSEGV is handed to the Sentry
 * the same way) and pays the same wake-up after a stretch: measured here, a first touch of a page 2 MiB
 * from any other cost runsc 73-105 µs after 0-10 µs of user work and 106-198 µs after 15-100 µs
 * (natively 2.1-2.6 µs after any); the calls metrics time faults back to back too. A fault counted
 * natively need not be one under gVisor, which maps more around a fault than Linux: the count is an
 * upper bound of its trapping ones. Natively a call costs the same after any gap. The gap is the
 * traced run's: it ends at the call's start (a fault's tracepoint) and begins at the end of the last
 * call, or at perf's line for the last fault (after its tracepoint), so it still holds perf's own cost
 * around each event (here 5-16 µs between events back to back): the count errs towards more of them
 * after idle, for gaps near the threshold. A thread's first call or fault (after an exec or a clone)
 * has no gap and is not counted as after one. Of those after a stretch, the ones after a long one
 * (LONG_IDLE_GAP_US) are counted too: they pay a deeper wake-up.
 */

/** The user-space stretch after which gVisor's spinning has given up (between the 10 and 20 µs measured). */
export const IDLE_GAP_US = 20;

/**
 * The stretch after which the wake-up costs more again: measured on 2026-12-07 (a 2-vCPU PVM guest), a getppid
 * under runsc cost 25-32 µs after 10-150 µs of user work, 66-69 after 200 µs, 76 after 400 µs, 79-106 after 1 ms
 * and 76-147 after 3 ms (natively 1.1-1.7 at any): the Sentry's threads then sleep deeper. Where on a host the step
 * lies further out (1-2 ms on an earlier one), the calls metric getppid_after_long_idle reads the shorter wake-up.
 */
export const LONG_IDLE_GAP_US = 200;

export interface IdleCalls {
  /** the traced system calls (blocked ones once) */
  readonly syscalls: number;
  /** of those, the ones made at least IDLE_GAP_US after the thread's last call or fault */
  readonly afterIdle: number;
  /** the traced page faults (their tracepoints); absent in profiles of earlier versions */
  readonly faults?: number;
  /** of those, the ones taken at least IDLE_GAP_US after the thread's last call or fault */
  readonly faultsAfterIdle?: number;
  /** of the calls after idle, those made at least LONG_IDLE_GAP_US after (absent in profiles of earlier versions) */
  readonly afterLongIdle?: number;
  /** of the faults after idle, those taken at least LONG_IDLE_GAP_US after (absent in earlier profiles) */
  readonly faultsAfterLongIdle?: number;
}

const EVENT = /^\s*([\d.]+|\?) \(\s*(?:([\d.]+) ms)?\s*\): \S*\/(\d+) (.*)$/;

/** The calls and faults and those after an idle stretch, or null when the text has no system call line. */
export function parsePerfIdle(text: string): IdleCalls | null {
  /** tid → when its last call or fault ended (ms); absent: unknown (a call still blocked, a fresh thread) */
  const lastEnd = new Map<string, number>();
  let syscalls = 0;
  let afterIdle = 0;
  let faults = 0;
  let faultsAfterIdle = 0;
  let afterLongIdle = 0;
  let faultsAfterLongIdle = 0;
  /** µs in user space since the thread's last call or fault; -1 where unknown */
  const gapUs = (tid: string, at: number): number => {
    const last = lastEnd.get(tid);
    return last === undefined ? -1 : (at - last) * 1000;
  };
  for (const line of text.split('\n')) {
    const m = EVENT.exec(line);
    if (!m) continue;
    const [, at, ms, tid, what] = m as unknown as [string, string, string | undefined, string, string];
    const rest = what.trimStart(); // perf indents a continued call
    const start = at === '?' ? Number.NaN : Number(at);
    const end = start + (ms === undefined ? 0 : Number(ms));
    if (rest.startsWith('... [continued]:')) {
      if (Number.isFinite(end)) lastEnd.set(tid, end);
      else lastEnd.delete(tid);
      continue;
    }
    const tracepoint = rest.startsWith('exceptions:page_fault_user(');
    if (tracepoint || /^(?:min|maj)fault /.test(rest)) {
      // a fault: its tracepoint (counted), then perf's line for it, some µs later (perf's own cost)
      if (!Number.isFinite(start)) continue;
      if (tracepoint) {
        const gap = gapUs(tid, start);
        faults += 1;
        if (gap >= IDLE_GAP_US) faultsAfterIdle += 1;
        if (gap >= LONG_IDLE_GAP_US) faultsAfterLongIdle += 1;
      }
      lastEnd.set(tid, Math.max(start, lastEnd.get(tid) ?? start));
      continue;
    }
    if (!/^\w+\(/.test(rest)) continue;
    const gap = gapUs(tid, start);
    syscalls += 1;
    if (gap >= IDLE_GAP_US) afterIdle += 1;
    if (gap >= LONG_IDLE_GAP_US) afterLongIdle += 1;
    const blocked = ms === undefined;
    if (blocked || !Number.isFinite(end)) lastEnd.delete(tid);
    else lastEnd.set(tid, end);
  }
  return syscalls === 0 ? null : { syscalls, afterIdle, faults, faultsAfterIdle, afterLongIdle, faultsAfterLongIdle };
}

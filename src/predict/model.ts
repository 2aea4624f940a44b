/**
 * The prediction: a program's native untraced wall time plus, for every system call it made,
 * count × (cost on the runtime − cost natively), plus, for each kind of page fault (anonymous,
 * a thread's first or later read of a file, the first write to a mapping of a file by its size, a
 * later write next to the last or apart), its count ×
 * that fault's cost delta, plus its user CPU time × (the runtime's compute time per hash of the
 * cpu workload ÷ native's − 1), plus for each call made and each fault taken after a stretch in user
 * space the wake-up delta (a getppid after 50 µs of user work less one back to back, on the runtime
 * less natively), and for those after a long stretch (200 µs) the long wake-up's instead (after 500 µs):
 *
 *   predictedMs(rt) = native.wallMs + Σ_calls count · (price_rt − price_native)
 *                     + Σ_kinds faults · (pf_rt − pf_native) + userMs · (hash_rt / hash_native − 1)
 *                     + (afterIdle − afterLongIdle) · Δwake + afterLongIdle · ΔlongWake
 *
 * A kind's count is its share of the traced run's faults times the untraced run's count; a
 * profile without kinds (an older one, a --pid) or a run without the file-fault metrics prices
 * every fault as an anonymous one (the latter marked as an estimate). mmaps are split the same
 * way, by the traced shares of anonymous and file mappings, each priced by its own metric, and
 * before that the mmaps (MAP_FIXED), mprotects, munmaps and heap-shrinking brks over memory the program
 * had touched by theirs (under gVisor such a change must undo what the Sentry mapped into the host).
 * Prices come from the mapping table (mapping.ts); a call with no metric of its own, or whose
 * metric the run lacks, is priced at its class's median price, and the prediction says how much
 * of the extra time rests on such estimates. Context switches are reported, not priced: the
 * blocking they stand for is already in the futex, pipe and poll prices.
 */
import { median } from 'simple-statistics';
import { IDLE_GAP_US, LONG_IDLE_GAP_US } from '../profile/perf-idle.js';
import type { Profile } from '../profile/profile.js';
import { COMPUTE_KEY, refKey, type CostPick } from './costs.js';
import {
  AFTER_IDLE, AFTER_LONG_IDLE, BRK_SHRINK_WRITTEN, CALL_CLASSES, FAULT_PRICES, MMAP_FILE, MMAP_OVER_TOUCHED,
  MPROTECT_WRITTEN, MUNMAP_TOUCHED, PAGE_FAULT,
  PRICINGS,
  pricingOf, type CallClass, type Priced, type Pricing,
} from './mapping.js';

export const NATIVE = 'native';

/** ns per call of one pricing on one target; undefined when a metric it needs was not measured */
export function priceOf(pricing: Pricing, target: string, pick: CostPick): number | undefined {
  const from = pick(target, refKey(pricing.from));
  if (from === undefined) return undefined;
  if (!pricing.minus) return from * pricing.from.share;
  const minus = pick(target, refKey(pricing.minus));
  return minus === undefined ? undefined : from * pricing.from.share - minus * pricing.minus.share;
}

/** The median per-call price of the class's measured members on a target. */
export function classPrice(cls: CallClass, target: string, pick: CostPick): number | undefined {
  const prices = PRICINGS.filter((p) => p.cls === cls).map((p) => priceOf(p, target, pick)).filter((v): v is number => v !== undefined);
  return prices.length === 0 ? undefined : median(prices);
}

export interface CallExtra {
  readonly name: string;
  readonly calls: number;
  /** count × delta, in ms (negative where the runtime measured cheaper) */
  readonly extraMs: number;
  readonly source: 'measured' | CallClass;
}

export interface Evaluation {
  readonly predictedMs: number;
  readonly extraMs: number;
  readonly rows: readonly CallExtra[];
  /** the page-fault rows (one per kind), when the profile counted faults and the run measured page_fault */
  readonly faults: readonly CallExtra[];
  /** the user CPU time row (calls = ms of user time), when the profile has it and the run measured cpu */
  readonly compute: CallExtra | null;
  /**
   * the wake-ups of the calls and faults after a stretch in user space, when the profile counted them and the run
   * measured it: one row, or two where the long stretches are counted and measured apart
   */
  readonly idle: readonly CallExtra[];
}

function delta(priced: (target: string) => number | undefined, runtime: string): number | undefined {
  const rt = priced(runtime);
  const native = priced(NATIVE);
  return rt === undefined || native === undefined ? undefined : rt - native;
}

/** One evaluation of the model for one runtime with the costs `pick` gives; null when even the classes lack costs. */
export function evaluate(profile: Profile, runtime: string, pick: CostPick): Evaluation | null {
  const classDeltas = new Map(CALL_CLASSES.map((c) => [c, delta((t) => classPrice(c, t, pick), runtime)] as const));
  const rows: CallExtra[] = [];
  for (const call of pricedCalls(profile)) {
    const priced = call.priced;
    const measured = priced.kind === 'metric' ? delta((t) => priceOf(priced.pricing, t, pick), runtime) : undefined;
    const own = priced.kind === 'metric' ? priced.pricing.cls : priced.cls;
    // a class none of whose members the run measured falls back to the cheap class (getppid)
    const cls = classDeltas.get(own) === undefined ? 'cheap' : own;
    const perCallNs = measured ?? classDeltas.get(cls);
    if (perCallNs === undefined) return null;
    rows.push({ name: call.name, calls: call.calls, extraMs: (call.calls * perCallNs) / 1e6, source: measured === undefined ? cls : 'measured' });
  }
  const faults = faultRows(profile, runtime, pick);
  const compute = computeRow(profile, runtime, pick);
  const idle = idleRows(profile, runtime, pick);
  const e = { rows, faults, compute, idle };
  const extraMs = rowsOf(e).reduce((s, r) => s + r.extraMs, 0);
  return { predictedMs: profile.native.wallMs + extraMs, extraMs, ...e };
}

/** Every row of an evaluation: calls, page faults, user time, wake-ups. */
export const rowsOf = (e: Pick<Evaluation, 'rows' | 'faults' | 'compute' | 'idle'>): CallExtra[] =>
  [...e.rows, ...e.faults, ...(e.compute ? [e.compute] : []), ...e.idle];

interface PricedCall {
  readonly name: string;
  readonly calls: number;
  readonly priced: Priced;
}

const metric = (pricing: Pricing): Priced => ({ kind: 'metric', pricing });

/** Of `calls` traced as `all`, the share `part` of them, rounded. */
const shareOf = (calls: number, part: number, all: number): number =>
  all === 0 ? 0 : Math.round((calls * part) / all);

/**
 * The profile's calls with their pricing. Where the profile traced them, the mmaps, mprotects and
 * munmaps over touched memory are split off by their traced shares and priced by their own metrics,
 * and the other mmaps split into anonymous and file ones by the traced shares of those.
 */
function pricedCalls(profile: Profile): PricedCall[] {
  const kinds = profile.events.mmapKinds ?? null;
  const remaps = profile.events.remaps ?? null;
  return profile.syscalls.flatMap(({ name, calls }): PricedCall[] => {
    const priced = pricingOf(name);
    let rest = calls;
    const split: PricedCall[] = [];
    const splitOff = (label: string, part: number, all: number, pricing: Pricing): void => {
      const n = Math.min(rest, shareOf(calls, part, all));
      split.push({ name: label, calls: n, priced: metric(pricing) });
      rest -= n;
    };
    if (remaps !== null && name === 'mmap') {
      splitOff('mmap (over touched)', remaps.mmapOverTouched, remaps.mmap, MMAP_OVER_TOUCHED);
    } else if (remaps !== null && name === 'mprotect') {
      splitOff('mprotect (written)', remaps.mprotectWritten, remaps.mprotect, MPROTECT_WRITTEN);
    } else if (remaps !== null && name === 'munmap') {
      splitOff('munmap (touched)', remaps.munmapTouched, remaps.munmap, MUNMAP_TOUCHED);
    } else if (remaps !== null && name === 'brk') {
      splitOff('brk (shrinking written heap)', remaps.brkShrinkWritten ?? 0, remaps.brk ?? 0, BRK_SHRINK_WRITTEN);
    }
    if (name === 'mmap' && kinds !== null && kinds.anonymous + kinds.file > 0) {
      const file = shareOf(rest, kinds.file, kinds.anonymous + kinds.file);
      split.push({ name: 'mmap (anonymous)', calls: rest - file, priced });
      split.push({ name: 'mmap (file)', calls: file, priced: metric(MMAP_FILE) });
    } else if (split.length === 0) {
      return [{ name, calls, priced }];
    } else {
      split.push({ name: rest === calls ? name : `${name} (other)`, calls: rest, priced });
    }
    return split.filter((c) => c.calls > 0);
  });
}

/** The untraced run's faults split by the traced run's kinds, each priced by its own metric where the run has it. */
function faultRows(profile: Profile, runtime: string, pick: CostPick): CallExtra[] {
  const total = profile.events.minorFaults ?? profile.events.pageFaults;
  const anonymous = delta((t) => pick(t, refKey(PAGE_FAULT)), runtime);
  if (total === null || anonymous === undefined) return [];
  const kinds = profile.events.faultKinds ?? null;
  const traced = kinds === null ? 0 : FAULT_PRICES.reduce((s, f) => s + kinds[f.kind], 0);
  if (kinds === null || traced === 0) {
    return [{ name: 'page faults', calls: total, extraMs: (total * anonymous) / 1e6, source: 'measured' }];
  }
  const rows: CallExtra[] = [];
  for (const { kind, name, ref } of FAULT_PRICES) {
    const calls = Math.round((total * kinds[kind]) / traced);
    if (calls === 0) continue;
    const own = delta((t) => pick(t, refKey(ref)), runtime);
    const source = own === undefined ? 'memory' : 'measured';
    rows.push({ name, calls, extraMs: (calls * (own ?? anonymous)) / 1e6, source });
  }
  return rows;
}

/**
 * User CPU time runs at the runtime's compute speed, as the `cpu` workload measured it (a pure
 * user-space loop: native ns per hash ÷ the runtime's): extra = user ms × (ratio − 1). Null when the
 * profile has no user time (perf without user_time, an older profile) or the run no cpu workload.
 */
function computeRow(profile: Profile, runtime: string, pick: CostPick): CallExtra | null {
  const userMs = profile.events.userMs ?? null;
  const rt = pick(runtime, COMPUTE_KEY);
  const native = pick(NATIVE, COMPUTE_KEY);
  if (userMs === null || rt === undefined || native === undefined) return null;
  return { name: 'user CPU ms', calls: Math.round(userMs), extraMs: userMs * (rt / native - 1), source: 'measured' };
}

/**
 * The calls after a stretch of IDLE_GAP_US in user space (their traced share of all the profile's
 * calls), and the page faults after one (their traced share of the untraced run's faults), pay the
 * runtime's wake-up besides their own price; those after LONG_IDLE_GAP_US pay the long wake-up
 * instead, where the profile counted them and the run measured getppid_after_long_idle (else the
 * one wake-up for all). None when the profile did not trace the gaps (an older one, a --pid) or the
 * run lacks getppid_after_idle; a profile that counted the calls only (an older one) prices the calls only.
 */
function idleRows(profile: Profile, runtime: string, pick: CostPick): CallExtra[] {
  const idle = profile.events.idle ?? null;
  const perCallNs = delta((t) => priceOf(AFTER_IDLE, t, pick), runtime);
  if (idle === null || perCallNs === undefined) return [];
  const total = profile.syscalls.reduce((s, c) => s + c.calls, 0);
  const faults = profile.events.minorFaults ?? profile.events.pageFaults ?? 0;
  const count = (calls: number, traced: number | undefined): number =>
    shareOf(total, calls, idle.syscalls) + shareOf(faults, traced ?? 0, idle.faults ?? 0);
  const all = count(idle.afterIdle, idle.faultsAfterIdle);
  const longNs = delta((t) => priceOf(AFTER_LONG_IDLE, t, pick), runtime);
  const long = idle.afterLongIdle === undefined || longNs === undefined
    ? 0 : Math.min(all, count(idle.afterLongIdle, idle.faultsAfterLongIdle));
  const rows: CallExtra[] = [{
    name: `wake-ups (calls and faults after ≥ ${IDLE_GAP_US} µs in user space)`,
    calls: all - long, extraMs: ((all - long) * perCallNs) / 1e6, source: 'measured',
  }];
  if (long > 0 && longNs !== undefined) {
    const name = `wake-ups, long (calls and faults after ≥ ${LONG_IDLE_GAP_US} µs in user space)`;
    rows.push({ name, calls: long, extraMs: (long * longNs) / 1e6, source: 'measured' });
  }
  return rows;
}

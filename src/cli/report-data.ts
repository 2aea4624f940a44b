import { evaluateClaims } from '../analysis/claim-eval.js';
import { type SampleRow, groupSamples } from '../analysis/groups.js';
import { type HistoryRun, runMedians } from '../analysis/history.js';
import { summarizeGroups } from '../analysis/summary.js';
import { withPairedOverhead } from '../analysis/paired-summary.js';
import { BUILTIN_CLAIMS, type Claim } from '../claims/index.js';
import { ANSWER_REFERENCES, buildAnswer } from '../report/answer.js';
import type { ReportData, RunHeader } from '../report/model.js';
import type { MetricSummary } from '../analysis/summary.js';
import type { SampleGroup } from '../analysis/groups.js';
import type { RunRecord, StoredSample } from '../store/records.js';
import type { Store } from '../store/store.js';
import { APP_WORKLOAD_IDS, WORKLOADS, workloadById } from '../workloads/catalogue.js';
import type { Direction } from '../workloads/types.js';
import { COMPAT_CLAIMS } from '../claims/builtin-compat.js';
import { matrixOfRun } from '../compat/from-run.js';
import { judgeCompatClaims } from '../compat/verdicts.js';
import { checkBaseline } from './baseline.js';
import { checkApplications } from '../predict/app-check.js';
import { costTable } from '../predict/costs.js';
import type { AppCheckSection } from '../report/model.js';
import { chooseCostRun, hasCallCosts } from './cost-run.js';
import { runMeta } from './run-meta.js';

/** The catalogue's application workloads (the report's `apps` family). */
export const APPLICATION_WORKLOADS: readonly string[] = APP_WORKLOAD_IDS;
import { pairedRatioLookup, pairedRatiosOfRun } from './paired-data.js';

const withLookup = <T>(lookup: T | undefined): { pairedRatio?: T } => (lookup === undefined ? {} : { pairedRatio: lookup });

/** `workload/metric` of every metric the catalogue knows (claims on others are unmeasurable). */
const KNOWN_METRICS: ReadonlySet<string> = new Set(WORKLOADS.flatMap((w) => w.metrics.map((m) => `${w.id}/${m.name}`)));

/** The catalogue's direction for a metric; for metrics it no longer lists, rates are higher-is-better. */
export function directionOf(workload: string, metric: string, unit: string): Direction {
  const spec = workloadById(workload)?.metrics.find((m) => m.name === metric);
  if (spec) return spec.direction;
  return unit.endsWith('/s') ? 'higher-is-better' : 'lower-is-better';
}

/** `--baseline` if given (it must be one of the run's targets), else runc, else native, else the first. */
export function chooseBaseline(run: RunRecord, requested: string | undefined): string {
  const ids = run.targets.map((t) => t.target);
  checkBaseline(requested, ids, `run ${run.id}`);
  if (requested !== undefined) return requested;
  return ['runc', 'native'].find((id) => ids.includes(id)) ?? ids[0] ?? 'runc';
}

export function buildReportData(
  store: Store,
  run: RunRecord,
  options: { baseline?: string; seed?: number; claims?: readonly Claim[]; history?: number },
): ReportData {
  const baseline = chooseBaseline(run, options.baseline);
  const seed = options.seed ?? run.seed;
  const groups = groupSamples(sampleRows(store, run.id));
  // A paired run's overhead is its paired ratio (issue 15); other runs are as before.
  const summaries = withPairedOverhead(summarizeGroups(groups, { baseline, seed }), pairedRatiosOfRun(store, run, baseline));
  const runTargets = run.targets.map((t) => t.target);
  const claims = evaluateClaims(options.claims ?? BUILTIN_CLAIMS, { groups, runTargets, knownMetrics: KNOWN_METRICS, seed, ...withLookup(pairedRatioLookup(store, run)) });
  const matrix = matrixOfRun(run.id, run.targets, store.trials(run.id), store.compatChecks(run.id));
  const compat = matrix ? { matrix, verdicts: judgeCompatClaims(matrix, COMPAT_CLAIMS) } : undefined;
  const answer = buildAnswer({ byReference: referenceSummaries(groups, runTargets, baseline, summaries, seed), applications: new Set(APPLICATION_WORKLOADS) });
  const appCheck = appCheckOf(store, run, summaries);
  return {
    baseline, summaries, claims, answer, applications: APPLICATION_WORKLOADS,
    history: earlierRuns(store, run, options.history ?? 0), run: runHeader(run), ...(compat ? { compat } : {}),
    ...(appCheck ? { appCheck } : {}),
  };
}

/** The workloads besides `calls` whose samples price a profile: the cheap calls (getppid) and the compute speed. */
const COST_WORKLOADS: readonly string[] = ['syscall', 'cpu'];

/**
 * The cost run's samples, and where it lacks `syscall` or `cpu` and the checked run has them, the
 * checked run's own (named in `own`): a run of the applications with `syscall` priced by an
 * earlier run of `calls` alone.
 */
function costSamples(store: Store, run: RunRecord, costRun: RunRecord): { samples: StoredSample[]; own: string[] } {
  const borrowed = store.samples(costRun.id);
  if (costRun.id === run.id) return { samples: borrowed, own: [] };
  const lent = new Set(borrowed.map((s) => s.workload));
  const mine = store.samples(run.id).filter((s) => COST_WORKLOADS.includes(s.workload) && !lent.has(s.workload));
  const own = COST_WORKLOADS.filter((w) => mine.some((s) => s.workload === w));
  return { samples: [...borrowed, ...mine], own };
}

/**
 * Predicted against measured slowdown of the run's profiled applications (issue 11), priced by
 * the run's own per-call costs, else by the latest run that has them (completed by the run's own
 * syscall and cpu where that one lacks them); absent when the run profiled none.
 */
function appCheckOf(store: Store, run: RunRecord, summaries: readonly MetricSummary[]): AppCheckSection | undefined {
  const { profiles, unreadable } = store.runProfiles(run.id);
  if (profiles.length === 0 && unreadable.length === 0) return undefined;
  if (profiles.length === 0) {
    const n = unreadable.length;
    return { missing: `the run's ${n} application profiles no longer read (an older isobench wrote them)` };
  }
  let costRun: RunRecord;
  try {
    costRun = hasCallCosts(store, run) ? run : chooseCostRun(store, undefined);
  } catch {
    return { missing: `${profiles.length} application commands were profiled, but no stored run has the calls workload to price them: isobench run --workloads calls` };
  }
  const runtimes = run.targets.map((t) => t.target).filter((t) => t !== 'native');
  const { samples, own } = costSamples(store, run, costRun);
  const check = checkApplications(profiles, costTable(samples), summaries, runtimes, costRun.id, own);
  return { check: { ...check, unreadable: unreadable.map((u) => u.id) } };
}

/** Summaries against native and runc (those the run has), reusing the report's own when its baseline is one. */
function referenceSummaries(
  groups: ReadonlyMap<string, SampleGroup>, targets: readonly string[], baseline: string, summaries: MetricSummary[], seed: number,
): Map<string, readonly MetricSummary[]> {
  const byReference = new Map<string, readonly MetricSummary[]>();
  for (const reference of ANSWER_REFERENCES.filter((r) => targets.includes(r))) {
    byReference.set(reference, reference === baseline ? summaries : summarizeGroups(groups, { baseline: reference, seed }));
  }
  return byReference;
}

/** A run's samples with each metric's direction, as the analysis wants them. */
export function sampleRows(store: Store, runId: string): SampleRow[] {
  return store.samples(runId).map((s) => ({ ...s, direction: directionOf(s.workload, s.metric, s.unit) }));
}

export function runHeader(run: RunRecord): RunHeader {
  return {
    id: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    status: run.status,
    seed: run.seed,
    meta: runMeta(run),
    host: { hostname: run.host.hostname, kernel: run.host.kernel, cpuModel: run.host.cpuModel, cpus: run.host.cpus, virtualised: run.host.virtualised },
    runtimes: run.targets.map((t) => ({ target: t.target, engineRuntime: t.engineRuntime === null ? null : `${t.engine ?? 'docker'} ${t.engineRuntime}`, tier: t.tier, version: t.version, flags: [...t.flags] })),
  };
}

/** The medians of up to `count` complete runs of the same host stored before `run`, oldest first. */
function earlierRuns(store: Store, run: RunRecord, count: number): HistoryRun[] {
  if (count <= 0) return [];
  const all = store.listRuns();
  const before = all.slice(0, Math.max(0, all.findIndex((r) => r.id === run.id)));
  return before
    .filter((r) => r.status === 'complete' && r.host.hostname === run.host.hostname)
    .slice(-count)
    .map((r) => ({ runId: r.id, startedAt: r.startedAt, medians: runMedians(sampleRows(store, r.id)) }));
}

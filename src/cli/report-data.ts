import { evaluateClaims } from '../analysis/claim-eval.js';
import { type SampleRow, groupSamples } from '../analysis/groups.js';
import { type HistoryRun, runMedians } from '../analysis/history.js';
import { summarizeGroups } from '../analysis/summary.js';
import { withPairedOverhead } from '../analysis/paired-summary.js';
import { BUILTIN_CLAIMS, type Claim } from '../claims/index.js';
import { usageError } from '../errors.js';
import type { ReportData, RunHeader } from '../report/model.js';
import type { RunRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { WORKLOADS, workloadById } from '../workloads/catalogue.js';
import type { Direction } from '../workloads/types.js';
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
  if (requested !== undefined) {
    if (!ids.includes(requested)) throw usageError(`baseline '${requested}' is not a runtime of run ${run.id}`, `accepted: ${ids.join(', ')}`);
    return requested;
  }
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
  return { baseline, summaries, claims, history: earlierRuns(store, run, options.history ?? 0), run: runHeader(run) };
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

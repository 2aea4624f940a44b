import { summarize } from '../analysis/summary.js';
import { usageError } from '../errors.js';
import type { ReportData } from '../report/model.js';
import type { RunRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { workloadById } from '../workloads/catalogue.js';
import type { Direction } from '../workloads/types.js';

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

export function buildReportData(store: Store, run: RunRecord, options: { baseline?: string; seed?: number }): ReportData {
  const baseline = chooseBaseline(run, options.baseline);
  const rows = store.samples(run.id).map((s) => ({ ...s, direction: directionOf(s.workload, s.metric, s.unit) }));
  const summaries = summarize(rows, { baseline, seed: options.seed ?? run.seed });
  return {
    baseline,
    summaries,
    run: {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: run.status,
      seed: run.seed,
      host: { hostname: run.host.hostname, kernel: run.host.kernel, cpuModel: run.host.cpuModel, cpus: run.host.cpus, virtualised: run.host.virtualised },
      runtimes: run.targets.map((t) => ({ target: t.target, dockerRuntime: t.dockerRuntime, tier: t.tier, version: t.version, flags: [...t.flags] })),
    },
  };
}

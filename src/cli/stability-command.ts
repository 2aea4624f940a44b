import { groupSamples } from '../analysis/groups.js';
import { medianOfSorted } from '../analysis/stats.js';
import { IsobenchError } from '../errors.js';
import { runToRunSpread, type RunMedian } from '../stability/spread.js';
import type { ListFormat } from '../report/list-formats.js';
import { renderStability } from '../report/stability-render.js';
import { pairedRatiosOfRun } from './paired-data.js';
import { openExisting } from './report-command.js';
import { checkBaseline } from './baseline.js';
import { sampleRows } from './report-data.js';

/**
 * `isobench stability`: the coefficient of variation of each metric's median over the last
 * N complete runs of this database's latest host, so a user sees which figures are stable
 * enough to compare (issue 3: per-op metrics on runc should stay at or below 5 %), and of each
 * runtime's ratio to a baseline measured in the same runs (what a choice between runtimes rests on).
 */
export function stabilityCommand(options: { db: string; last: number; host?: string; baseline: string; format?: ListFormat }): number {
  const store = openExisting(options.db);
  try {
    const all = store.listRuns().filter((r) => r.status === 'complete');
    const host = options.host ?? all.at(-1)?.host.hostname;
    const runs = all.filter((r) => r.host.hostname === host).slice(-options.last);
    if (runs.length === 0) {
      throw new IsobenchError('RUN_NOT_FOUND', `no complete run${host ? ` of host ${host}` : ''} in ${options.db}`, { hint: 'run `isobench run` a few times first', exitCode: 2 });
    }
    checkBaseline(options.baseline, [...new Set(runs.flatMap((r) => r.targets.map((t) => t.target)))], `the ${runs.length} run(s) of host ${host ?? ''}`);
    const medians: RunMedian[] = runs.flatMap((run) => {
      // a paired run's ratio is its paired ratio (issue 15), not the ratio of two medians
      const paired = new Map(pairedRatiosOfRun(store, run, options.baseline).map((r) => [JSON.stringify([r.target, r.workload, r.metric, r.unit]), r.ratio]));
      return [...groupSamples(sampleRows(store, run.id)).values()].map(({ first, samples }) => {
        const ratio = paired.get(JSON.stringify([first.target, first.workload, first.metric, first.unit]));
        return {
          runId: run.id, target: first.target, workload: first.workload, metric: first.metric, unit: first.unit, median: medianOfSorted(samples.pooled),
          ...(ratio !== undefined ? { pairedRatio: ratio } : {}),
        };
      });
    });
    process.stdout.write(renderStability(options.format ?? 'table', runToRunSpread(medians, options.baseline), runs.map((r) => r.id), options.baseline));
    return 0;
  } finally {
    store.close();
  }
}

import { median } from 'simple-statistics';
import { IsobenchError } from '../errors.js';
import { renderSpread, runToRunSpread, type RunMedian } from '../stability/spread.js';
import { openExisting } from './report-command.js';

/**
 * `isobench stability`: the coefficient of variation of each metric's median over the last
 * N complete runs of this database's latest host, so a user sees which figures are stable
 * enough to compare (issue 3: per-op metrics on runc should stay at or below 5 %).
 */
export function stabilityCommand(options: { db: string; last: number; host?: string }): number {
  const store = openExisting(options.db);
  try {
    const all = store.listRuns().filter((r) => r.status === 'complete');
    const host = options.host ?? all.at(-1)?.host.hostname;
    const runs = all.filter((r) => r.host.hostname === host).slice(-options.last);
    if (runs.length === 0) {
      throw new IsobenchError('RUN_NOT_FOUND', `no complete run${host ? ` of host ${host}` : ''} in ${options.db}`, { hint: 'run `isobench run` a few times first', exitCode: 2 });
    }
    const medians: RunMedian[] = [];
    for (const run of runs) {
      const groups = new Map<string, { sample: { target: string; workload: string; metric: string; unit: string }; values: number[] }>();
      for (const s of store.samples(run.id)) {
        const key = [s.target, s.workload, s.metric, s.unit].join('\u0000');
        const group = groups.get(key) ?? { sample: s, values: [] as number[] };
        group.values.push(s.value);
        groups.set(key, group);
      }
      for (const { sample, values } of groups.values()) medians.push({ runId: run.id, ...pick(sample), median: median(values) });
    }
    process.stdout.write(renderSpread(runToRunSpread(medians), runs.map((r) => r.id)));
    return 0;
  } finally {
    store.close();
  }
}

function pick(s: { target: string; workload: string; metric: string; unit: string }): Omit<RunMedian, 'runId' | 'median'> {
  return { target: s.target, workload: s.workload, metric: s.metric, unit: s.unit };
}

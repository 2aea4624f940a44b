/**
 * `isobench compare --format json`. Stable shape (version 1; fields are only ever added):
 *   { format: "isobench.compare", version: 1, base: { id, startedAt, status, hostname },
 *     new: { … }, thresholdPct, alpha, gate: "pass" | "fail",
 *     changes: [ every field of MetricChange (src/analysis/compare.ts) ],
 *     onlyIn: { base: ["runtime workload/metric", …], new: [ … ] } (measured in one run only) }
 */
import { gateFails } from '../analysis/compare.js';
import type { CompareData } from './compare-model.js';

export function renderCompareJson(data: CompareData): string {
  const run = (r: CompareData['base']) => ({ id: r.id, startedAt: r.startedAt, status: r.status, hostname: r.hostname });
  const document = {
    format: 'isobench.compare',
    version: 1,
    base: run(data.base),
    new: run(data.fresh),
    thresholdPct: data.thresholdPct,
    alpha: data.alpha,
    gate: gateFails(data.changes) ? 'fail' : 'pass',
    changes: data.changes.map((c) => ({
      target: c.target, tier: c.tier, workload: c.workload, metric: c.metric, unit: c.unit, direction: c.direction,
      baseMedian: c.baseMedian, newMedian: c.newMedian, baseN: c.baseN, newN: c.newN, baseTrials: c.baseTrials, newTrials: c.newTrials,
      changePct: c.changePct, changeCiLow: c.changeCiLow, changeCiHigh: c.changeCiHigh,
      worsePct: c.worsePct, worseCiLow: c.worseCiLow, worseCiHigh: c.worseCiHigh, confidence: c.confidence,
      pValue: c.pValue, testedOn: c.testedOn, minPValue: c.minPValue, status: c.status,
    })),
    onlyIn: { base: [...(data.onlyIn?.base ?? [])], new: [...(data.onlyIn?.fresh ?? [])] },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

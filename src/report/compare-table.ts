/** `isobench compare` as a terminal table (the default format). */
import type { MetricChange } from '../analysis/compare.js';
import { type CompareData, STATUS_LABELS, gateLines } from './compare-model.js';
import { confidenceLabel, formatInterval, formatNumber, formatPercent, safeText } from './format.js';
import { type Column, layoutColumns } from './layout.js';

export function changeCells(c: MetricChange): string[] {
  return [
    c.target,
    c.workload,
    c.metric,
    c.unit,
    formatNumber(c.baseMedian),
    formatNumber(c.newMedian),
    `${formatPercent(c.changePct)} ${formatInterval(c.changeCiLow, c.changeCiHigh, formatPercent)}`,
    formatP(c.pValue),
    `${c.baseTrials}/${c.newTrials}`,
    STATUS_LABELS[c.status],
  ];
}

export function changeColumns(confidence: number): Column[] {
  return [
    { header: 'runtime', align: 'left' },
    { header: 'workload', align: 'left' },
    { header: 'metric', align: 'left' },
    { header: 'unit', align: 'left' },
    { header: 'base', align: 'right' },
    { header: 'new', align: 'right' },
    { header: `change % [${confidenceLabel(confidence)}]`, align: 'right' },
    { header: 'p', align: 'right' },
    { header: 'trials', align: 'right' },
    { header: 'status', align: 'left' },
  ];
}

/** p-values to two significant digits, tiny ones as `< 0.001`. */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toPrecision(2);
}

export function renderCompareTable(data: CompareData): string {
  const confidence = data.changes[0]?.confidence ?? 0.95;
  const lines = [
    `isobench compare ${safeText(data.base.id)} → ${safeText(data.fresh.id)}`,
    '',
    `base  ${safeText(data.base.id)}  ${safeText(data.base.startedAt)}  ${safeText(data.base.hostname)}`,
    `new   ${safeText(data.fresh.id)}  ${safeText(data.fresh.startedAt)}  ${safeText(data.fresh.hostname)}`,
    `gate  regression = worse by more than ${data.thresholdPct} % with the whole ${confidenceLabel(confidence)} beyond it, and p < ${data.alpha}`,
    '',
    ...layoutColumns(changeColumns(confidence), data.changes.map((c) => changeCells(c).map(safeText)), '  '),
    '',
    ...gateLines(data).map(safeText),
  ];
  return `${lines.join('\n')}\n`;
}

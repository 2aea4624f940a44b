/**
 * `isobench stability`: the run-to-run spread of each median and of its ratio to a baseline,
 * numbers formatted as in the report (format.ts), and what a CV means: a figure whose CV is at
 * most {@link GOOD_CV_PCT} % is stable enough to compare runs by (the gate's default threshold is
 * 5 %), one above {@link NOISY_CV_PCT} % is noise at that threshold. Table, CSV or JSON.
 */
import type { Spread } from '../stability/spread.js';
import { stringifyCsv } from './csv.js';
import { MISSING, formatNumber, safeText } from './format.js';
import { type Column, layoutColumns } from './layout.js';
import type { ListFormat } from './list-formats.js';

export const GOOD_CV_PCT = 2.5;
export const NOISY_CV_PCT = 5;

export type Stability = 'stable' | 'marginal' | 'noisy';

/** stable: CV ≤ 2.5 %, half the compare gate's 5 %; marginal: up to 5 %; noisy above. */
export function stabilityOf(cvPct: number | null): Stability | null {
  if (cvPct === null) return null;
  if (cvPct <= GOOD_CV_PCT) return 'stable';
  return cvPct <= NOISY_CV_PCT ? 'marginal' : 'noisy';
}

export const STABILITY_LEGEND = `CV ≤ ${GOOD_CV_PCT} %: stable enough to compare runs by (half the compare gate's default 5 % threshold); `
  + `${GOOD_CV_PCT}–${NOISY_CV_PCT} %: marginal; > ${NOISY_CV_PCT} %: a 5 % change is within the noise. `
  + 'Compare runtimes by the ratio\'s CV: a drift of the host cancels in it.';

const pct = (v: number | null): string => (v === null ? MISSING : v.toFixed(1));

export function renderStability(format: ListFormat, spreads: readonly Spread[], runIds: readonly string[], baseline: string): string {
  switch (format) {
    case 'table': {
      const columns: Column[] = [
        ...['workload', 'metric', 'runtime', 'unit'].map((header) => ({ header, align: 'left' as const })),
        ...['runs', 'median', 'min', 'max', 'cv %', `cv % of ratio to ${baseline}`].map((header) => ({ header, align: 'right' as const })),
        { header: 'verdict (ratio, else median)', align: 'left' },
      ];
      const rows = spreads.map((s) => [s.workload, s.metric, s.target, s.unit, String(s.runs), formatNumber(s.medianOfMedians),
        formatNumber(s.min), formatNumber(s.max), pct(s.cvPct), pct(s.ratioCvPct), stabilityOf(s.ratioCvPct ?? s.cvPct) ?? MISSING].map(safeText));
      return [`run-to-run spread of medians over ${runIds.length} run(s): ${runIds.join(', ')}`, STABILITY_LEGEND, '',
        ...layoutColumns(columns, rows)].join('\n') + '\n';
    }
    case 'csv':
      return stringifyCsv(
        ['workload', 'metric', 'runtime', 'unit', 'runs', 'median', 'min', 'max', 'cv_pct', 'ratio_cv_pct', 'baseline', 'stability'],
        spreads.map((s) => [s.workload, s.metric, s.target, s.unit, s.runs, s.medianOfMedians, s.min, s.max, s.cvPct, s.ratioCvPct, baseline,
          stabilityOf(s.ratioCvPct ?? s.cvPct)]),
      );
    case 'json':
      return `${JSON.stringify({
        format: 'isobench.stability', version: 1, runs: runIds, baseline,
        thresholds: { goodCvPct: GOOD_CV_PCT, noisyCvPct: NOISY_CV_PCT },
        spreads: spreads.map((s) => ({ ...s, stability: stabilityOf(s.ratioCvPct ?? s.cvPct) })),
      }, null, 2)}\n`;
  }
}

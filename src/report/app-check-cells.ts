/**
 * The cells of the report's prediction check (issue 11): per profiled application command and
 * runtime, the slowdown `isobench predict` gives from the native profile and the per-call
 * costs, the slowdown the run measured, their difference, and that difference as a share of
 * the measured extra time; then the closing sentences (median errors, rank agreement). Shared by
 * the terminal, Markdown and HTML reports.
 */
import type { Align } from './layout.js';
import type { AppCheckSection } from './model.js';

export const APP_CHECK_TITLE = 'prediction check: predicted vs measured slowdown of the applications';

export const APP_CHECK_HEADERS: readonly { readonly header: string; readonly align: Align }[] = [
  { header: 'application', align: 'left' },
  { header: 'runtime', align: 'left' },
  { header: 'predicted', align: 'right' },
  { header: 'measured', align: 'right' },
  { header: 'error', align: 'right' },
  { header: 'error / measured extra', align: 'right' },
];

const times = (x: number): string => `${x.toFixed(2)}×`;
const pct = (x: number | null): string => (x === null ? '–' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`);

export function appCheckRows(section: AppCheckSection): string[][] {
  if ('missing' in section) return [];
  return section.check.rows.map((r) => {
    const i = r.measuredInterval;
    const measured = times(r.measured) + (i === null ? '' : ` (${i.low.toFixed(2)}–${i.high.toFixed(2)})`);
    const error = `${r.error >= 0 ? '+' : ''}${r.error.toFixed(2)}×`;
    return [r.app, r.runtime, times(r.predicted), measured, error, pct(r.relativeError)];
  });
}

/** What the rows add up to, or why there are none. */
export function appCheckSentences(section: AppCheckSection): string[] {
  if ('missing' in section) return [section.missing];
  const c = section.check;
  const own = c.ownCosts.length === 0 ? '' : ` (with this run's own ${c.ownCosts.join(' and ')})`;
  if (c.rows.length === 0) {
    const costs = `per-call costs (run ${c.costRun}${own})`;
    return [`no profiled application was measured on native and a runtime with ${costs}`];
  }
  const abs = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(0)} %`);
  const ranks = Object.entries(c.rankAgreement).map(([rt, tau]) => `${rt} ${tau === null ? '–' : tau.toFixed(2)}`).join(', ');
  const goal = Object.entries(c.medianAbsErrorOfSlowdown).map(([rt, e]) => `${rt} ${abs(e)}`).join(', ');
  const apart = Object.entries(c.rankApart).map(([rt, p]) => `${rt} ${p.agree} of ${p.pairs}`).join(', ');
  const sentences = [
    `Median |error| / measured slowdown per runtime (goal ≤ 25 %) ${goal};`
      + ` rank agreement (Kendall's tau, goal 1) ${ranks}; of the pairs of applications measured apart`
      + ` (their intervals disjoint), ranked as measured: ${apart}.`,
    `Median |error| ${c.medianAbsError === null ? '–' : `${c.medianAbsError.toFixed(2)}×`};`
      + ` median |error| / measured extra time ${abs(c.medianAbsRelativeError)}`
      + ' (the stricter reading: the part of the time the model predicts).',
    'Predicted from native profiles made after the trials (perf stat untraced for the baseline,'
      + ' strace -c -f for the counts, perf trace for the kinds of page fault)'
      + ` and the per-call costs of run ${c.costRun}${own};`
      + " error / measured extra is '–' where the measured extra is under 1 %.",
  ];
  if (c.unmeasured.length > 0) sentences.push(`Profiled but not measured on native and a runtime: ${c.unmeasured.join(', ')}.`);
  if (c.unreadable.length > 0) {
    const ids = c.unreadable.join(', ');
    sentences.push(`Left out, as they no longer read (written by an older isobench): profiles ${ids}.`);
  }
  return sentences;
}

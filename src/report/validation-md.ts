/** The validation section: predicted against measured slowdown per application and runtime (Markdown). */
import type { Validation } from '../predict/validate.js';

const times = (x: number): string => `${x.toFixed(2)}×`;
const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(0)} %`);

export function renderValidationMarkdown(v: Validation): string {
  const rows = v.rows.map((r) => `| ${r.app} | ${r.runtime} | ${times(r.predicted)} | ${times(r.measured)} | ${r.error >= 0 ? '+' : ''}${r.error.toFixed(2)} | ${pct(r.relativeError)} |`);
  const ranks = Object.entries(v.rankAgreement).map(([rt, tau]) => `${rt} ${tau === null ? '–' : tau.toFixed(2)}`);
  const goal = Object.entries(v.medianAbsErrorOfSlowdown).map(([rt, e]) => `${rt} ${pct(e)}`);
  const apart = Object.entries(v.rankApart).map(([rt, p]) => `${rt} ${p.agree} of ${p.pairs}`);
  return [
    '## Predicted vs measured slowdown',
    '',
    '| app | runtime | predicted | measured | error | error / measured extra |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Median |error| / measured slowdown per runtime (goal ≤ 25 %) ${goal.join(', ') || '–'};`
      + ` rank agreement (Kendall tau) ${ranks.join(', ') || '–'};`
      + ` of the pairs measured apart, ranked as measured: ${apart.join(', ') || '–'}.`,
    `Median absolute error ${v.medianAbsError === null ? '–' : v.medianAbsError.toFixed(2)}× ;`
      + ` median |error| / measured extra time ${pct(v.medianAbsRelativeError)}.`,
    '',
  ].join('\n');
}

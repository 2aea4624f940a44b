/**
 * The summary in plain words: one sentence per runtime against native (against the first
 * reference when the run has no native), then one about what that means for a choice.
 */
import type { FamilyFigure, RuntimeAnswer } from './answer.js';
import { formatRatio } from './ratio.js';

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function costPhrase(f: FamilyFigure): string {
  return `${f.text.replace(/ \[.*\]$/, '').replace(/ \(geomean.*$/, '')} on ${f.label}`;
}

function runtimeSentence(row: RuntimeAnswer): string {
  const costly = row.figures.filter((f) => f.level === 'large' || f.level === 'small').sort((a, b) => b.ratio - a.ratio);
  const free = row.figures.filter((f) => f.level === 'none').map((f) => f.label);
  const faster = row.figures.filter((f) => f.level === 'faster').map((f) => `${f.label} (${formatRatio(f.ratio)})`);
  const parts: string[] = [];
  if (costly.length > 0) parts.push(`costs ${list(costly.map(costPhrase))}`);
  if (free.length > 0) parts.push(`nothing measurable on ${list(free)}`);
  if (faster.length > 0) parts.push(`faster on ${list(faster)}`);
  return `${row.target} against ${row.reference}: ${parts.join('; ')}.`;
}

function choiceSentence(rows: readonly RuntimeAnswer[]): string | undefined {
  if (rows.length === 0) return undefined;
  const worst = (row: RuntimeAnswer): FamilyFigure | undefined => [...row.figures].sort((a, b) => b.ratio - a.ratio)[0];
  const ranked = [...rows].sort((a, b) => (worst(a)?.ratio ?? 1) - (worst(b)?.ratio ?? 1));
  const cheapest = ranked[0] as RuntimeAnswer;
  const dearest = ranked.at(-1) as RuntimeAnswer;
  const top = worst(dearest);
  const cheapTop = worst(cheapest);
  const first = `${cheapest.target} is the cheapest isolation measured (at most ${formatRatio(cheapTop?.ratio ?? 1)}${cheapTop ? `, on ${cheapTop.label}` : ''})`;
  if (dearest === cheapest || top === undefined || top.level !== 'large') return `${first}.`;
  const free = dearest.figures.filter((f) => f.level === 'none').map((f) => f.label);
  const heavy = dearest.figures.filter((f) => f.level === 'large').map((f) => f.label);
  const suits = free.length > 0 ? `; it suits work that stays in ${list(free)}` : '';
  return `${first}; ${dearest.target} pays most on ${list(heavy)}, so weigh it by how much of that your workload does${suits}.`;
}

export function sentences(rows: readonly RuntimeAnswer[]): string[] {
  const firstReference = rows[0]?.reference;
  const main = rows.filter((r) => r.reference === firstReference);
  const choice = choiceSentence(main);
  return [...main.map(runtimeSentence), ...(choice === undefined ? [] : [choice])];
}

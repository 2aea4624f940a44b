import { cellLabel, type CompatMatrix } from './matrix.js';
import type { CompatVerdict } from './verdicts.js';

/** The matrix and the verdicts as one JSON document. */
export function renderCompatJson(matrix: CompatMatrix, verdicts: readonly CompatVerdict[]): string {
  const doc = {
    runId: matrix.runId,
    targets: matrix.targets,
    checks: matrix.rows.map((row) => ({
      id: row.check.id,
      group: row.check.group,
      description: row.check.description,
      works: row.check.works,
      results: Object.fromEntries(row.cells.map((cell, i) => [matrix.targets[i]?.id ?? String(i), { ...cell, label: cellLabel(cell) }])),
    })),
    claims: verdicts.map((v) => ({ id: v.claim.id, target: v.target, verdict: v.verdict, reason: v.reason, evidence: v.evidence, quote: v.claim.quote, source: v.claim.source, note: v.claim.note ?? null })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

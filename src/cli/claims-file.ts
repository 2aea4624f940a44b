import { readFileSync } from 'node:fs';
import { convertible, parseClaimsFile, type Claim } from '../claims/index.js';
import { IsobenchError, describeCause, usageError } from '../errors.js';
import { WORKLOADS } from '../workloads/catalogue.js';

/**
 * Reads and validates a user's claims file (`report --claims FILE`): JSON `{ "claims": [...] }`,
 * each claim in the shape of src/claims/schema.ts. Every problem names the entry (index and id)
 * and the field; the ids must not collide with the built-in claims (`knownIds`). Beyond the
 * schema, a claim about a metric of the catalogue must state its range in a unit convertible to
 * the metric's unit (or '%' for the *-pct quantities). Usage error (exit 2) otherwise.
 */
export function readClaimsFile(path: string, knownIds: readonly string[]): Claim[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new IsobenchError('USAGE', `cannot read claims file ${path}: ${describeCause(error)}`, { cause: error, hint: 'check the path given with --claims' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw usageError(`claims file ${path} is not valid JSON: ${describeCause(error)}`, 'a claims file is JSON: { "claims": [ ... ] }; see examples/claims.json');
  }
  const parsed = parseClaimsFile(json, knownIds);
  const problems = parsed.ok ? unitProblems(parsed.claims) : parsed.problems;
  if (!parsed.ok || problems.length > 0) {
    const shown = problems.slice(0, 10).join('\n  ');
    const more = problems.length > 10 ? `\n  … and ${problems.length - 10} more` : '';
    throw usageError(`claims file ${path} is malformed:\n  ${shown}${more}`, 'fix the entries named above; see examples/claims.json for the format');
  }
  return parsed.claims;
}

function unitProblems(claims: readonly Claim[]): string[] {
  const units = new Map(WORKLOADS.flatMap((w) => w.metrics.map((m) => [`${w.id}/${m.name}`, m.unit] as const)));
  return claims.flatMap((claim, index) => {
    const m = claim.measure;
    if (m === null || m.quantity === 'overhead-pct' || m.quantity === 'retention-pct') return [];
    const unit = units.get(`${m.workload}/${m.metric}`);
    if (unit === undefined || convertible(claim.claimed.unit, unit)) return [];
    return [`claims[${index}] (id '${claim.id}'): claimed.unit: '${claim.claimed.unit}' cannot be converted to ${m.workload}/${m.metric}'s unit '${unit}'`];
  });
}

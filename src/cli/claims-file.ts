import { readFileSync } from 'node:fs';
import { convertible, parseClaimsFile, type Claim } from '../claims/index.js';
import { IsobenchError, describeCause, usageError } from '../errors.js';
import { KATA_CANDIDATES } from '../runtimes/targets.js';
import { WORKLOADS, WORKLOAD_IDS, workloadById } from '../workloads/catalogue.js';

/**
 * Reads and validates a user's claims file (`report --claims FILE`): JSON `{ "claims": [...] }`,
 * each claim in the shape of src/claims/schema.ts. Every problem names the entry (index and id)
 * and the field; the ids must not collide with the built-in claims (`knownIds`). Beyond the
 * schema, a claim about a metric of the catalogue must state its range in a unit convertible to
 * the metric's unit (or '%' for the *-pct quantities). Usage error (exit 2) otherwise.
 */
export function readClaimsFile(path: string, knownIds: readonly string[], knownTargets: readonly string[] = []): Claim[] {
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
  const problems = parsed.ok ? measureProblems(parsed.claims, knownTargets) : parsed.problems;
  if (!parsed.ok || problems.length > 0) {
    const shown = problems.slice(0, 10).join('\n  ');
    const more = problems.length > 10 ? `\n  … and ${problems.length - 10} more` : '';
    throw usageError(`claims file ${path} is malformed:\n  ${shown}${more}`, 'fix the entries named above; see examples/claims.json for the format');
  }
  return parsed.claims;
}

/** Runtimes a claim may name besides the run's own: the catalogue of targets isobench knows. */
const STANDARD_TARGETS = ['native', 'runc', 'runc:unconfined', 'runsc', ...KATA_CANDIDATES];

/**
 * What the schema cannot know: the workload, metric and runtimes must be ones isobench measures
 * (a typo would otherwise be reported "not measured" for ever), and the unit convertible.
 */
function measureProblems(claims: readonly Claim[], runTargets: readonly string[]): string[] {
  const units = new Map(WORKLOADS.flatMap((w) => w.metrics.map((m) => [`${w.id}/${m.name}`, m.unit] as const)));
  const targets = new Set([...STANDARD_TARGETS, ...runTargets]);
  const problems: string[] = [];
  claims.forEach((claim, index) => {
    const m = claim.measure;
    if (m === null) return;
    const name = `claims[${index}] (id '${claim.id}')`;
    const workload = workloadById(m.workload);
    if (workload === undefined) return void problems.push(`${name}: measure.workload: unknown workload '${m.workload}'; accepted: ${WORKLOAD_IDS.join(', ')}`);
    const unit = units.get(`${m.workload}/${m.metric}`);
    if (unit === undefined) return void problems.push(`${name}: measure.metric: '${m.metric}' is not a metric of ${m.workload}; accepted: ${workload.metrics.map((x) => x.name).join(', ')}`);
    for (const [field, target] of [['target', m.target], ['reference', m.reference]] as const) {
      if (target !== undefined && !targets.has(target)) problems.push(`${name}: measure.${field}: unknown runtime '${target}'; accepted: ${[...targets].join(', ')}`);
    }
    if (m.quantity === 'overhead-pct' || m.quantity === 'retention-pct' || convertible(claim.claimed.unit, unit)) return;
    problems.push(`${name}: claimed.unit: '${claim.claimed.unit}' cannot be converted to ${m.workload}/${m.metric}'s unit '${unit}'`);
  });
  return problems;
}

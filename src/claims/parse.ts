/**
 * Validation of a list of claims, with errors that name the bad entry (index and id) and the
 * field: `claims[3] (id 'my.claim'): claimed.min: Invalid input: expected number, received
 * string`. Pure: the caller reads the file (src/cli/claims-file.ts).
 *
 * A claims file is JSON: `{ "claims": [ <claim>, … ] }`, each claim in the shape of schema.ts.
 */
import { z } from 'zod';
import { type Claim, claimSchema } from './schema.js';

export type ClaimsParse = { readonly ok: true; readonly claims: Claim[] } | { readonly ok: false; readonly problems: string[] };

const fileSchema = z.strictObject({ claims: z.array(z.unknown()) });

/** Parses the content of a claims file (already JSON-decoded); `knownIds` are other claims' ids. */
export function parseClaimsFile(json: unknown, knownIds: readonly string[] = []): ClaimsParse {
  const file = fileSchema.safeParse(json);
  if (!file.success) return { ok: false, problems: file.error.issues.map((issue) => `${fieldPath(issue.path) || 'file'}: ${issue.message}`) };
  return parseClaims(file.data.claims, knownIds, 'claims');
}

/** Validates each entry, then the set: unique ids, and conflicts that name existing claims. */
export function parseClaims(entries: readonly unknown[], knownIds: readonly string[] = [], label = 'claims'): ClaimsParse {
  const problems: string[] = [];
  const claims: Claim[] = [];
  entries.forEach((entry, index) => {
    const parsed = claimSchema.safeParse(entry);
    if (parsed.success) claims.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push(`${entryName(label, index, entry)}: ${fieldPath(issue.path) || 'entry'}: ${issue.message}`);
  });
  if (problems.length > 0) return { ok: false, problems };
  // no push(...spread): a file of 200,000 claims would overflow the stack with its arguments
  const setIssues = setProblems(claims, knownIds, label);
  return setIssues.length > 0 ? { ok: false, problems: setIssues } : { ok: true, claims };
}

function setProblems(claims: readonly Claim[], knownIds: readonly string[], label: string): string[] {
  const problems: string[] = [];
  const seen = new Set(knownIds);
  const all = new Set([...knownIds, ...claims.map((claim) => claim.id)]);
  claims.forEach((claim, index) => {
    const name = entryName(label, index, claim);
    if (seen.has(claim.id)) problems.push(`${name}: id: '${claim.id}' is used by another claim`);
    seen.add(claim.id);
    claim.conflictsWith.forEach((other, position) => {
      if (other === claim.id) problems.push(`${name}: conflictsWith.${position}: a claim cannot conflict with itself`);
      else if (!all.has(other)) problems.push(`${name}: conflictsWith.${position}: no claim has id '${other}'`);
    });
  });
  return problems;
}

function entryName(label: string, index: number, entry: unknown): string {
  const id = typeof entry === 'object' && entry !== null && 'id' in entry ? (entry as { id: unknown }).id : undefined;
  return typeof id === 'string' ? `${label}[${index}] (id '${id}')` : `${label}[${index}]`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

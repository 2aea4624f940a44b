import { readFileSync } from 'node:fs';
import { parseProbeOutput, type ProbeCheck } from '../../src/compat/parse.js';

/** Probe output captured on the development VM: natively, and in isobench's default container. */
export const FIXTURES = ['native', 'runc', 'runc-unconfined', 'runsc-20221219', 'runsc-20240729'] as const;

export function fixtureText(name: (typeof FIXTURES)[number]): string {
  return readFileSync(new URL(`fixtures/compat/${name}.jsonl`, import.meta.url), 'utf8');
}

export function fixtureChecks(name: (typeof FIXTURES)[number]): ProbeCheck[] {
  const parsed = parseProbeOutput(fixtureText(name));
  if (!parsed.ok) throw new Error(`fixture ${name}: ${parsed.reason}`);
  return parsed.checks;
}

/**
 * Qualitative claims judged on the compatibility probe's checks (src/compat/): "gVisor does not
 * support ptrace" becomes "under every gVisor target, the ptrace checks fail". Each expectation
 * names checks, what they should do, and whether all or any of them must:
 *   fails               the check fails (optionally with one of `errno`) where native passes it
 *   works               the check passes (ok or differs) where native passes it
 *   same-as-native      the check says what native says
 *   not-same-as-native  the check says something else than native
 * One zod schema validates the built-in claims when they load.
 */
import { z } from 'zod';
import { CLAIM_ID_PATTERN } from './schema.js';

export const EXPECTATIONS = ['fails', 'works', 'same-as-native', 'not-same-as-native'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

const nonEmpty = z.string().trim().min(1);

export const checkExpectationSchema = z.strictObject({
  checks: z.array(nonEmpty).min(1),
  expected: z.enum(EXPECTATIONS),
  quantifier: z.enum(['all', 'any']).default('all'),
  /** for `fails`: the errno names that count (any errno when absent) */
  errno: z.array(z.string().regex(/^E[A-Z0-9]+$/)).optional(),
});

export const compatClaimSchema = z.strictObject({
  id: z.string().regex(CLAIM_ID_PATTERN),
  source: z.strictObject({ document: nonEmpty, section: nonEmpty }),
  /** the original text, quoted verbatim */
  quote: nonEmpty,
  subject: nonEmpty,
  /** the targets it is about: every target of this tier (sandbox: gVisor, vm: Kata) */
  tier: z.enum(['sandbox', 'vm']),
  /** only targets whose recorded flags contain this text, e.g. `--network=host` */
  requiresFlag: nonEmpty.optional(),
  expect: z.array(checkExpectationSchema).min(1),
  note: z.string().optional(),
});

export type CompatClaimInput = z.input<typeof compatClaimSchema>;
export type CompatClaim = z.output<typeof compatClaimSchema>;
export type CheckExpectation = z.output<typeof checkExpectationSchema>;

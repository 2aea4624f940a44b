/**
 * The claims model: a published, quantitative statement about what isolation costs, with its
 * source, the tier or runtime it is about, how isobench measures it, and the claimed range.
 * One zod schema validates the built-in claims (at load) and users' claims files alike.
 *
 * What is measured (`measure`, null when no isobench workload can measure it):
 *   workload, metric   a metric of the catalogue, e.g. syscall / getppid
 *   target             the runtime target measured, e.g. runsc, runc, kata
 *   quantity           value          the median of the metric under `target`
 *                      delta          median(target) − median(reference), in the metric's unit
 *                      overhead-pct   (ratio − 1)·100 for lower-is-better metrics, (1 − ratio)·100
 *                                     for higher-is-better ones, ratio = median(target) /
 *                                     median(reference): + = worse
 *                      retention-pct  throughput kept, in %: 100·ratio for higher-is-better
 *                                     metrics, 100 / ratio for lower-is-better ones (a time per
 *                                     operation is an inverse throughput)
 *   reference          the target compared with, required for every quantity but `value`
 * The claimed range [min, max] is closed; either end may be null (open). A point ("+50 ns") has
 * min = max. `unit` is the unit of the claim as written (units.ts); '%' for the *-pct quantities.
 */
import { z } from 'zod';
import { isKnownUnit } from './units.js';

export const TIERS = ['native', 'container', 'sandbox', 'vm'] as const;
export const QUANTITIES = ['value', 'delta', 'overhead-pct', 'retention-pct'] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** Lower-case words, digits and . _ - separators, e.g. `iso54.gvisor.startup`. */
export const CLAIM_ID_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

const nonEmpty = z.string().trim().min(1);

export const measureSchema = z
  .strictObject({
    workload: nonEmpty,
    metric: nonEmpty,
    target: nonEmpty,
    quantity: z.enum(QUANTITIES),
    reference: nonEmpty.optional(),
  })
  .superRefine((measure, ctx) => {
    if (measure.quantity === 'value' && measure.reference !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: "a 'value' claim has no reference; remove it or use delta, overhead-pct or retention-pct" });
    }
    if (measure.quantity !== 'value' && measure.reference === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: `required for quantity '${measure.quantity}': the target compared with` });
    }
    if (measure.reference !== undefined && measure.reference === measure.target) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: 'must differ from target' });
    }
  });

export const rangeSchema = z
  .strictObject({
    min: z.number().nullable(),
    max: z.number().nullable(),
    unit: nonEmpty.refine(isKnownUnit, { message: 'unknown unit; use one of ns, us, ms, s, ns/op, us/op, B, KB, MB, GB, KiB, MiB, GiB, ops/s, %' }),
  })
  .superRefine((range, ctx) => {
    if (range.min === null && range.max === null) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'give min, max or both (null means open)' });
    }
    if (range.min !== null && range.max !== null && range.min > range.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${range.min} is greater than max ${range.max}` });
    }
  });

export const claimSchema = z
  .strictObject({
    id: z.string().regex(CLAIM_ID_PATTERN, { message: 'lower-case words and digits separated by . _ or -' }),
    source: z.strictObject({
      /** file name of the source document, e.g. `isolation-comparison-5.4.md` */
      document: nonEmpty,
      /** section citation, e.g. `§3.1 延迟对比` */
      section: nonEmpty,
    }),
    /** the original text, quoted */
    quote: nonEmpty,
    tier: z.enum(TIERS),
    /** what the source talks about, e.g. `gVisor`, `Kata Containers`, `seccomp filter` */
    subject: nonEmpty,
    measure: measureSchema.nullable(),
    claimed: rangeSchema,
    /** how the claim was read, when that took a decision */
    note: z.string().optional(),
    /** ids of claims this one contradicts (both are kept) */
    conflictsWith: z.array(z.string()).default([]),
  })
  .superRefine((claim, ctx) => {
    const pct = claim.measure?.quantity === 'overhead-pct' || claim.measure?.quantity === 'retention-pct';
    if (pct && claim.claimed.unit !== '%') {
      ctx.addIssue({ code: 'custom', path: ['claimed', 'unit'], message: `must be '%' for quantity '${claim.measure?.quantity}'` });
    }
    if (claim.measure !== null && !pct && claim.claimed.unit === '%') {
      ctx.addIssue({ code: 'custom', path: ['claimed', 'unit'], message: `'%' needs quantity overhead-pct or retention-pct` });
    }
  });

export type ClaimInput = z.input<typeof claimSchema>;
export type Claim = z.output<typeof claimSchema>;
export type ClaimMeasure = z.output<typeof measureSchema>;
export type ClaimedRange = z.output<typeof rangeSchema>;

/**
 * The JSON report, for tools. Stable shape (version 1; fields are only ever added):
 *
 *   format      "isobench.report"
 *   version     1
 *   run         { id, startedAt, finishedAt, status, seed,
 *                 host: { hostname, kernel, cpuModel, cpus, virtualised },
 *                 runtimes: [{ target, engineRuntime, tier, version, flags }] }
 *               meta (added in 0.2) { quick, workloads, repetitions, samples, budgetMs, warmupMs,
 *                 trialTimeoutMs, dockerVersion, dockerApiVersion, containerdVersion, storageDriver,
 *                 cgroup, os, memTotalBytes, isobenchVersion, reportVersion } or null
 *   summary     (added in 0.2) the answer first: { families: [{ id, label }], rows: [{ target,
 *               reference, figures: [{ family, label, ratio, ciLow, ciHigh, min, max, members,
 *               basis (headline | single | geomean), metric, level (large | small | none |
 *               faster), text }] }], sentences: [..] } or null; ratio > 1 = worse
 *   baseline    target overhead is measured against
 *   summaries   one per runtime × workload × metric, in report order, with every field of
 *               MetricSummary (src/analysis/summary.ts): target, tier, workload, metric, unit,
 *               direction, n, trials, median, mean, sd, cv, p5, p95, p99, ciLow, ciHigh,
 *               confidence, baseline, baselineMedian, deltaAbs, deltaCiLow, deltaCiHigh,
 *               overheadPct, overheadCiLow, overheadCiHigh
 *   claims      one per claim, in claim order: the claim (id, source { document, section },
 *               quote, tier, subject, measure { workload, metric, target, quantity, reference }
 *               or null, claimed { min, max, unit }, note, conflictsWith), then its judgement:
 *               verdict (holds | better | worse | inconclusive | not-measured), reason
 *               (runtime-absent | workload-not-run | no-workload | unit-mismatch, or null),
 *               verdictText, measured { value, ciLow, ciHigh, unit, confidence, trials,
 *               referenceTrials } or null, claimedInUnit { min, max, unit } or null, betterIs
 *               (lower | higher, or null)
 *   history     earlier runs of the same host, oldest first: [{ runId, startedAt, medians:
 *               [{ target, workload, metric, unit, median }] }]; [] when not loaded
 *   appCheck    (added in 0.3) the prediction checked on the run's applications: { rows: [{ app,
 *               runtime, predicted, measured, error, relativeError }], medianAbsRelativeError,
 *               medianAbsError, rankAgreement { runtime: tau }, medianAbsErrorOfSlowdown { runtime:
 *               median of |error| / measured }, costRun, ownCosts (the run's own workloads,
 *               syscall or cpu, that completed costRun's costs; [] when none), unmeasured,
 *               unreadable (ids of stored profiles that no longer read) } or
 *               { missing: why }; null when the run profiled no application
 *
 * Missing values are null, never absent; numbers are full precision. Two-space indentation and
 * a final newline.
 */
import { verdictText } from '../analysis/verdicts.js';
import type { MetricSummary } from '../analysis/summary.js';
import type { ClaimResult, ReportData } from './model.js';

export const JSON_REPORT_FORMAT = 'isobench.report';
export const JSON_REPORT_VERSION = 1;

export function renderJson(data: ReportData): string {
  const { run } = data;
  const document = {
    format: JSON_REPORT_FORMAT,
    version: JSON_REPORT_VERSION,
    run: {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: run.status,
      seed: run.seed,
      host: { hostname: run.host.hostname, kernel: run.host.kernel, cpuModel: run.host.cpuModel, cpus: run.host.cpus, virtualised: run.host.virtualised },
      runtimes: run.runtimes.map((r) => ({ target: r.target, engineRuntime: r.engineRuntime, tier: r.tier, version: r.version, flags: [...r.flags] })),
      meta: run.meta ?? null,
    },
    summary: data.answer ?? null,
    baseline: data.baseline,
    summaries: data.summaries.map(summaryJson),
    claims: (data.claims ?? []).map(claimJson),
    history: (data.history ?? []).map((h) => ({
      runId: h.runId,
      startedAt: h.startedAt,
      medians: h.medians.map((m) => ({ target: m.target, workload: m.workload, metric: m.metric, unit: m.unit, median: m.median })),
    })),
    appCheck: data.appCheck ? ('missing' in data.appCheck ? { missing: data.appCheck.missing } : data.appCheck.check) : null,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function summaryJson(s: MetricSummary): Record<string, unknown> {
  return {
    target: s.target, tier: s.tier, workload: s.workload, metric: s.metric, unit: s.unit, direction: s.direction,
    n: s.n, trials: s.trials, median: s.median, mean: s.mean, sd: s.sd, cv: s.cv, p5: s.p5, p95: s.p95, p99: s.p99,
    ciLow: s.ciLow, ciHigh: s.ciHigh, confidence: s.confidence,
    baseline: s.baseline, baselineMedian: s.baselineMedian,
    deltaAbs: s.deltaAbs, deltaCiLow: s.deltaCiLow, deltaCiHigh: s.deltaCiHigh,
    overheadPct: s.overheadPct, overheadCiLow: s.overheadCiLow, overheadCiHigh: s.overheadCiHigh,
  };
}

function claimJson(r: ClaimResult): Record<string, unknown> {
  const { claim, measured } = r;
  const m = claim.measure;
  return {
    id: claim.id,
    source: { document: claim.source.document, section: claim.source.section },
    quote: claim.quote,
    tier: claim.tier,
    subject: claim.subject,
    measure: m === null ? null : { workload: m.workload, metric: m.metric, target: m.target, quantity: m.quantity, reference: m.reference ?? null },
    claimed: { min: claim.claimed.min, max: claim.claimed.max, unit: claim.claimed.unit },
    note: claim.note ?? null,
    conflictsWith: [...claim.conflictsWith],
    verdict: r.verdict,
    reason: r.reason,
    verdictText: verdictText(r.verdict, r.reason),
    measured: measured === null ? null : {
      value: measured.value, ciLow: measured.ciLow, ciHigh: measured.ciHigh, unit: measured.unit,
      confidence: measured.confidence, trials: measured.trials, referenceTrials: measured.referenceTrials,
    },
    claimedInUnit: r.claimedInUnit === null ? null : { min: r.claimedInUnit.min, max: r.claimedInUnit.max, unit: r.claimedInUnit.unit },
    betterIs: r.betterIs,
  };
}

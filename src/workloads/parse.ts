import { z } from 'zod';
import type { Sample, WorkloadSpec } from './types.js';

/** What a workload printed, checked line by line: its samples, or why the output is unusable. */
export type ParseResult = { readonly ok: true; readonly samples: Sample[] } | { readonly ok: false; readonly reason: string };

/** One line of the workload protocol (docs/ARCHITECTURE.md); extra keys are ignored. */
const sampleLine = z.object({
  metric: z.string().min(1),
  unit: z.string().min(1),
  value: z.number().positive(), // zod 4 numbers are finite: NaN and ±Infinity are rejected
  iterations: z.number().int().min(1),
  rep: z.number().int().min(0),
});

const LINE_EXCERPT_CHARS = 80;

function excerpt(line: string): string {
  return line.length <= LINE_EXCERPT_CHARS ? line : `${line.slice(0, LINE_EXCERPT_CHARS)}…`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ');
}

/**
 * Parses a workload's stdout against its spec: every non-empty line must be one JSON sample of a
 * metric the spec declares, in that metric's unit, and each (metric, rep) may appear once.
 * Pure: no I/O.
 */
export function parseWorkloadOutput(stdout: string, spec: WorkloadSpec): ParseResult {
  const units = new Map(spec.metrics.map((m) => [m.name, m.unit]));
  const samples: Sample[] = [];
  const seen = new Set<string>();
  const lines = stdout.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const where = `line ${index + 1} (${JSON.stringify(excerpt(line))})`;
    const json = parseJson(line);
    if (json === undefined) return { ok: false, reason: `${where}: not JSON` };
    const parsed = sampleLine.safeParse(json);
    if (!parsed.success) return { ok: false, reason: `${where}: ${describeIssues(parsed.error)}` };
    const sample = parsed.data;
    const unit = units.get(sample.metric);
    if (unit === undefined) return { ok: false, reason: `${where}: unknown metric '${sample.metric}' for workload ${spec.id}` };
    if (sample.unit !== unit) return { ok: false, reason: `${where}: metric ${sample.metric} has unit '${sample.unit}', expected '${unit}'` };
    const key = `${sample.metric}\u0000${sample.rep}`;
    if (seen.has(key)) return { ok: false, reason: `${where}: repetition ${sample.rep} of ${sample.metric} appears twice` };
    seen.add(key);
    samples.push(sample);
  }
  if (samples.length === 0) return { ok: false, reason: 'no samples' };
  return { ok: true, samples };
}

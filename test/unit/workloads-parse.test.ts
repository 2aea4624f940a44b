import { describe, expect, it } from 'vitest';
import { workloadById } from '../../src/workloads/catalogue.js';
import { parseWorkloadOutput } from '../../src/workloads/parse.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';

const syscall = workloadById('syscall') as WorkloadSpec;
const cpu = workloadById('cpu') as WorkloadSpec;

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ metric: 'getppid', unit: 'ns/op', value: 152.31, iterations: 1234567, rep: 0, ...fields });

function reasonOf(stdout: string, spec: WorkloadSpec = syscall): string {
  const result = parseWorkloadOutput(stdout, spec);
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

describe('parseWorkloadOutput', () => {
  it('returns every sample of good output, skipping blank lines', () => {
    const stdout = `${line({})}\n\n${line({ rep: 1, value: 150 })}\n${line({ metric: 'stat', value: 1034.2, iterations: 58400, rep: 0 })}\n`;
    const result = parseWorkloadOutput(stdout, syscall);
    expect(result).toEqual({
      ok: true,
      samples: [
        { metric: 'getppid', unit: 'ns/op', value: 152.31, iterations: 1234567, rep: 0 },
        { metric: 'getppid', unit: 'ns/op', value: 150, iterations: 1234567, rep: 1 },
        { metric: 'stat', unit: 'ns/op', value: 1034.2, iterations: 58400, rep: 0 },
      ],
    });
  });

  it('accepts the exponent notation printf %g may produce', () => {
    const result = parseWorkloadOutput('{"metric":"hash_4k","unit":"ops/s","value":2.24425301e+05,"iterations":13469,"rep":0}', cpu);
    expect(result.ok && result.samples[0]?.value).toBeCloseTo(224425.301);
  });

  it('rejects a garbage line, naming its number and a copy of it', () => {
    expect(reasonOf(`${line({})}\nSegmentation fault`)).toBe('line 2 ("Segmentation fault"): not JSON');
  });

  it('truncates a long bad line in the reason', () => {
    const reason = reasonOf('x'.repeat(500));
    expect(reason).toContain(`${'x'.repeat(80)}…`);
    expect(reason.length).toBeLessThan(200);
  });

  it('rejects a wrong unit', () => {
    expect(reasonOf(line({ unit: 'us' }))).toMatch(/^line 1 .*unit 'us', expected 'ns\/op'/);
  });

  it('rejects a metric the spec does not declare', () => {
    expect(reasonOf(line({ metric: 'getuid' }))).toMatch(/^line 1 .*unknown metric 'getuid'/);
  });

  it('fails with "no samples" on empty or blank output', () => {
    expect(reasonOf('')).toBe('no samples');
    expect(reasonOf('\n  \n')).toBe('no samples');
  });

  it('rejects zero and negative values', () => {
    expect(reasonOf(line({ value: -3 }))).toMatch(/^line 1 .*value/);
    expect(reasonOf(line({ value: 0 }))).toMatch(/^line 1 .*value/);
  });

  it('rejects NaN and infinities, whether spelt out or overflowing', () => {
    expect(reasonOf(line({}).replace('152.31', 'NaN'))).toMatch(/not JSON/);
    expect(reasonOf(line({ value: null }))).toMatch(/value/); // JSON.stringify(NaN) is null
    expect(reasonOf(line({}).replace('152.31', '1e999'))).toMatch(/value/);
  });

  it('rejects non-integer iterations and reps, and missing fields', () => {
    expect(reasonOf(line({ iterations: 1.5 }))).toMatch(/iterations/);
    expect(reasonOf(line({ iterations: 0 }))).toMatch(/iterations/);
    expect(reasonOf(line({ rep: -1 }))).toMatch(/rep/);
    expect(reasonOf('{"metric":"getppid","unit":"ns/op","value":1}')).toMatch(/iterations/);
    expect(reasonOf('[1,2,3]')).toMatch(/^line 1/);
  });

  it('rejects the same repetition of a metric twice', () => {
    expect(reasonOf(`${line({})}\n${line({})}`)).toMatch(/^line 2 .*appears twice/);
  });
});

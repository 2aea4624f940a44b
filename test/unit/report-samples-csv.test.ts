import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SAMPLE_COLUMNS, renderSamplesCsv } from '../../src/report/samples-csv.js';
import { RUN } from './fixtures/report-data.js';

const samples = [
  { trialId: 1, target: 'native', tier: 'native', workload: 'syscall', metric: 'getppid', unit: 'ns/op', value: 52.125, iterations: 1_000_000 },
  { trialId: 2, target: '=runc', tier: 'container', workload: 'syscall', metric: 'getppid', unit: 'ns/op', value: 1e-7, iterations: 1 },
];

describe('renderSamplesCsv', () => {
  it('writes one row per raw sample under the documented header, numbers at full precision', () => {
    const text = renderSamplesCsv({ run: RUN, samples });
    expect(text).toBe(
      [
        SAMPLE_COLUMNS.join(','),
        '20261103-101500-a1b2,bench-01,1,native,native,syscall,getppid,ns/op,52.125,1000000',
        "20261103-101500-a1b2,bench-01,2,'=runc,container,syscall,getppid,ns/op,1e-7,1",
        '',
      ].join('\n'),
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.value))).toEqual([52.125, 1e-7]);
  });

  it('writes only the header for a run without samples', () => {
    expect(renderSamplesCsv({ run: RUN, samples: [] })).toBe(`${SAMPLE_COLUMNS.join(',')}\n`);
  });
});

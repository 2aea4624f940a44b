import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../src/predict/predict.js';
import { renderPredict } from '../../src/report/predict-index.js';

const prediction: Prediction = {
  profileId: 'p1',
  nativeWallMs: 10,
  lacking: ['kata'],
  runtimes: [
    {
      runtime: 'runsc',
      predictedMs: 14.12,
      slowdown: 1.412,
      slowdownInterval: { low: 1.36195, high: 1.46225 },
      extraMs: 4.12,
      classEstimatedShare: 0.12 / 4.12,
      contributors: [
        { name: 'read', calls: 1000, extraMs: 2, share: 2 / 4.12, source: 'measured' },
        { name: 'page faults', calls: 500, extraMs: 1, share: 1 / 4.12, source: 'measured' },
        { name: 'frobnicate', calls: 25000, extraMs: 0.1, share: 0.1 / 4.12, source: 'cheap' },
      ],
    },
  ],
};
const data = {
  prediction, subject: '/bin/app', runId: 'r1',
  unsupported: { runId: 'c1', byRuntime: new Map([['runsc', [{ call: 'io_uring_enter', calls: 50000, because: 'io_uring_setup: ENOSYS' }]]]) },
};

describe('predict renderers', () => {
  it('table: the notes, then one aligned row per runtime with its top contributors', () => {
    expect(renderPredict('table', data)).toBe([
      'profile p1: /bin/app; native untraced wall time 10.0 ms; per-call costs from run r1',
      'no costs in run r1 for: kata (run the calls and syscall workloads there)',
      "known to fail here: the profile's calls whose compatibility check fails, from run c1 ('–': none)",
      '',
      'runtime  predicted ms  slowdown  95 % interval  extra ms  on class estimates  known to fail here                             top contributors to the extra time',
      'runsc    14.1          1.41×     1.36×–1.46×    4.12      3 %                 io_uring_enter ×50 k (io_uring_setup: ENOSYS)  49 % read (1000), 24 % page faults (500), 2 % frobnicate (25 k, cheap class)',
      '',
    ].join('\n'));
  });

  it('md: the same row as a Markdown table', () => {
    const md = renderPredict('md', data);
    expect(md).toContain('| runsc | 14.1 | 1.41× | 1.36×–1.46× | 4.12 | 3 % | io_uring_enter ×50 k (io_uring_setup: ENOSYS) | 49 % read (1000), 24 % page faults (500), 2 % frobnicate (25 k, cheap class) |');
    expect(md.startsWith('## Predicted slowdown\n')).toBe(true);
  });

  it('csv: a total row and one row per contributor for each runtime', () => {
    const rows = parse(renderPredict('csv', data), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.runtime, r.name, r.priced_by])).toEqual([['runsc', 'total', ''], ['runsc', 'read', 'measured'], ['runsc', 'page faults', 'measured'], ['runsc', 'frobnicate', 'cheap']]);
    expect(rows[0]?.known_to_fail).toBe('io_uring_enter ×50 k (io_uring_setup: ENOSYS)');
    expect(Number(rows[0]?.slowdown)).toBe(1.412);
    expect(Number(rows[1]?.name_extra_ms)).toBe(2);
  });

  it('json: the prediction with its subject and run, and the calls known to fail', () => {
    expect(JSON.parse(renderPredict('json', data))).toEqual({
      subject: '/bin/app', run: 'r1', ...prediction,
      unsupported: { run: 'c1', byRuntime: { runsc: [{ call: 'io_uring_enter', calls: 50000, because: 'io_uring_setup: ENOSYS' }] } },
    });
    const without = { prediction, subject: '/bin/app', runId: 'r1' };
    expect((JSON.parse(renderPredict('json', without)) as { unsupported: unknown }).unsupported).toBeNull();
    expect(renderPredict('table', without)).toContain('known to fail here: ? (no run of this host has the compat workload');
  });
});

import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { FULL_REPORT_DATA, INTERRUPTED_REPORT_DATA, REPORT_DATA, RUN, SUMMARIES } from './fixtures/report-data.js';

describe('renderTable', () => {
  // The fixtures were written by this renderer from the hand-built data, read line by line and
  // kept as the expected output. After an intended change: `npx vitest run -u`, then re-read them.
  it('renders a complete run as saved', async () => {
    await expect(renderTable(REPORT_DATA)).toMatchFileSnapshot('./fixtures/report-table.txt');
  });

  it('renders an interrupted run as saved', async () => {
    await expect(renderTable(INTERRUPTED_REPORT_DATA)).toMatchFileSnapshot('./fixtures/report-table-interrupted.txt');
  });

  it('renders a run with claims as saved: a claims section with verdicts and conflicts', async () => {
    await expect(renderTable(FULL_REPORT_DATA)).toMatchFileSnapshot('./fixtures/report-table-claims.txt');
  });

  it('shows the judged claims and counts the rest, unless asked for all', () => {
    const lines = renderTable(FULL_REPORT_DATA).split('\n');
    expect(lines).toContain('claims judged by this run');
    expect(lines).toContain('  3 not measured: isobench claims --all');
    expect(lines.some((l) => l.includes('demo.kata.slow '))).toBe(false);
    expect(lines.some((l) => l.includes('demo.getppid.runc '))).toBe(true);
    // a conflict pair where neither claim is shown is not listed either
    expect(lines).not.toContain('  demo.kata.fast ↔ demo.kata.slow');
  });

  it('shows each claim with its measured interval, claimed range and verdict', () => {
    const lines = renderTable(FULL_REPORT_DATA, { allClaims: true }).split('\n');
    const line = (id: string) => lines.find((l) => l.includes(id)) ?? '';
    expect(line('demo.getppid.runc ')).toMatch(/syscall\/getppid runc vs native\s+\+3\.47 \[\+2\.76, \+4\.12\] ns\/op\s+Δ vs native = 0 ns\/op\s+worse than claimed$/);
    expect(line('demo.kata.slow ')).toMatch(/–\s+10–30 s\s+not measured \(runtime absent\)$/);
    expect(line('demo.memory ')).toMatch(/not measured \(no workload measures this\)$/);
    expect(lines).toContain('  demo.kata.fast ↔ demo.kata.slow');
    expect(lines).toContain('verdicts: 2 holds, 3 worse than claimed, 1 inconclusive, 3 not measured');
    expect(renderTable(REPORT_DATA)).not.toContain('claims');
  });

  it('says at the top and at the bottom that a run is not complete', () => {
    for (const [status, word] of [['interrupted', 'INTERRUPTED'], ['failed', 'FAILED'], ['running', 'NOT FINISHED']] as const) {
      const lines = renderTable({ ...REPORT_DATA, run: { ...RUN, status } }).trimEnd().split('\n');
      expect(lines[2]).toContain(`RUN ${word}`);
      expect(lines.at(-1)).toContain(`RUN ${word}`);
      expect(lines.at(-1)).toContain('partial');
    }
    expect(renderTable(REPORT_DATA)).not.toContain('!!!');
  });

  it('marks the baseline rows and shows missing comparisons as –', () => {
    const text = renderTable(REPORT_DATA);
    const nativeRow = text.split('\n').find((line) => line.includes('native') && line.includes('getppid')) ?? '';
    expect(nativeRow).toMatch(/baseline\s+–$/);
    const kataRow = text.split('\n').find((line) => line.includes('kata') && line.includes('connect')) ?? '';
    expect(kataRow).toMatch(/–\s+–$/);
  });

  it('aligns every table: all lines of a table have their columns at the same offsets', () => {
    const section = renderTable(REPORT_DATA).split('\n\n').find((block) => block.startsWith('syscall')) ?? '';
    const [, header, ...rows] = section.split('\n');
    const medianEnd = (header ?? '').indexOf('median') + 'median'.length;
    for (const row of rows) expect(row[medianEnd - 1]).toMatch(/\d/);
  });

  it('labels the interval with the confidence used', () => {
    const data: ReportData = { ...REPORT_DATA, summaries: SUMMARIES.map((s) => ({ ...s, confidence: 0.9 })) };
    expect(renderTable(data)).toContain('90% CI');
    expect(renderTable(data)).not.toContain('95% CI');
  });

  it('says when there is nothing to show', () => {
    const text = renderTable({ ...REPORT_DATA, summaries: [], run: { ...RUN, runtimes: [] } });
    expect(text).toContain('no samples in this run');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('neutralises control characters from the outside world', () => {
    const run = { ...RUN, host: { ...RUN.host, hostname: 'evil\u001b]0;pwned\u0007' } };
    const text = renderTable({ ...REPORT_DATA, run });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil?]0;pwned?');
  });
});

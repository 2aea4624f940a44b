import { describe, expect, it } from 'vitest';
import { renderClaims } from '../../src/report/claims-export.js';
import { widthOf } from '../../src/report/layout.js';
import { renderTable } from '../../src/report/table.js';
import { renderOptions, terminalWidth, useColour } from '../../src/cli/render-options.js';
import { WIDE_REPORT_DATA } from '../integration/report-html-data.js';
import { FULL_REPORT_DATA } from './fixtures/report-data.js';

const widest = (text: string): number => Math.max(...text.split('\n').map(widthOf));

describe('terminal width', () => {
  for (const data of [FULL_REPORT_DATA, WIDE_REPORT_DATA]) {
    it.each([120, 80])(`fits every line in %i columns (${data === FULL_REPORT_DATA ? 'full' : 'wide'} data)`, (width) => {
      expect(widest(renderTable(data, { width }))).toBeLessThanOrEqual(width);
      expect(widest(renderTable(data, { width, allClaims: true }))).toBeLessThanOrEqual(width);
    });
  }

  it('drops p95, then Δ, then n, then folds the metric into a heading line, in that order', () => {
    const at = (width: number): string => renderTable(WIDE_REPORT_DATA, { width });
    const wide = renderTable(WIDE_REPORT_DATA, { wide: true, width: 80 });
    expect(wide).toMatch(/runtime +metric +unit +n +median +95% CI +p95 +Δ vs baseline/);
    const headers = (text: string): string[] => text.split('\n').filter((l) => /^ {2}runtime +metric/.test(l));
    expect(headers(wide).every((h) => h.includes('p95'))).toBe(true);
    // at 120, the widest tables (long metric names) lose p95 and Δ but keep n and both intervals
    expect(headers(at(120)).some((h) => /runtime +metric +unit +n +median +95% CI +vs baseline/.test(h))).toBe(true);
    const narrow = at(80);
    expect(narrow).toMatch(/\n {2}create_write_close\.rootfs \(ns\/op\)\n/);
    expect(narrow).toMatch(/\n {4}runtime +median +95% CI +vs baseline/);
  });

  it('with --wide keeps every column whatever the width', () => {
    const text = renderTable(WIDE_REPORT_DATA, { width: 80, wide: true });
    expect(widest(text)).toBeGreaterThan(80);
    expect(text).toContain('docker runtime');
  });

  it('folds the summary into wrapped items per runtime when its matrix does not fit', () => {
    const text = renderTable(WIDE_REPORT_DATA, { width: 80 });
    expect(text).toMatch(/\n {2}runsc vs native\n {4}system calls 117× \[111, 123\]/);
  });

  it('colours verdicts only when asked, and colour codes take no width', () => {
    const plain = renderClaims('table', FULL_REPORT_DATA.claims ?? [], { width: 80 });
    const coloured = renderClaims('table', FULL_REPORT_DATA.claims ?? [], { width: 80, colour: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31mworse than claimed\u001b[0m');
    expect(widest(coloured)).toBeLessThanOrEqual(80);
  });
});

describe('render options from the environment', () => {
  it('takes COLUMNS first, then the TTY width, else 120 when piped', () => {
    expect(terminalWidth({ COLUMNS: '80' }, { isTTY: true, columns: 200 })).toBe(80);
    expect(terminalWidth({}, { isTTY: true, columns: 200 })).toBe(200);
    expect(terminalWidth({ COLUMNS: 'x' }, {})).toBe(120);
  });

  it('colours on a TTY only, never with NO_COLOR set', () => {
    expect(useColour({}, { isTTY: true })).toBe(true);
    expect(useColour({ NO_COLOR: '1' }, { isTTY: true })).toBe(false);
    expect(useColour({}, { isTTY: false })).toBe(false);
    expect(renderOptions({ wide: true, all: true }, {}, {})).toEqual({ width: 120, wide: true, colour: false, allClaims: true });
  });
});

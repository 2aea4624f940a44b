import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analysis/random.js';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { FULL_REPORT_DATA, INTERRUPTED_REPORT_DATA, REPORT_DATA, RUN } from './fixtures/report-data.js';

describe('renderMarkdown', () => {
  // Written by this renderer from the hand-built data, read, and kept as the expected output.
  it('renders a run with claims as saved', async () => {
    await expect(renderMarkdown(FULL_REPORT_DATA)).toMatchFileSnapshot('./fixtures/report.md');
  });

  it('gives every table row as many cells as its header (pipes in data are escaped)', () => {
    const hostile = { ...FULL_REPORT_DATA, run: { ...RUN, host: { ...RUN.host, hostname: 'a|b\nc' } } };
    const lines = renderMarkdown(hostile).split('\n');
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    let width = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) { width = 0; continue; }
      if (width === 0) width = cells(line);
      expect(cells(line), line).toBe(width);
    }
    expect(renderMarkdown(hostile)).toContain('a\\|b c');
  });

  it('shows the verdict of every claim and the conflicting pairs', () => {
    const text = renderMarkdown(FULL_REPORT_DATA);
    expect(text).toContain('## Claims');
    expect(text).toMatch(/\| demo\.getppid\.runc \| .* \| worse than claimed \|/);
    expect(text).toMatch(/\| demo\.kata\.slow \| .* \| not measured \(runtime absent\) \|/);
    expect(text).toContain('- demo.kata.fast ↔ demo.kata.slow');
    expect(renderMarkdown(REPORT_DATA)).not.toContain('## Claims');
  });

  it('warns about a partial run', () => {
    expect(renderMarkdown(INTERRUPTED_REPORT_DATA)).toContain('> **RUN INTERRUPTED: results are partial, not every trial ran**');
  });

  it('escapes markup and never lets a line break through (property test, seeded)', () => {
    const random = createRandom(99);
    const alphabet = ['|', '*', '_', '`', '<', '>', '[', ']', '\\', '\n', '\r', 'a', ' ', '#', '~', '!', '\u001b'];
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 10) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const escaped = escapeMarkdown(text);
      expect(['\n', '\r', '\u001b'].some((c) => escaped.includes(c))).toBe(false);
      // every markup character is preceded by a backslash that is not itself escaped
      expect(escaped.replace(/\\[\\`*_[\]<>|~#!]/g, '')).not.toMatch(/[\\`*_[\]<>|~#!]/);
    }
  });
});

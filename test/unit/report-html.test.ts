import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { FULL_REPORT_DATA, INTERRUPTED_REPORT_DATA, REPORT_DATA, RUN } from './fixtures/report-data.js';

/** Tags opened and closed in order, for the elements the renderer writes (void elements aside). */
function unbalancedTags(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  const VOID = new Set(['meta', 'col', 'br', '!doctype']);
  for (const match of html.matchAll(/<(\/?)([a-zA-Z!]+)[^>]*?(\/?)>/g)) {
    const [, closing, rawName, selfClosing] = match;
    const name = (rawName ?? '').toLowerCase();
    if (selfClosing === '/' || (VOID.has(name) && closing === '')) continue;
    if (closing === '') stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${match.index}`);
  }
  return [...problems, ...stack.map((name) => `<${name}> never closed`)];
}

describe('renderHtml', () => {
  // Written by this renderer from the hand-built data, checked in a browser (chromium --headless
  // --screenshot) and kept as the expected output.
  it('renders a run with claims and history as saved', async () => {
    await expect(renderHtml(FULL_REPORT_DATA)).toMatchFileSnapshot('./fixtures/report.html');
  });

  it('is one self-contained file: no script, no external resource, no link but in-page anchors', () => {
    const html = renderHtml(FULL_REPORT_DATA);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"\s]*/g) ?? []).toEqual(expect.arrayContaining([]));
    for (const url of html.match(/https?:\/\/[^"\s<]*/g) ?? []) expect(url).toBe('http://www.w3.org/2000/svg');
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="#/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('is well formed: every element closed in order', () => {
    expect(unbalancedTags(renderHtml(FULL_REPORT_DATA))).toEqual([]);
    expect(unbalancedTags(renderHtml(INTERRUPTED_REPORT_DATA))).toEqual([]);
  });

  it('draws a bar chart per metric, a trend where earlier runs have the metric, and a band per measured claim', () => {
    const html = renderHtml(FULL_REPORT_DATA);
    const metrics = new Set(FULL_REPORT_DATA.summaries.map((s) => `${s.workload}/${s.metric}`)).size;
    expect(html.match(/<svg [^>]*class="chart"[^>]*aria-label="[^"]*median per runtime/g)).toHaveLength(metrics);
    // history has syscall/getppid only: one trend chart, with one line per runtime that has ≥ 2 points
    expect(html.match(/aria-label="median per run, in ns\/op"/g)).toHaveLength(1);
    expect(html.match(/<polyline /g)).toHaveLength(3);
    const measured = (FULL_REPORT_DATA.claims ?? []).filter((c) => c.measured !== null).length;
    expect(html.match(/<svg [^>]*class="band"/g)).toHaveLength(measured);
    expect(renderHtml(REPORT_DATA)).not.toMatch(/class="band"|<polyline/);
  });

  it('escapes every text from the data', () => {
    const run = { ...RUN, id: '<b>x</b>', host: { ...RUN.host, hostname: '"><script>alert(1)</script>' } };
    const html = renderHtml({ ...FULL_REPORT_DATA, run });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;i&#62;'); // the hostile claim's subject
  });

  it('shows the run status banner for a partial run, and the verdicts with their reasons', () => {
    expect(renderHtml(INTERRUPTED_REPORT_DATA)).toContain('<p class="warning">RUN INTERRUPTED');
    const html = renderHtml(FULL_REPORT_DATA);
    expect(html).toContain('not measured (runtime absent)');
    expect(html).toContain('<h3>Not measured (3)</h3>');
    expect(html).toMatch(/<li><a href="#claim-demo\.kata\.fast">demo\.kata\.fast<\/a> ↔ <a href="#claim-demo\.kata\.slow">/);
  });
});

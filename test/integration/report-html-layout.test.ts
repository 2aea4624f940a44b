/// <reference lib="dom" />
/**
 * The HTML report in a real browser (Debian's headless Chromium through playwright-core) at a
 * desktop width and a phone width: nothing wider than the viewport outside the boxes meant to
 * scroll, no headers drawn over each other, the summary heatmap first. Screenshots go to
 * $ISOBENCH_SCREENSHOTS when it is set (to look at), else nowhere.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { FULL_REPORT_DATA } from '../unit/fixtures/report-data.js';
import { WIDE_REPORT_DATA } from './report-html-data.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const title = present ? 'HTML report in headless Chromium'
  : `HTML report in headless Chromium (skipped: ${CHROMIUM} is not installed; scripts/setup-host.sh installs it)`;

// The flags of /work/.library/env/machines/node.md: no sandbox as root, no network chatter.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Problem { readonly what: string; readonly detail: string }

/** Runs in the page: elements wider than the viewport (outside .scroll boxes), overlapping headers. */
function layoutProblems(): Problem[] {
  const problems: Problem[] = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) problems.push({ what: 'page scrolls sideways', detail: `${document.documentElement.scrollWidth} > ${width}` });
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    if (element.closest('.scroll') !== null) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.right > width + 0.5 || rect.left < -0.5) {
      problems.push({ what: 'wider than the viewport', detail: `${element.tagName.toLowerCase()}.${element.className} ${Math.round(rect.left)}..${Math.round(rect.right)}` });
    }
  }
  const overlap = (a: DOMRect, b: DOMRect): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const headings = Array.from(document.querySelectorAll('h1, h2, h3')).map((h) => ({ h, rect: h.getBoundingClientRect() }));
  headings.forEach((a, i) => headings.slice(i + 1).forEach((b) => {
    if (overlap(a.rect, b.rect)) problems.push({ what: 'headings overlap', detail: `${a.h.textContent ?? ''} / ${b.h.textContent ?? ''}` });
  }));
  for (const row of Array.from(document.querySelectorAll('thead tr'))) {
    const cells = Array.from(row.children).map((c) => ({ c, rect: c.getBoundingClientRect() }));
    cells.forEach((a, i) => cells.slice(i + 1).forEach((b) => {
      if (overlap(a.rect, b.rect)) problems.push({ what: 'column headers overlap', detail: `${a.c.textContent ?? ''} / ${b.c.textContent ?? ''}` });
    }));
  }
  return problems;
}

describe.skipIf(!present)(title, () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'isobench-html-'));
  const shots = process.env.ISOBENCH_SCREENSHOTS;

  beforeAll(async () => {
    // playwright gives the browser a new empty profile of its own (it refuses --user-data-dir here)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = [['full', FULL_REPORT_DATA], ['wide', WIDE_REPORT_DATA]] as const;
  for (const [name, data] of cases) {
    for (const width of [1400, 420]) {
      it(`${name} report at ${width} px: nothing wider than the viewport, no overlapping headers, summary first`, async () => {
        const file = join(dir, `${name}.html`);
        writeFileSync(file, renderHtml(data));
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        try {
          await page.goto(pathToFileURL(file).href);
          expect(await page.evaluate(layoutProblems)).toEqual([]);
          const order = await page.evaluate(() => Array.from(document.querySelectorAll('body > section, body > nav')).map((e) => e.id || e.tagName.toLowerCase()));
          expect(order.slice(0, 2)).toEqual(['nav', 'summary']);
          expect(await page.evaluate(() => document.querySelector('table')?.className)).toBe('heatmap');
          if (shots !== undefined) await page.screenshot({ path: join(shots, `report-${name}-${width}.png`), fullPage: true });
        } finally {
          await page.close();
        }
      });
    }
  }
});

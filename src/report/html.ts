/**
 * The HTML report: ONE self-contained file (inline CSS and SVG; no script, no font, no image,
 * no link to the network), readable in any browser with scripts off and printable.
 *
 *   contents   links to every section below
 *   summary    the heatmap of cost by runtime × workload family, and the plain sentences
 *              (html-summary.ts): the answer first
 *   run        run facts and configuration, and a banner when the run is not complete
 *   runtimes   target, Docker runtime, tier, version, flags
 *   results    per workload (in family order: syscall, fileio, net, startup, memory, cpu,
 *              clock, apps), per metric: a bar per runtime (median) with CI whiskers, on a log
 *              axis when the values span 10× (svg-bars.ts); with earlier runs of the host, a
 *              trend line per runtime on a time axis (svg-trend.ts); the numbers as a table;
 *              links to the claims about the metric
 *   claims     verdicts with a band chart each, quotes with an English gloss (html-claims.ts)
 * Tables have a <caption> and scoped headers and scroll inside their box on a narrow screen;
 * charts shrink to the width. Every text from the data is escaped (svg-kit.ts escapeHtml).
 */
import { APP_CHECK_HEADERS, appCheckRows, appCheckSentences } from './app-check-cells.js';
import type { MetricSummary } from '../analysis/summary.js';
import { byWorkload, runFacts, runtimeCells, RUNTIME_HEADERS, statusWarning, summaryCells, summaryHeaders } from './cells.js';
import { summarySection } from './html-summary.js';
import { claimsAbout } from './csv.js';
import { claimAnchor, claimsSection } from './html-claims.js';
import type { AppCheckSection, ReportData } from './model.js';
import { barChart } from './svg-bars.js';
import { escapeHtml } from './svg-kit.js';
import { trendChart } from './svg-trend.js';
import { metricTrend } from './trend-data.js';
import { renderCompatHtml } from '../compat/render-html.js';

const STYLE = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#222;background:#fff}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:20px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.warning{background:#fff3cd;border:1px solid #e0b000;padding:8px 12px;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.chart .grid{stroke:#eee}.chart .axis,.band .axis{stroke:#888}.whisker{stroke:#222;stroke-width:1.5}
.tick{font-size:10px;fill:#666}.label{font-size:11px;fill:#222}.value{font-size:10px;fill:#222}
.band .claimed{fill:#2ca02c;fill-opacity:.16;stroke:#2ca02c;stroke-opacity:.5}.band .open{fill:#2ca02c;fill-opacity:.5}
.note{font-size:12px;color:#666}blockquote{margin:4px 0;padding-left:8px;border-left:3px solid #ddd;color:#444}
tr.verdict-holds td:last-child strong{color:#2ca02c}tr.verdict-better td:last-child strong{color:#1f77b4}
tr.verdict-worse td:last-child strong{color:#d62728}tr.verdict-inconclusive td:last-child strong{color:#c76a00}
tr.verdict-not-measured{color:#555}
table.claims{width:100%;table-layout:fixed;font-size:13px}table.claims td{overflow-wrap:anywhere}table.claims td.num{white-space:normal}
.c-id{width:17%}.c-source{width:19%}.c-measures{width:19%}.c-measured{width:13%}.c-claimed{width:10%}.c-verdict{width:22%}.c-reason{width:17%}
svg.band{max-width:100%;height:auto;display:block;margin-top:4px}
svg.chart{max-width:100%;height:auto}.charts>svg{flex:0 1 auto}
.scroll{max-width:100%;overflow-x:auto}caption{text-align:left;font-size:12px;color:#555;padding:2px 0 4px;caption-side:top;position:sticky;left:0}
nav.toc{font-size:13px;border:1px solid #ddd;padding:6px 12px;margin:8px 0}nav.toc ol{margin:4px 0;padding-left:20px}
nav.toc li{display:inline-block;margin-right:14px}
table.heatmap td.heat{text-align:center;white-space:nowrap;font-variant-numeric:tabular-nums;min-width:5.5em}table.heatmap .ci{font-size:11px}table.heatmap td.dark{color:#fff}
ul.answer{padding-left:20px}ul.answer li{margin:3px 0}
p.gloss{margin:2px 0 0;font-style:italic;color:#333}
table.claims{min-width:760px}table.runtimes{min-width:640px}
@media print{.charts{display:block}}
`;

export function renderHtml(data: ReportData): string {
  const title = `isobench run ${data.run.id}`;
  const warning = statusWarning(data.run.status);
  const banner = warning === undefined ? '' : `<p class="warning">${escapeHtml(warning)}</p>`;
  const facts = runFacts(data.run, data.baseline).map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  const workloads = byWorkload(data.summaries, data.applications);
  const summary = summarySection(data.answer);
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    banner,
    contents(summary !== '', workloads.map(([w]) => w), (data.claims ?? []).length > 0),
    summary,
    '<section id="run"><h2>Run</h2>',
    `<div class="scroll"><table class="facts"><caption>When, where and how the run was made</caption>${facts.join('')}</table></div></section>`,
    '<section id="runtimes"><h2>Runtimes</h2>',
    table(RUNTIME_HEADERS.map((h) => ({ header: h, align: 'left' as const })), runtimeCells(data.run), 'Runtime targets with their versions and the flags that change results', 'runtimes'),
    '</section>',
    '<section id="results"><h2>Results</h2>',
    data.summaries.length === 0 ? '<p>No samples in this run.</p>' : '',
    ...workloads.map(([workload, summaries]) => workloadSection(data, workload, summaries)),
    '</section>',
    data.appCheck ? appCheckSection(data.appCheck) : '',
    claimsSection(data.claims ?? []),
    data.compat ? renderCompatHtml(data.compat.matrix, data.compat.verdicts) : '',
    `<p class="note">Medians with ${Math.round((data.summaries[0]?.confidence ?? 0.95) * 100)}% bootstrap intervals (trials resampled; seed ${data.run.seed}). Overhead: positive = worse than ${escapeHtml(data.baseline)}.</p>`,
    banner,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    ...body.filter((part) => part !== ''),
    '</body></html>',
    '',
  ].join('\n');
}

function workloadSection(data: ReportData, workload: string, summaries: readonly MetricSummary[]): string {
  const metrics = new Map<string, MetricSummary[]>();
  for (const s of summaries) metrics.set(`${s.metric}\u0000${s.unit}`, [...(metrics.get(`${s.metric}\u0000${s.unit}`) ?? []), s]);
  const sections = [...metrics.values()].map((group) => {
    const first = group[0] as MetricSummary;
    const trend = metricTrend(data, group);
    const links = group.flatMap((s) => claimsAbout(data.claims ?? [], s)).map((r) => `<a href="#${escapeHtml(claimAnchor(r.claim.id))}">${escapeHtml(r.claim.id)}</a>`);
    return [
      `<h3 id="${escapeHtml(`metric-${workload}-${first.metric}`)}">${escapeHtml(`${workload} · ${first.metric}`)} <span class="note">(${escapeHtml(first.unit)}, ${escapeHtml(first.direction)})</span></h3>`,
      `<div class="charts">${barChart(group)}${trendChart(trend.runs, trend.series, first.unit)}</div>`,
      table(summaryHeaders(first.confidence), group.map((s) => summaryCells(s, data.baseline)),
        `${workload} · ${first.metric} in ${first.unit}: median, interval and cost against ${data.baseline}`),
      links.length === 0 ? '' : `<p class="note">Claims about this metric: ${links.join(', ')}</p>`,
    ].join('\n');
  });
  return [`<h2 id="${escapeHtml(`workload-${workload}`)}">${escapeHtml(workload)}</h2>`, ...sections].join('\n');
}

function appCheckSection(section: AppCheckSection): string {
  const rows = appCheckRows(section);
  return [
    '<section id="prediction-check"><h2>Prediction check</h2>',
    rows.length === 0 ? '' : table(APP_CHECK_HEADERS, rows, 'Predicted against measured slowdown of the applications, per runtime'),
    ...appCheckSentences(section).map((s) => `<p>${escapeHtml(s)}</p>`),
    '</section>',
  ].join('');
}

function table(headers: readonly { header: string; align: 'left' | 'right' }[], rows: readonly (readonly string[])[], caption: string, className = ''): string {
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h.header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${headers[i]?.align === 'right' ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<div class="scroll"><table${className === '' ? '' : ` class="${className}"`}><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

function contents(summary: boolean, workloads: readonly string[], claims: boolean): string {
  const link = (id: string, text: string): string => `<li><a href="#${escapeHtml(id)}">${escapeHtml(text)}</a></li>`;
  const items = [
    ...(summary ? [link('summary', 'Summary')] : []),
    link('run', 'Run'),
    link('runtimes', 'Runtimes'),
    ...workloads.map((w) => link(`workload-${w}`, w)),
    ...(claims ? [link('claims', 'Claims')] : []),
  ];
  return `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${items.join('')}</ol></nav>`;
}

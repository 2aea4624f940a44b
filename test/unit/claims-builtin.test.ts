import { APPS_WORKLOAD, APP_KIND_METRICS, type AppKind, isAppKind } from '../../src/claims/app-kinds.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CLAIMS, BUILTIN_CLAIM_INPUTS } from '../../src/claims/index.js';
import { convertible } from '../../src/claims/units.js';
import { WORKLOADS } from '../../src/workloads/catalogue.js';

const SEEDS = 'docs/seeds';
const DOCS: Record<string, string> = {
  'isolation-comparison-5.4.md': readFileSync(new URL(`../../${SEEDS}/isolation-comparison-5.4.md`, import.meta.url), 'utf8'),
  'gvisor-kata-tradeoffs.md': readFileSync(new URL(`../../${SEEDS}/gvisor-kata-tradeoffs.md`, import.meta.url), 'utf8'),
};

/** Table rows and prose alike: no bold markers, one space around each '|', single spaces. */
const normalise = (text: string): string => text.replace(/\*\*/g, '').replace(/\s*\|\s*/g, ' | ').replace(/\s+/g, ' ');

const byId = new Map(BUILTIN_CLAIMS.map((c) => [c.id, c]));
const UNITS = new Map(WORKLOADS.flatMap((w) => w.metrics.map((m) => [`${w.id}/${m.name}`, m.unit] as const)));

describe('built-in claims', () => {
  it('all validate, with unique ids', () => {
    expect(BUILTIN_CLAIMS).toHaveLength(BUILTIN_CLAIM_INPUTS.length);
    expect(new Set(BUILTIN_CLAIMS.map((c) => c.id)).size).toBe(BUILTIN_CLAIMS.length);
  });

  it('quote their source verbatim (each fragment of a quote appears in the cited document)', () => {
    for (const claim of BUILTIN_CLAIMS) {
      const doc = normalise(DOCS[claim.source.document] ?? '');
      expect(doc, claim.id).not.toBe('');
      for (const fragment of claim.quote.split(/ — | … /)) expect(doc, `${claim.id}: ${fragment}`).toContain(normalise(fragment));
    }
  });

  it('cite sections that exist in the document', () => {
    for (const claim of BUILTIN_CLAIMS) {
      const heading = claim.source.section.replace(/^§[\d.]+ /, '').split(/[;(,]/)[0]?.trim() ?? '';
      expect(DOCS[claim.source.document], `${claim.id}: ${heading}`).toContain(heading);
    }
  });

  it('mark conflicts in both directions, between claims about the same subject', () => {
    for (const claim of BUILTIN_CLAIMS) {
      for (const other of claim.conflictsWith) {
        const peer = byId.get(other);
        expect(peer, `${claim.id} → ${other}`).toBeDefined();
        expect(peer?.conflictsWith, `${other} ← ${claim.id}`).toContain(claim.id);
        expect(peer?.subject).toBe(claim.subject);
      }
    }
  });

  it('conflicting claims really have disjoint (or merely touching) ranges', () => {
    for (const claim of BUILTIN_CLAIMS) {
      for (const other of claim.conflictsWith) {
        const [a, b] = [claim.claimed, (byId.get(other) ?? claim).claimed];
        const lowA = a.min ?? -Infinity, highA = a.max ?? Infinity, lowB = b.min ?? -Infinity, highB = b.max ?? Infinity;
        const factor = (unit: string) => ({ s: 1000, ms: 1, MB: 1, '%': 1 })[unit] ?? Number.NaN;
        expect(Math.max(lowA * factor(a.unit), lowB * factor(b.unit)), `${claim.id} vs ${other}`)
          .toBeGreaterThanOrEqual(Math.min(highA * factor(a.unit), highB * factor(b.unit)));
      }
    }
  });

  it('include the claims named by issue 4, with the documented tier mapping', () => {
    const expectMeasure = (id: string, measure: object, claimed: object) => {
      expect(byId.get(id), id).toMatchObject({ measure, claimed });
    };
    expectMeasure('iso54.latency.syscall.container', { target: 'runc', reference: 'native', quantity: 'delta' }, { min: 0, max: 0, unit: 'ns/op' });
    expectMeasure('iso54.latency.syscall.sandbox', { target: 'runc', reference: 'runc:unconfined' }, { min: 50, max: 50 });
    expectMeasure('iso54.latency.syscall.vm', { target: 'kata', reference: 'native' }, { min: 500, max: 500 });
    expectMeasure('iso54.latency.memory.vm', { workload: 'memaccess', metric: 'chase_large', target: 'kata', quantity: 'delta' }, { min: 30, max: 30, unit: 'ns/op' });
    expectMeasure('iso54.throughput.cpu.container.apps', { workload: 'apps', metric: 'cpu', target: 'runc', reference: 'native' }, { min: 97, max: 99, unit: '%' });
    expectMeasure('iso54.throughput.net.sandbox.apps', { workload: 'apps', metric: 'net', target: 'runc', reference: 'runc:unconfined' }, { min: 85, max: 95 });
    expectMeasure('iso54.latency.io.vm', { workload: 'fileio' }, { min: 1, max: 1, unit: 'us/op' });
    expectMeasure('iso54.throughput.cpu.vm', { quantity: 'retention-pct', workload: 'cpu' }, { min: 85, max: 95, unit: '%' });
    expectMeasure('iso54.throughput.io.container', { quantity: 'retention-pct', workload: 'fileio' }, { min: 95, max: 98 });
    expectMeasure('iso54.throughput.net.sandbox', { quantity: 'retention-pct', workload: 'net' }, { min: 85, max: 95 });
    expectMeasure('iso54.gvisor.startup.under-100ms', { target: 'runsc', quantity: 'value' }, { min: null, max: 100, unit: 'ms' });
    expectMeasure('iso54.kata.startup.under-1s', { target: 'kata' }, { max: 1, unit: 's' });
    expectMeasure('iso54.kata.startup.10-30s', { target: 'kata' }, { min: 10, max: 30, unit: 's' });
    expectMeasure('iso54.firecracker.startup.under-125ms', { target: 'kata-fc' }, { max: 125, unit: 'ms' });
    expectMeasure('tradeoffs.kata.startup.cold-over-300ms', { target: 'kata' }, { min: 300, max: null, unit: 'ms' });
    expectMeasure('iso54.gvisor.memory.50-100mb', { metric: 'pss_per_sandbox', target: 'runsc' }, { min: 50, max: 100, unit: 'MB' });
    expectMeasure('iso54.kata.memory.100-200mb', { target: 'kata' }, { min: 100, max: 200, unit: 'MB' });
    expectMeasure('tradeoffs.firecracker.memory.over-200mb', { target: 'kata-fc' }, { min: 200, max: null });
    expectMeasure('iso54.gvisor.cpu.10-20pct', { target: 'runsc', reference: 'native', quantity: 'overhead-pct' }, { min: 10, max: 20, unit: '%' });
    expectMeasure('iso54.kata.cpu.5-10pct', { target: 'kata', quantity: 'overhead-pct' }, { min: 5, max: 10 });
    expect(byId.get('iso54.kata.startup.under-1s')?.conflictsWith).toContain('iso54.kata.startup.10-30s');
  });

  it('measure metrics of the catalogue (or of the net workload before it lands) in convertible units', () => {
    for (const claim of BUILTIN_CLAIMS) {
      const m = claim.measure;
      if (m === null) continue;
      if (m.workload === APPS_WORKLOAD) {
        // judged on applications: every metric of the kind is a metric of the catalogue
        expect(isAppKind(m.metric), claim.id).toBe(true);
        for (const [workload, metrics] of Object.entries(APP_KIND_METRICS[m.metric as AppKind])) {
          for (const metric of metrics) expect(UNITS.has(`${workload}/${metric}`), `${claim.id}: ${workload}/${metric}`).toBe(true);
        }
        expect(claim.claimed.unit).toBe('%');
        continue;
      }
      const unit = UNITS.get(`${m.workload}/${m.metric}`);
      if (unit === undefined) {
        // the net workload may not have landed yet: then its claims come out "no workload measures this"
        expect(m.workload, claim.id).toBe('net');
        expect(WORKLOADS.some((w) => w.id === 'net'), `${claim.id}: the net workload exists but lacks ${m.metric}`).toBe(false);
        continue;
      }
      const expected = m.quantity === 'overhead-pct' || m.quantity === 'retention-pct' ? '%' : unit;
      expect(convertible(claim.claimed.unit, expected), `${claim.id}: ${claim.claimed.unit} → ${expected}`).toBe(true);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPAT_CLAIMS } from '../../src/claims/builtin-compat.js';
import { checkById } from '../../src/compat/checks.js';

const seed = (name: string): string => readFileSync(new URL(`../../docs/seeds/${name}`, import.meta.url), 'utf8');

describe('the second seed\'s qualitative claims as claims on checks', () => {
  it('quote their source verbatim, with a section that is a heading of it', () => {
    for (const c of COMPAT_CLAIMS) {
      const doc = seed(c.source.document);
      expect(doc, c.id).toContain(c.quote);
      if (!c.source.section.startsWith('(')) expect(doc, c.id).toContain(c.source.section);
    }
  });

  it('name only checks of the catalogue, with unique ids', () => {
    expect(new Set(COMPAT_CLAIMS.map((c) => c.id)).size).toBe(COMPAT_CLAIMS.length);
    for (const c of COMPAT_CLAIMS) for (const e of c.expect) for (const id of e.checks) expect(checkById(id), `${c.id}: ${id}`).toBeDefined();
  });

  it('cover ptrace, perf, /proc, /sys, resolv.conf, Go preemption and Kata', () => {
    const checks = new Set(COMPAT_CLAIMS.flatMap((c) => c.expect.flatMap((e) => e.checks)));
    for (const id of ['ptrace_attach', 'perf_event_software', 'proc_mounts', 'sys_class_net', 'dns_resolv_conf', 'sigurg_busy_thread']) expect(checks).toContain(id);
    expect(COMPAT_CLAIMS.some((c) => c.tier === 'vm')).toBe(true);
  });
});

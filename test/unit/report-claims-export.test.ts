import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CLAIMS } from '../../src/claims/index.js';
import { quoteGloss, sectionGloss } from '../../src/claims/glosses.js';
import { CLAIMS_CSV_COLUMNS, renderClaims } from '../../src/report/claims-export.js';
import { CLAIM_RESULTS } from './fixtures/claim-results.js';

describe('isobench claims output', () => {
  const judged = CLAIM_RESULTS.filter((r) => r.verdict !== 'not-measured');

  it('CSV: one row per claim, each claim once, with its columns', () => {
    const all = parse(renderClaims('csv', CLAIM_RESULTS, { allClaims: true }), { columns: true }) as Record<string, string>[];
    expect(all.map((r) => r.id)).toEqual(CLAIM_RESULTS.map((r) => r.claim.id));
    expect(Object.keys(all[0] ?? {})).toEqual([...CLAIMS_CSV_COLUMNS]);
    const runc = all.find((r) => r.id === 'demo.getppid.runc');
    expect(runc).toMatchObject({ measures: 'syscall/getppid runc vs native', measured: '3.47', ci_low: '2.76', verdict: 'worse', unit: 'ns/op' });
    expect(all.find((r) => r.id === 'demo.kata.slow')).toMatchObject({ verdict: 'not-measured', reason: 'runtime-absent', conflicts: 'demo.kata.fast' });
    const shown = parse(renderClaims('csv', CLAIM_RESULTS), { columns: true }) as Record<string, string>[];
    expect(shown.map((r) => r.id)).toEqual(judged.map((r) => r.claim.id));
  });

  it('JSON says how many it shows of how many; Markdown says so in words; the table counts the rest', () => {
    const doc = JSON.parse(renderClaims('json', CLAIM_RESULTS)) as { shown: number; total: number; claims: { id: string }[] };
    expect(doc).toMatchObject({ shown: judged.length, total: CLAIM_RESULTS.length });
    expect(renderClaims('md', CLAIM_RESULTS)).toContain(`${judged.length} of ${CLAIM_RESULTS.length} claims`);
    expect(renderClaims('table', CLAIM_RESULTS)).toContain(`${CLAIM_RESULTS.length - judged.length} not measured: isobench claims --all`);
  });

  it('every built-in claim has an English gloss of its quote, and its section titles glossed where they are Chinese', () => {
    for (const claim of BUILTIN_CLAIMS) {
      expect(quoteGloss(claim.quote), claim.id).not.toBeNull();
      expect(quoteGloss(claim.quote), claim.id).not.toMatch(/[\u4e00-\u9fff]/);
      const section = sectionGloss(claim.source.section);
      if (/[\u4e00-\u9fff]/.test(claim.source.section)) expect(section, claim.id).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

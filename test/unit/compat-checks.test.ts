import { describe, expect, it } from 'vitest';
import { CHECK_GROUPS, CHECK_IDS, COMPAT_CHECKS, checkById } from '../../src/compat/checks.js';
import { fixtureChecks } from './compat-fixtures.js';

describe('the check catalogue', () => {
  it('has at least 40 checks with unique ids, each described, covering every group of the issue', () => {
    expect(COMPAT_CHECKS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    for (const c of COMPAT_CHECKS) {
      expect(c.description.length, c.id).toBeGreaterThan(5);
      expect(c.works.length, c.id).toBeGreaterThan(3);
    }
    expect(new Set(COMPAT_CHECKS.map((c) => c.group))).toEqual(new Set(CHECK_GROUPS));
  });

  it('names the readings it compares as the probe prints them (native output)', () => {
    const native = fixtureChecks('native');
    for (const c of COMPAT_CHECKS.filter((x) => x.compare)) {
      const printed = native.find((n) => n.check === c.id);
      for (const key of c.compare ?? []) expect(printed?.observed, `${c.id}.${key}`).toHaveProperty(key);
    }
  });

  it('finds a check by id', () => {
    expect(checkById('ptrace_attach')?.group).toBe('tracing');
    expect(checkById('nope')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { COMPAT_CHECKS } from '../../src/compat/checks.js';
import { buildMatrix } from '../../src/compat/matrix.js';
import { PROBED_CALLS, unsupportedCalls } from '../../src/predict/unsupported.js';
import { buildProfile } from '../../src/profile/profile.js';
import { fixtureChecks } from './compat-fixtures.js';

const target = (id: string) => ({ id, tier: id === 'native' ? 'native' : 'container', version: null, flags: [] });

const profile = buildProfile({
  id: 'p', createdAt: '2026-12-01T00:00:00Z', hostname: 'h', subject: { kind: 'command', argv: ['/bin/x'] },
  tracerVersion: '6.1', tracerArgv: ['strace'], untracedWallMs: [10], exitCode: 0, tracedWallMs: 30,
  syscalls: [
    { name: 'io_uring_setup', calls: 1, errors: 0, tracedSeconds: 0 },
    { name: 'io_uring_enter', calls: 5000, errors: 0, tracedSeconds: 0 },
    { name: 'getrandom', calls: 2, errors: 0, tracedSeconds: 0 },
    { name: 'read', calls: 900, errors: 0, tracedSeconds: 0 },
  ],
  perf: { wallMs: null, cpuMs: null, pageFaults: null, minorFaults: null, majorFaults: null, contextSwitches: null, userMs: null },
});

describe('calls a runtime is known not to support', () => {
  // captured probe output: io_uring fails with ENOSYS under gVisor 20240729 and works under runc
  const matrix = buildMatrix('r', [
    { target: target('native'), checks: fixtureChecks('native'), failure: null },
    { target: target('runc'), checks: fixtureChecks('runc'), failure: null },
    { target: target('runsc'), checks: fixtureChecks('runsc-20240729'), failure: null },
  ]);

  it('lists the profiled calls whose compat check fails on a runtime, with the error', () => {
    const found = unsupportedCalls(profile, matrix);
    expect(found.get('runsc')?.map((c) => `${c.call} ${c.calls} ${c.because}`)).toEqual([
      'io_uring_setup 1 io_uring_setup: ENOSYS', 'io_uring_enter 5000 io_uring_setup: ENOSYS',
    ]);
    expect(found.has('runc')).toBe(false);
    expect(found.has('native')).toBe(false);
  });

  it('maps calls only to checks the probe has', () => {
    const ids = new Set(COMPAT_CHECKS.map((c) => c.id));
    expect(PROBED_CALLS.length).toBeGreaterThan(30);
    const noProfileCalls = buildProfile({ ...profileParts(), syscalls: PROBED_CALLS.map((name) => ({ name, calls: 1, errors: 0, tracedSeconds: 0 })) });
    const failing = buildMatrix('r', [{ target: target('native'), checks: [], failure: null },
      { target: target('x'), checks: COMPAT_CHECKS.map((c) => ({ check: c.id, result: 'fails' as const, errno: 'EPERM', detail: '', observed: {} })), failure: null }]);
    const listed = unsupportedCalls(noProfileCalls, failing).get('x') ?? [];
    expect(listed.map((c) => c.call)).toEqual([...PROBED_CALLS]);
    for (const c of listed) for (const id of c.because.split('; ').map((b) => b.split(':')[0] as string)) expect(ids.has(id), id).toBe(true);
  });
});

function profileParts() {
  return {
    id: 'q', createdAt: '2026-12-01T00:00:00Z', hostname: 'h', subject: { kind: 'command' as const, argv: ['/bin/x'] },
    tracerVersion: '6.1', tracerArgv: ['strace'], untracedWallMs: [10], exitCode: 0, tracedWallMs: 30, syscalls: [],
    perf: { wallMs: null, cpuMs: null, pageFaults: null, minorFaults: null, majorFaults: null, contextSwitches: null, userMs: null },
  };
}

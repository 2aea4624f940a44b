import { describe, expect, it } from 'vitest';
import { buildProfile, describeSubject, parseProfile, type ProfileParts } from '../../src/profile/profile.js';

const parts: ProfileParts = {
  id: '20261201-084302-e4d7',
  createdAt: '2026-12-01T08:43:02.420Z',
  hostname: 'vm',
  subject: { kind: 'command', argv: ['/usr/bin/python3', '-c', 'import json'] },
  tracerVersion: '6.1',
  tracerArgv: ['/usr/bin/strace', '-c', '-f'],
  untracedWallMs: [32, 24, 26],
  exitCode: 0,
  tracedWallMs: 66,
  syscalls: [{ name: 'read', calls: 59, errors: 0, tracedSeconds: 0.004 }],
  perf: { wallMs: null, cpuMs: 22.8, pageFaults: 1089.4, minorFaults: 1089.4, majorFaults: 0, contextSwitches: 9, userMs: 20.1 },
};

describe('profile', () => {
  it('takes the median untraced wall time as the baseline and rounds counted events', () => {
    const p = buildProfile(parts);
    expect(p.native).toEqual({ wallMs: 26, wallMsRuns: [32, 24, 26], cpuMs: 22.8, exitCode: 0 });
    expect(p.events.pageFaults).toBe(1089);
    expect(buildProfile({ ...parts, untracedWallMs: [10, 20] }).native.wallMs).toBe(15);
  });

  it('round-trips through JSON and refuses what is not a profile, naming the field', () => {
    const p = buildProfile(parts);
    expect(parseProfile(JSON.parse(JSON.stringify(p)))).toEqual({ ok: true, profile: p });
    expect(parseProfile({ hello: 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/^format:/) });
    const bad = { ...p, syscalls: [{ name: 'read', calls: -1, errors: 0, tracedSeconds: 0 }] };
    expect(parseProfile(bad)).toMatchObject({ ok: false, reason: expect.stringMatching(/^syscalls\.0\.calls:/) });
  });

  it('describes a command and a watched process', () => {
    expect(describeSubject(parts.subject)).toBe('/usr/bin/python3 -c import json');
    expect(describeSubject({ kind: 'pid', pid: 42, durationS: 5 })).toBe('pid 42 for 5 s');
  });
});

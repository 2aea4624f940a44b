import { describe, expect, it } from 'vitest';
import { profilable, withoutLauncherStart } from '../../src/cli/app-profiles.js';
import { WORKLOADS } from '../../src/workloads/catalogue.js';

describe("profiles of a run's applications", () => {
  it("take the launcher's own execve out of the traced calls, and nothing else", () => {
    const calls = [{ name: 'execve', calls: 2, errors: 0, tracedSeconds: 0 }, { name: 'read', calls: 7, errors: 0, tracedSeconds: 0 }];
    expect(withoutLauncherStart(calls)).toEqual([{ name: 'execve', calls: 1, errors: 0, tracedSeconds: 0 }, calls[1]]);
    expect(withoutLauncherStart([{ name: 'execve', calls: 1, errors: 0, tracedSeconds: 0 }])).toEqual([]);
  });

  it('profile the timed applications only: no server, no micro workload', () => {
    expect(profilable(WORKLOADS).map((w) => w.id).sort()).toEqual(['build', 'ffmpeg', 'python', 'sqlite']);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPABILITIES, MEMORY_LIMIT_BYTES, runArgv, tmpfsMount } from '../../src/engine/containerd/argv.js';
import type { ContainerRequest } from '../../src/engine/engine.js';
import { LABEL_OWNER, LABEL_RUN_ID } from '../../src/engine/labels.js';

const request: ContainerRequest = {
  image: 'isobench/syscall:abc',
  cmd: ['--reps', '2'],
  runtime: { name: 'io.containerd.runc.v2' },
  labels: { [LABEL_RUN_ID]: 'r1' },
  needs: { network: 'none', readonlyRootfs: true, tmpfs: { '/tmpfs': 'rw,size=64m' } },
  seccomp: true,
  timeoutMs: 1000,
};
const argv = (r: Partial<ContainerRequest> = {}): string[] =>
  runArgv({ request: { ...request, ...r }, id: 'isobench-1', runtimeArgs: ['--runtime', 'io.containerd.runc.v2'], pidFile: '/p', entrypoint: ['/syscall'] });
const values = (a: string[], flag: string): string[] => a.flatMap((x, i) => (x === flag ? [a[i + 1] as string] : []));

describe('ctr run argv', () => {
  it('has the least privilege of the Docker path', () => {
    const a = argv();
    expect(a.slice(0, 2)).toEqual(['run', '--rm']);
    expect(a).toContain('--read-only');
    expect(a).toContain('--seccomp');
    expect(a).not.toContain('--allow-new-privs');
    expect(a).not.toContain('--privileged');
    expect(a).not.toContain('--net-host');
    expect(values(a, '--cap-drop')).toEqual([...DEFAULT_CAPABILITIES]);
    expect(values(a, '--memory-limit')).toEqual([String(MEMORY_LIMIT_BYTES)]);
    expect(values(a, '--mount')).toEqual(['type=tmpfs,src=tmpfs,dst=/tmpfs,options=rw:size=64m:nosuid:nodev:noexec']);
  });

  it('labels the container with the run and its owner', () => {
    const labels = values(argv(), '--label');
    expect(labels).toContain(`${LABEL_RUN_ID}=r1`);
    expect(labels.some((l) => l.startsWith(`${LABEL_OWNER}=`))).toBe(true);
  });

  it('puts the entrypoint before the arguments (ctr replaces the whole argv), and nothing without arguments', () => {
    expect(argv().slice(-5)).toEqual(['isobench/syscall:abc', 'isobench-1', '/syscall', '--reps', '2']);
    expect(argv({ cmd: [] }).slice(-2)).toEqual(['isobench/syscall:abc', 'isobench-1']);
  });

  it('drops seccomp only when unconfined, and keeps a writable root when asked', () => {
    expect(argv({ seccomp: false })).not.toContain('--seccomp');
    expect(argv({ needs: { ...request.needs, readonlyRootfs: false } })).not.toContain('--read-only');
  });

  it('keeps tmpfs options the request gives', () => {
    expect(tmpfsMount('/t', 'rw,exec,size=1m')).toBe('type=tmpfs,src=tmpfs,dst=/t,options=rw:exec:size=1m:nosuid:nodev');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/bench/orchestrator.js';
import { planTrials } from '../../src/bench/plan.js';
import { ContainerExecutor } from '../../src/bench/executors/container.js';
import { connectDocker } from '../../src/engine/docker/connect.js';
import { DockerEngine } from '../../src/engine/docker/engine.js';
import { LABEL_TRIAL } from '../../src/engine/labels.js';
import { readHostFacts } from '../../src/host/facts.js';
import type { RuntimeTarget } from '../../src/runtimes/targets.js';
import { Store } from '../../src/store/store.js';
import { WORKLOADS } from '../../src/workloads/catalogue.js';
import { testTargets } from './engine-env.js';
import { NOTHING_LEFT, leftSince, snapshot } from './faults-env.js';

/** The workloads that need a network: net, calls and compat (loopback sockets), the redis and nginx servers. */
const NETWORKED = new Set(['net', 'calls', 'compat', 'redis', 'nginx']);

/**
 * Least privilege, as the engine sees it: every container a run of every workload creates is
 * inspected right after its creation (through the run's own code path), before it starts.
 */
describe('the containers isobench creates', () => {
  let docker: Docker;
  let dir: string;
  let store: Store;
  const created: { workload: string; info: Docker.ContainerInspectInfo }[] = [];

  beforeAll(async () => {
    ({ docker } = await connectDocker());
    dir = mkdtempSync(join(tmpdir(), 'isobench-privilege-'));
    store = Store.open(join(dir, 'test.db'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are never privileged, drop every capability, mount nothing of the host, and have no network unless they need one', async () => {
    const { targets, descriptions } = await testTargets(['runc']);
    const executors = new Map([['runc', new ContainerExecutor(targets[0] as RuntimeTarget, new DockerEngine(docker, 'test'))]]);
    const plan = planTrials({ targets: ['runc'], workloads: WORKLOADS.map((w) => w.id), repetitions: 1, random: () => 0.5 });
    const runId = `privilege-${process.pid}`;
    store.createRun({ id: runId, startedAt: new Date().toISOString(), seed: 1, host: readHostFacts(null), config: {}, targets: descriptions });
    const create = docker.createContainer.bind(docker);
    docker.createContainer = (async (options: Docker.ContainerCreateOptions) => {
      const container = await create(options);
      const seq = Number(options.Labels?.[LABEL_TRIAL]);
      created.push({ workload: plan[seq]?.workload ?? '?', info: await container.inspect() });
      return container;
    }) as typeof docker.createContainer;
    const before = await snapshot(docker);

    await executeRun(
      { runId, executors, workloads: WORKLOADS, plan, budget: { repetitions: 2, repBudgetMs: 10, warmupMs: 5 }, trialTimeoutMs: 120_000 },
      { store, signal: new AbortController().signal, onProgress: () => {}, now: () => new Date() },
    );

    expect(new Set(created.map((c) => c.workload))).toEqual(new Set(WORKLOADS.map((w) => w.id)));
    expect(WORKLOADS.filter((w) => w.container.network !== 'none').map((w) => w.id).sort()).toEqual([...NETWORKED].sort());
    for (const { workload, info: c } of created) {
      const spec = WORKLOADS.find((w) => w.id === workload);
      const what = `${workload} ${c.Name}`;
      const h = c.HostConfig;
      expect(h.Privileged, what).toBe(false);
      expect(h.CapDrop, what).toEqual(['ALL']);
      expect(h.CapAdd ?? [], what).toEqual([]);
      expect(h.Binds ?? [], what).toEqual([]);
      expect(c.Mounts, what).toEqual([]);
      expect(h.Devices ?? [], what).toEqual([]);
      expect(h.SecurityOpt, what).toContain('no-new-privileges');
      expect(h.PidMode ?? '', what).not.toBe('host');
      expect(h.IpcMode ?? '', what).not.toBe('host');
      if (!NETWORKED.has(workload)) expect(h.NetworkMode, what).toBe('none');
      expect(h.NetworkMode, what).not.toBe('host');
      expect(h.ReadonlyRootfs, what).toBe(spec?.container.readonlyRootfs);
      expect(Object.keys(h.Tmpfs ?? {}), what).toEqual(Object.keys(spec?.container.tmpfs ?? {}));
    }
    // uid 0 only where the workload says why it needs it (issue 13): fileio, whose /scratch is in root's /
    for (const { workload, info: c } of created) expect(c.Config.User, workload).toBe(workload === 'fileio' || workload === 'compat' ? '0:0' : '65534:65534');
    expect(WORKLOADS.filter((w) => w.container.rootBecause !== undefined).map((w) => w.id)).toEqual(['fileio', 'compat']);
    // a writable root filesystem only where the workload writes to it (compat: O_DIRECT, fsync, xattrs, locks;
    // sqlite: its database on the root filesystem; build: its objects beside its sources)
    expect([...new Set(created.filter((c) => !c.info.HostConfig.ReadonlyRootfs).map((c) => c.workload))].sort()).toEqual(['build', 'compat', 'fileio', 'sqlite']);
    expect(await leftSince(docker, before, [dir])).toEqual(NOTHING_LEFT);
  }, 240_000);
});

import type { Engine, ExecutionOutcome, ContainerRequest } from '../../engine/engine.js';
import { UNPRIVILEGED_USER } from '../../engine/engine.js';
import { IsobenchError } from '../../errors.js';
import type { RuntimeTarget } from '../../runtimes/targets.js';
import { programOf } from '../../workloads/program.js';
import { CONTAINER_SCRATCH, type ScratchDirs, type WorkloadSpec } from '../../workloads/types.js';
import type { ExecRequest, Executor, Started } from '../executor.js';

/** A container target: the workload's image run by an engine (Docker, containerd) with the target's runtime. */
export class ContainerExecutor implements Executor {
  private readonly images = new Map<string, string>();

  constructor(
    readonly target: RuntimeTarget,
    readonly engine: Engine,
  ) {
    if (target.binding === null) throw new Error(`target ${target.id} has no runtime binding`);
  }

  async prepare(workloads: readonly WorkloadSpec[], onImage?: (workload: string, ref: string, built: boolean) => void, signal?: AbortSignal): Promise<void> {
    for (const workload of workloads) {
      if (this.images.has(workload.id)) continue;
      if (signal?.aborted) throw new IsobenchError('INTERRUPTED', 'interrupted while preparing images');
      const spec = await programOf(workload).image();
      // not root unless the workload says why it needs it (WorkloadSpec.container.rootBecause): the
      // image's user, so that every engine runs it so
      const user = spec.user ?? (workload.container.rootBecause === undefined ? UNPRIVILEGED_USER : '0:0');
      const image = await this.engine.ensureImage({ ...spec, user }, signal);
      this.images.set(workload.id, image.ref);
      onImage?.(workload.id, image.ref, image.built);
    }
  }

  scratch(): Promise<{ dirs: ScratchDirs; remove(): Promise<void> }> {
    return Promise.resolve({ dirs: CONTAINER_SCRATCH, remove: () => Promise.resolve() });
  }

  private request(request: ExecRequest): ContainerRequest {
    const image = this.images.get(request.workload.id);
    if (!image) throw new Error(`no image for workload ${request.workload.id} on ${this.target.id}: prepare() first`);
    return {
      image,
      cmd: request.args,
      runtime: this.target.binding ?? { name: 'runc' },
      labels: request.labels,
      needs: { ...request.workload.container, ...request.needs },
      seccomp: this.target.seccomp,
      timeoutMs: request.timeoutMs,
      ...(request.cpuset ? { cpuset: request.cpuset } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.interactive ? { interactive: true } : {}),
      ...(request.startTimeoutMs !== undefined ? { startTimeoutMs: request.startTimeoutMs } : {}),
    };
  }

  run(request: ExecRequest): Promise<ExecutionOutcome> {
    return this.engine.run(this.request(request));
  }

  async start(request: ExecRequest): Promise<Started> {
    const container = await this.engine.start(this.request(request));
    return {
      address: () => container.ipv4(),
      output: () => container.logs(),
      stdio: () => container.stdio(),
      pids: () => container.hostPids(),
      stop: async () => {
        await container.remove();
      },
    };
  }

  alive(): Promise<boolean> {
    return this.engine.alive();
  }

  async sweep(runId: string): Promise<{ removed: number; failed: readonly string[] }> {
    const { removed, failed } = await this.engine.sweep({ runId });
    return { removed: removed.length, failed };
  }
}

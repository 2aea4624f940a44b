import type { Engine, ExecutionOutcome, ContainerRequest } from '../../engine/engine.js';
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
      const image = await this.engine.ensureImage(await programOf(workload).image(), signal);
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
      ...(request.workload.user ? { user: request.workload.user } : {}),
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

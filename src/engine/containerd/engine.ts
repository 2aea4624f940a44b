/**
 * The containerd engine: containerd's own client `ctr` (the path Kata's install guides use),
 * in isobench's namespace. Found by findContainerd (CONTAINERD_ADDRESS, the system socket,
 * isobench's own); never Docker's containerd.
 */
import type {
  ContainerRequest, Engine, EngineFacts, ExecutionOutcome, ImageRef, ImageSpec, RunningContainer, SweepResult,
} from '../engine.js';
import { findContainerd, serverVersion } from './endpoint.js';
import { kataConfigFiles, runscThroughRunc, shimsOnHost } from './facts.js';
import { ensureImage, entrypointOf, removeImages } from './image.js';
import { runContainer } from './run.js';
import { KATA_SHIM } from './runtime.js';
import { startContainer } from './start.js';
import { listContainers, runningTaskIds, sweepContainers } from './sweep.js';
import { LABEL_RUN_ID } from '../labels.js';

const ALIVE_TIMEOUT_MS = 3_000;

export class ContainerdEngine implements Engine {
  readonly kind = 'containerd' as const;
  /** entrypoints of the images this process imported or looked up (ctr's COMMAND replaces them) */
  private readonly entrypoints = new Map<string, readonly string[]>();

  constructor(readonly endpoint: string, private readonly version: string) {}

  /** The first containerd that answers (see findContainerd), or CONTAINERD_UNAVAILABLE. */
  static async connect(env: NodeJS.ProcessEnv = process.env): Promise<ContainerdEngine> {
    const { address, version } = await findContainerd(env);
    return new ContainerdEngine(address, version);
  }

  async facts(): Promise<EngineFacts> {
    const answered = await serverVersion(this.endpoint);
    const shims = shimsOnHost();
    const kata = shims.find((s) => s.name === KATA_SHIM);
    const kataVariants = kata ? kataConfigFiles().map((file) => ({ ...kata, runtimeArgs: [`ConfigPath=${file}`] })) : [];
    const runsc = runscThroughRunc();
    return {
      kind: 'containerd',
      endpoint: this.endpoint,
      version: typeof answered === 'string' ? answered : this.version,
      apiVersion: null,
      runtimes: [...shims, ...kataVariants, ...(runsc ? [runsc] : [])],
      storageDriver: 'overlayfs',
      cgroupDriver: 'cgroupfs',
    };
  }

  /** Kata configuration files on the host (whether or not its shim is installed), for doctor. */
  kataConfigFiles(): string[] {
    return kataConfigFiles();
  }

  async ensureImage(spec: ImageSpec, signal?: AbortSignal): Promise<ImageRef> {
    const ref = await ensureImage(this.endpoint, spec, signal);
    this.entrypoints.set(ref.ref, spec.entrypoint);
    return ref;
  }

  private async entrypoint(ref: string): Promise<readonly string[]> {
    const known = this.entrypoints.get(ref);
    if (known) return known;
    const found = await entrypointOf(this.endpoint, ref);
    this.entrypoints.set(ref, found);
    return found;
  }

  async run(request: ContainerRequest): Promise<ExecutionOutcome> {
    let entrypoint: readonly string[];
    try {
      entrypoint = await this.entrypoint(request.image);
    } catch (error) {
      return { kind: 'engine-error', message: `containerd at ${this.endpoint}: ${(error as Error).message}`, durationMs: 0 };
    }
    return runContainer(this.endpoint, request, entrypoint);
  }

  async start(request: ContainerRequest): Promise<RunningContainer> {
    return startContainer(this.endpoint, request, await this.entrypoint(request.image));
  }

  sweep(filter: { readonly runId?: string; readonly isOver?: (runId: string) => boolean }): Promise<SweepResult> {
    return sweepContainers(this.endpoint, filter);
  }

  removeImages(): Promise<Omit<SweepResult, 'inUse'>> {
    this.entrypoints.clear();
    return removeImages(this.endpoint);
  }

  async alive(): Promise<boolean> {
    return typeof (await serverVersion(this.endpoint, ALIVE_TIMEOUT_MS)) === 'string';
  }

  async labelledContainers(): Promise<string[]> {
    return (await listContainers(this.endpoint)).filter((c) => c.labels[LABEL_RUN_ID] !== undefined).map((c) => c.id);
  }

  runningIds(): Promise<string[]> {
    return runningTaskIds(this.endpoint);
  }
}

import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { containerProcesses, listProcesses } from '../../host/processes.js';
import type { ContainerRequest, Engine, EngineFacts, ExecutionOutcome, ImageRef, ImageSpec, RunningContainer, SweepResult } from '../engine.js';
import { LABEL_RUN_ID } from '../labels.js';
import { pingEngine } from './api.js';
import { containerCreateOptions, removeContainer, runContainer } from './container.js';
import { demuxDockerStream } from './demux.js';
import { ensureImage } from './image.js';
import { readEngineInfo } from './info.js';
import { containerIpv4 } from './network.js';
import { sweepContainers, sweepEndedRuns, sweepImages } from './sweep.js';

const API_TIMEOUT_MS = 30_000;
const ALIVE_TIMEOUT_MS = 5_000;

/** The Docker Engine API through dockerode: today's engine, behind the Engine seam. */
export class DockerEngine implements Engine {
  readonly kind = 'docker' as const;

  constructor(
    readonly docker: Docker,
    readonly endpoint: string,
  ) {}

  async facts(): Promise<EngineFacts> {
    const info = await readEngineInfo(this.docker);
    return {
      kind: 'docker',
      endpoint: this.endpoint,
      version: info.serverVersion,
      apiVersion: info.apiVersion,
      runtimes: info.runtimes,
      storageDriver: info.storageDriver,
      cgroupDriver: info.cgroupDriver,
    };
  }

  ensureImage(spec: ImageSpec, signal?: AbortSignal): Promise<ImageRef> {
    return ensureImage(this.docker, spec, signal);
  }

  run(request: ContainerRequest): Promise<ExecutionOutcome> {
    return runContainer(this.docker, request);
  }

  async start(request: ContainerRequest): Promise<RunningContainer> {
    const container = await this.docker.createContainer({ ...containerCreateOptions(request), abortSignal: AbortSignal.timeout(API_TIMEOUT_MS) });
    let started = false;
    try {
      const io = request.interactive ? await attach(this.docker, container) : null;
      const deadline = AbortSignal.timeout(request.startTimeoutMs ?? request.timeoutMs);
      await container.start({ abortSignal: request.signal ? AbortSignal.any([deadline, request.signal]) : deadline });
      started = true;
      const state = (await container.inspect({ abortSignal: AbortSignal.timeout(API_TIMEOUT_MS) })).State;
      if (!state.Running) throw new Error(`the container exited at once (exit code ${state.ExitCode})`);
      return running(container, io);
    } catch (error) {
      await removeContainer(container, { runtimeStuck: !started });
      throw error;
    }
  }

  sweep(filter: { readonly runId?: string; readonly isOver?: (runId: string) => boolean }): Promise<SweepResult> {
    if (filter.isOver) return sweepEndedRuns(this.docker, filter.isOver);
    return sweepContainers(this.docker, filter.runId);
  }

  removeImages(): Promise<Omit<SweepResult, 'inUse'>> {
    return sweepImages(this.docker);
  }

  async alive(): Promise<boolean> {
    try {
      await pingEngine(this.docker, ALIVE_TIMEOUT_MS);
      return true;
    } catch {
      return false;
    }
  }

  async labelledContainers(): Promise<string[]> {
    const found = await this.docker.listContainers({ all: true, filters: { label: [LABEL_RUN_ID] } });
    return found.map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12));
  }

  async runningIds(): Promise<string[]> {
    return (await this.docker.listContainers()).map((c) => c.Id);
  }
}

type Stdio = { readonly stdin: NodeJS.WritableStream & PassThrough; readonly stdout: PassThrough; readonly stderr: PassThrough };

/** Attaches to a created container's stdin, stdout and stderr before it starts (nothing it prints is missed). */
async function attach(docker: Docker, container: Docker.Container): Promise<Stdio> {
  const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as NodeJS.ReadWriteStream;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  docker.modem.demuxStream(stream, stdout, stderr);
  stream.on('end', () => {
    stdout.end();
    stderr.end();
  });
  stream.on('error', () => {
    stdout.end();
    stderr.end();
  });
  const stdin = new PassThrough();
  stdin.pipe(stream as unknown as NodeJS.WritableStream);
  return { stdin, stdout, stderr };
}

function running(container: Docker.Container, io: Stdio | null): RunningContainer {
  return {
    id: container.id,
    ipv4: async () => containerIpv4(await container.inspect({ abortSignal: AbortSignal.timeout(API_TIMEOUT_MS) })),
    logs: async () => {
      const raw = (await container.logs({ stdout: true, stderr: true, follow: false, abortSignal: AbortSignal.timeout(API_TIMEOUT_MS) })) as unknown as Buffer;
      return demuxDockerStream(raw);
    },
    stdio: () => io,
    hostPids: () => containerProcesses(listProcesses(), container.id).map((p) => p.pid),
    remove: () => {
      io?.stdin.end();
      return removeContainer(container);
    },
  };
}

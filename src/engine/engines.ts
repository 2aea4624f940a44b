import { describeCause } from '../errors.js';
import { connectDocker } from './docker/connect.js';
import { DockerEngine } from './docker/engine.js';
import type { Engine, EngineFacts, EngineKind } from './engine.js';

/** How each engine is found: one registry line per engine (src/engine/<kind>/). */
const CONNECTORS: Readonly<Record<EngineKind, () => Promise<Engine>>> = {
  docker: async () => {
    const { docker, source } = await connectDocker();
    return new DockerEngine(docker, source);
  },
  containerd: () => Promise.reject(new Error('the containerd engine is not built into this isobench')),
};

export type Connected = { readonly engine: Engine; readonly facts: EngineFacts } | { readonly error: string };

/** Connects to each engine asked for and reads its facts; an engine that does not answer says why. */
export async function connectEngines(kinds: ReadonlySet<EngineKind>): Promise<Partial<Record<EngineKind, Connected>>> {
  const out: Partial<Record<EngineKind, Connected>> = {};
  await Promise.all([...kinds].map(async (kind) => {
    try {
      const engine = await CONNECTORS[kind]();
      out[kind] = { engine, facts: await engine.facts() };
    } catch (error) {
      out[kind] = { error: describeCause(error) };
    }
  }));
  return out;
}

export async function connectEngine(kind: EngineKind): Promise<Engine> {
  return CONNECTORS[kind]();
}

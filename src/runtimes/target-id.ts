import { ENGINE_KINDS, type EngineKind } from '../engine/engine.js';
import { usageError } from '../errors.js';

/** A target id taken apart: `[engine/]runtime[:variant]`. */
export interface TargetSpec {
  /** null: not named (Docker, or for `kata` the first engine that can run it) */
  readonly engine: EngineKind | null;
  readonly runtime: string;
  /** `unconfined` (seccomp off), a gVisor platform (`systrap`, `ptrace`, `kvm`), a Kata hypervisor (`qemu`, `clh`, `fc`) */
  readonly variant: string | null;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const VARIANTS = ['unconfined', 'systrap', 'ptrace', 'kvm', 'qemu', 'clh', 'fc', 'dragonball'];
const FORM = 'targets are [engine/]runtime[:variant]: engine docker or containerd; variant unconfined, systrap, ptrace, kvm (gVisor), qemu, clh, fc, dragonball (Kata)';

/** Parses a target id (pure). Throws a usage error naming the bad part and the accepted form. */
export function parseTargetId(id: string): TargetSpec {
  const slash = id.indexOf('/');
  const engineText = slash >= 0 ? id.slice(0, slash) : null;
  const rest = slash >= 0 ? id.slice(slash + 1) : id;
  const colon = rest.indexOf(':');
  const runtime = colon >= 0 ? rest.slice(0, colon) : rest;
  const variant = colon >= 0 ? rest.slice(colon + 1) : null;
  if (engineText !== null && !(ENGINE_KINDS as readonly string[]).includes(engineText)) {
    throw usageError(`unknown engine '${engineText}' in target '${id}'`, FORM);
  }
  if (!NAME.test(runtime)) throw usageError(`bad runtime name '${runtime}' in target '${id}'`, FORM);
  if (variant !== null && !VARIANTS.includes(variant)) throw usageError(`unknown variant '${variant}' in target '${id}'`, FORM);
  if (runtime === 'native' && (engineText !== null || variant !== null)) throw usageError(`target '${id}': native takes no engine or variant`, FORM);
  return { engine: engineText as EngineKind | null, runtime, variant };
}

import { execa } from 'execa';

/** What a runsc binary does when no flag says otherwise (read from `runsc flags`, so it holds for any release). */
export interface RunscDefaults {
  readonly platform: string;
  /** `root:self`, `none`, … */
  readonly overlay2: string;
  readonly directfs: boolean;
}

/** The defaults `runsc flags` prints (pure): `(default "systrap")`, `(default root:self)`, `(default true)`. */
export function parseRunscFlags(text: string): RunscDefaults {
  const help = (flag: string): string => new RegExp(`^\\s+-${flag}\\b[^\\n]*\\n([^\\n]*)`, 'm').exec(text)?.[1] ?? '';
  const dflt = (flag: string): string | null => /\(default "?([^")]+)"?\)\s*$/.exec(help(flag))?.[1] ?? null;
  return {
    platform: dflt('platform') ?? 'ptrace',
    overlay2: dflt('overlay2') ?? 'none',
    directfs: dflt('directfs') === 'true',
  };
}

const FLAGS_TIMEOUT_MS = 5_000;

/** The binary's own defaults, or null when it does not answer like runsc. */
export async function probeRunscDefaults(binary: string): Promise<RunscDefaults | null> {
  try {
    const { stdout, stderr, exitCode } = await execa(binary, ['flags'], { timeout: FLAGS_TIMEOUT_MS, reject: false });
    const text = `${String(stdout)}\n${String(stderr)}`;
    if (exitCode !== 0 || !text.includes('-platform')) return null;
    return parseRunscFlags(text);
  } catch {
    return null;
  }
}

/** A flag's value from runtime arguments (`--platform=kvm`, `--platform kvm`), else null. */
export function flagValue(args: readonly string[], flag: string): string | null {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg.startsWith(`--${flag}=`) || arg.startsWith(`-${flag}=`)) return arg.slice(arg.indexOf('=') + 1);
    if (arg === `--${flag}` || arg === `-${flag}`) return args[i + 1] ?? '';
  }
  return null;
}

/** The flags in force for a gVisor target: the ones passed, then each default made explicit. */
export function gvisorFlagsInForce(args: readonly string[], defaults: RunscDefaults | null): string[] {
  const flags = [...args];
  if (!defaults) return [...flags, 'defaults unknown (runsc flags did not answer)'];
  if (flagValue(args, 'platform') === null) flags.push(`platform=${defaults.platform} (default)`);
  if (flagValue(args, 'network') === null) flags.push('network=sandbox (default)');
  if (flagValue(args, 'overlay2') === null && !args.includes('--overlay')) flags.push(`overlay2=${defaults.overlay2} (default)`);
  if (flagValue(args, 'directfs') === null) flags.push(`directfs=${defaults.directfs} (default)`);
  return flags;
}

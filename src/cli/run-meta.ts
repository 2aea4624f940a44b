/**
 * A stored run's configuration and engine facts as the report shows them. The run's config is
 * whatever the isobench that made it stored (older runs lack fields), so it is read leniently:
 * a field that is missing or of the wrong type is "not recorded" (null), never an error.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { RunMeta } from '../report/model.js';
import type { RunRecord } from '../store/records.js';

const lenient = <T extends z.ZodType>(schema: T) => schema.nullable().optional().catch(null);

const configSchema = z.object({
  quick: lenient(z.boolean()),
  workloads: lenient(z.array(z.string())),
  repetitions: lenient(z.number()),
  trialTimeoutMs: lenient(z.number()),
  isobenchVersion: lenient(z.string()),
  budget: lenient(z.object({ repetitions: lenient(z.number()), repBudgetMs: lenient(z.number()), warmupMs: lenient(z.number()) })),
  engine: lenient(z.object({
    storageDriver: lenient(z.string()),
    cgroupVersion: lenient(z.string()),
    cgroupDriver: lenient(z.string()),
    containerdVersion: lenient(z.string()),
  })),
}).catch({});

/** The version in this isobench's package.json, or null. */
export function isobenchVersion(): string | null {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

function cgroupText(host: string | null, version: string | null | undefined, driver: string | null | undefined): string | null {
  const engine = [version ? `v${version}` : '', driver ? `(${driver})` : ''].filter((p) => p !== '').join(' ');
  if (host && engine) return `${host}; engine: ${engine}`;
  return host ?? (engine === '' ? null : engine);
}

export function runMeta(run: RunRecord, reportVersion: string | null = isobenchVersion()): RunMeta {
  const config = configSchema.parse(run.config);
  const engine = config.engine ?? null;
  const budget = config.budget ?? null;
  return {
    quick: config.quick ?? null,
    workloads: config.workloads ?? [],
    repetitions: config.repetitions ?? null,
    samples: budget?.repetitions ?? null,
    budgetMs: budget?.repBudgetMs ?? null,
    warmupMs: budget?.warmupMs ?? null,
    trialTimeoutMs: config.trialTimeoutMs ?? null,
    dockerVersion: run.host.dockerVersion,
    dockerApiVersion: run.host.dockerApiVersion,
    containerdVersion: engine?.containerdVersion ?? null,
    storageDriver: engine?.storageDriver || null,
    cgroup: cgroupText(run.host.cgroup, engine?.cgroupVersion, engine?.cgroupDriver),
    os: run.host.os || null,
    memTotalBytes: Number.isFinite(run.host.memTotalBytes) && run.host.memTotalBytes > 0 ? run.host.memTotalBytes : null,
    isobenchVersion: config.isobenchVersion ?? null,
    reportVersion,
  };
}

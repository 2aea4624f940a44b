import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import type Docker from 'dockerode';
import { execa } from 'execa';
import { LABEL_RUN_ID, ownedByAnotherLiveProcess } from '../../src/engine/labels.js';
import { orphanedAmong, programOf } from '../../src/engine/orphans.js';
import { listProcesses } from '../../src/host/processes.js';

/**
 * What a fault may leave behind, and the checks the fault tests make afterwards: containers
 * labelled isobench.run-id, runtime processes serving no running container, isobench temp
 * files, and the database's integrity.
 */
export interface Leftovers {
  readonly containers: readonly string[];
  readonly processes: readonly string[];
  readonly tempFiles: readonly string[];
}

const TEMP_DIRS = [tmpdir(), '/dev/shm'];

function tempFiles(): string[] {
  return TEMP_DIRS.filter((d) => existsSync(d)).flatMap((d) => readdirSync(d).filter((f) => f.startsWith('isobench-')).map((f) => `${d}/${f}`));
}

export async function snapshot(docker: Docker): Promise<Leftovers> {
  // Containers another isobench is still using (someone's run on a shared machine) are not leftovers.
  const containers = (await docker.listContainers({ all: true, filters: { label: [LABEL_RUN_ID] } }))
    .filter((c) => !ownedByAnotherLiveProcess(c.Labels))
    .map((c) => `${c.Id.slice(0, 12)} ${c.Labels[LABEL_RUN_ID]}`);
  const running = (await docker.listContainers()).map((c) => c.Id);
  const processes = orphanedAmong(listProcesses(), running).map((p) => `${programOf(p)} ${p.pid}`);
  return { containers, processes, tempFiles: tempFiles() };
}

/** What is there now and was not before (`ignore`: the test's own temp directory). */
export async function leftSince(docker: Docker, before: Leftovers, ignore: readonly string[] = []): Promise<Leftovers> {
  const now = await snapshot(docker);
  const fresh = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x) && !ignore.some((i) => x.startsWith(i)));
  return { containers: fresh(now.containers, before.containers), processes: fresh(now.processes, before.processes), tempFiles: fresh(now.tempFiles, before.tempFiles) };
}

export const NOTHING_LEFT: Leftovers = { containers: [], processes: [], tempFiles: [] };

/**
 * The test suite's runtime that hangs: runsc, whose sandbox log is a FIFO no one reads, so `runsc create`
 * blocks for good opening it (scripts/setup-host.sh registers it with ISOBENCH_TEST_RUNTIMES=1, as
 * scripts/test.sh does). It hangs on any host, bare metal with a working KVM too.
 */
export const HANGING_RUNTIME = 'runsc-hang';
/** What marks its processes (runsc create, its gofer): the FIFO's directory in their arguments. */
export const HANG_MARK = '/usr/local/lib/isobench/hang/';

/** Processes still running a runtime flag, e.g. HANG_MARK (zombies do not count). */
export function processesWith(flag: string): string[] {
  return listProcesses().filter((p) => p.state !== 'Z' && p.cmdline.includes(flag) && p.pid !== process.pid).map((p) => `${p.pid} ${p.cmdline.slice(0, 80)}`);
}

export interface DbState {
  readonly integrity: string;
  readonly runs: readonly { id: string; status: string; error: string | null }[];
  readonly trials: readonly { run_id: string; seq: number; status: string; reason: string | null; samples: number }[];
}

/** Reads a database as a second process would, after the run: integrity, runs, trials with their sample counts. */
export function readDb(path: string): DbState {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      runs: db.prepare('SELECT id, status, error FROM runs ORDER BY started_at, rowid').all() as DbState['runs'],
      trials: db.prepare('SELECT t.run_id, t.seq, t.status, t.reason, (SELECT count(*) FROM samples s WHERE s.trial_id = t.id) AS samples FROM trials t ORDER BY t.run_id, t.seq').all() as DbState['trials'],
    };
  } finally {
    db.close();
  }
}

/** Whether the engine answers, as the docker CLI sees it. */
export async function engineAnswers(): Promise<boolean> {
  const r = await execa('docker', ['version', '--format', '{{.Server.APIVersion}}'], { reject: false, timeout: 10_000 });
  return r.exitCode === 0;
}

import { mkdirSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { IsobenchError, describeCause } from '../errors.js';
import { badPath, checkDatabasePath, isPathProblem } from './path-check.js';
import { MIGRATIONS } from './schema.js';
import type { FinishedTrial, HostFacts, NewRun, RunRecord, RunStatus, StoredSample, StoredTrial, TargetRecord, TrialStatus } from './records.js';

/** How long a writer waits for another isobench holding the database before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

interface RunRow {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  seed: number;
  host_json: string;
  config_json: string;
  error: string | null;
}

/** The SQLite store: WAL, versioned schema, one transaction per finished trial. */
export class Store {
  private constructor(private readonly db: Database.Database, readonly path: string) {}

  static open(path: string, options: { readonly?: boolean } = {}): Store {
    const problem = checkDatabasePath(path);
    if (problem) throw problem;
    let db: Database.Database;
    try {
      if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
      db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: BUSY_TIMEOUT_MS });
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
    } catch (error) {
      throw databaseError(path, 'open', error);
    }
    const store = new Store(db, path);
    if (!options.readonly) store.migrate();
    else if (store.guard('open', () => db.pragma('user_version', { simple: true }) as number) > MIGRATIONS.length) throw tooNew(path);
    return store;
  }

  private migrate(): void {
    const version = this.guard('open', () => this.db.pragma('user_version', { simple: true }) as number);
    if (version > MIGRATIONS.length) throw tooNew(this.path);
    if (version === MIGRATIONS.length) return;
    this.guard('migrate', () =>
      this.db.transaction(() => {
        // Another isobench may have migrated while this one waited for the write lock.
        const current = this.db.pragma('user_version', { simple: true }) as number;
        for (let v = current; v < MIGRATIONS.length; v += 1) this.db.exec(MIGRATIONS[v] as string);
        this.db.pragma(`user_version = ${MIGRATIONS.length}`);
      }).immediate(),
    );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  createRun(run: NewRun): void {
    this.guard('create run', () =>
      this.db.transaction(() => {
        this.db
          .prepare(`INSERT INTO runs (id, started_at, status, hostname, pid, seed, host_json, config_json) VALUES (?, ?, 'running', ?, ?, ?, ?, ?)`)
          .run(run.id, run.startedAt, run.host.hostname, process.pid, run.seed, JSON.stringify(run.host), JSON.stringify(run.config));
        const insert = this.db.prepare(
          `INSERT INTO run_targets (run_id, target, engine, engine_version, engine_runtime, runtime_binary, tier, version, flags_json, config_files_json, position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        run.targets.forEach((t, i) =>
          insert.run(run.id, t.target, t.engine, t.engineVersion, t.engineRuntime, t.runtimeBinary, t.tier, t.version, JSON.stringify(t.flags), JSON.stringify(t.configFiles), i),
        );
      }).immediate(),
    );
  }

  /** Writes a trial and all its samples in one transaction: either all of it is stored or none. */
  recordTrial(runId: string, trial: FinishedTrial): number {
    return this.guard('record trial', () =>
      this.db.transaction(() => {
        const { lastInsertRowid } = this.db
          .prepare(`INSERT INTO trials (run_id, seq, target, workload, repetition, status, reason, stderr_tail, started_at, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(runId, trial.seq, trial.target, trial.workload, trial.repetition, trial.status, trial.reason, trial.stderrTail, trial.startedAt, trial.durationMs);
        const insert = this.db.prepare(`INSERT INTO samples (trial_id, metric, unit, value, iterations, rep) VALUES (?, ?, ?, ?, ?, ?)`);
        for (const s of trial.samples) insert.run(lastInsertRowid, s.metric, s.unit, s.value, s.iterations, s.rep);
        return Number(lastInsertRowid);
      }).immediate(),
    );
  }

  finishRun(runId: string, status: Exclude<RunStatus, 'running'>, finishedAt: string, error: string | null = null): void {
    this.guard('finish run', () => this.db.prepare(`UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?`).run(status, finishedAt, error, runId));
  }

  /** Runs of this host still marked running whose process is gone (killed with SIGKILL, power loss). */
  markAbandonedRuns(hostname: string, isAlive: (pid: number) => boolean, now: string): string[] {
    const rows = this.db.prepare(`SELECT id, pid FROM runs WHERE status = 'running' AND hostname = ?`).all(hostname) as { id: string; pid: number }[];
    const abandoned = rows.filter((r) => !isAlive(r.pid)).map((r) => r.id);
    for (const id of abandoned) this.finishRun(id, 'interrupted', now, 'the isobench process that ran it is gone');
    return abandoned;
  }

  /** A run by exact id, unique prefix, or `latest`; undefined when none matches. */
  findRun(idOrPrefix: string): RunRecord | undefined {
    const row =
      idOrPrefix === 'latest'
        ? (this.db.prepare(`SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1`).get() as RunRow | undefined)
        : this.findByPrefix(idOrPrefix);
    return row ? this.toRecord(row) : undefined;
  }

  private findByPrefix(prefix: string): RunRow | undefined {
    const exact = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(prefix) as RunRow | undefined;
    if (exact) return exact;
    const rows = this.db.prepare(`SELECT * FROM runs WHERE substr(id, 1, length(?)) = ? LIMIT 2`).all(prefix, prefix) as RunRow[];
    return rows.length === 1 ? rows[0] : undefined;
  }

  listRuns(): RunRecord[] {
    const rows = this.db.prepare(`SELECT * FROM runs ORDER BY started_at, rowid`).all() as RunRow[];
    return rows.map((r) => this.toRecord(r));
  }

  samples(runId: string): StoredSample[] {
    return this.db
      .prepare(
        `SELECT t.id AS trialId, t.target, rt.tier, t.workload, t.repetition, s.metric, s.unit, s.value, s.iterations, s.rep
         FROM samples s JOIN trials t ON t.id = s.trial_id JOIN run_targets rt ON rt.run_id = t.run_id AND rt.target = t.target
         WHERE t.run_id = ? AND t.status = 'ok' ORDER BY t.seq, s.rowid`,
      )
      .all(runId) as StoredSample[];
  }

  trials(runId: string): StoredTrial[] {
    return this.db
      .prepare(`SELECT id, seq, target, workload, repetition, status, reason, stderr_tail AS stderrTail, duration_ms AS durationMs FROM trials WHERE run_id = ? ORDER BY seq`)
      .all(runId) as StoredTrial[];
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  private toRecord(row: RunRow): RunRecord {
    const targets = (this.db.prepare(`SELECT * FROM run_targets WHERE run_id = ? ORDER BY position`).all(row.id) as TargetRow[]).map(toTarget);
    const counts: Record<TrialStatus, number> = { ok: 0, failed: 0, skipped: 0, interrupted: 0 };
    for (const c of this.db.prepare(`SELECT status, count(*) AS n FROM trials WHERE run_id = ? GROUP BY status`).all(row.id) as { status: TrialStatus; n: number }[]) counts[c.status] = c.n;
    return {
      id: row.id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      status: row.status,
      seed: row.seed,
      host: JSON.parse(row.host_json) as HostFacts,
      config: JSON.parse(row.config_json) as Record<string, unknown>,
      targets,
      error: row.error,
      trialCounts: counts,
    };
  }

  private guard<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw databaseError(this.path, what, error);
    }
  }
}

interface TargetRow {
  target: string;
  engine: string | null;
  engine_version: string | null;
  engine_runtime: string | null;
  runtime_binary: string | null;
  tier: string;
  version: string | null;
  flags_json: string;
  config_files_json: string;
}

function toTarget(row: TargetRow): TargetRecord {
  return {
    target: row.target,
    engine: row.engine,
    engineVersion: row.engine_version,
    engineRuntime: row.engine_runtime,
    runtimeBinary: row.runtime_binary,
    tier: row.tier,
    version: row.version,
    flags: JSON.parse(row.flags_json) as string[],
    configFiles: JSON.parse(row.config_files_json) as string[],
  };
}

function tooNew(path: string): IsobenchError {
  return new IsobenchError('DATABASE', `database ${path} was written by a newer isobench (schema newer than ${MIGRATIONS.length})`, { hint: 'upgrade isobench or use another --db' });
}

/** Bytes free to use in the directory of the database, or null when unknown. */
function freeBytes(path: string): number | null {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/** Below this, a write error is taken to mean a full disk: SQLite reports ENOSPC on its -shm file as a plain I/O error. */
const NEARLY_FULL_BYTES = 64 * 1024;

function databaseError(path: string, what: string, error: unknown): IsobenchError {
  const code = (error as { code?: string }).code ?? '';
  if (isPathProblem(code)) {
    const why =
      code === 'SQLITE_NOTADB' ? 'it is not an SQLite database'
      : code === 'SQLITE_CANTOPEN' ? 'it cannot be opened (missing directory or no permission)'
      : code.startsWith('SQLITE_') ? `it cannot be written (${code})`
      : describeCause(error);
    return badPath(path, why, error);
  }
  const free = code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') ? freeBytes(path) : null;
  const full = code === 'SQLITE_FULL' || (free !== null && free < NEARLY_FULL_BYTES);
  const detail =
    code === 'SQLITE_BUSY' ? `it is locked by another isobench process (still locked after ${BUSY_TIMEOUT_MS / 1000} s)`
    : full ? `the disk is full (${free === null ? 'no space left' : `${Math.floor(free / 1024)} KiB free`} in ${dirname(path)})`
    : code.startsWith('SQLITE_IOERR') ? `disk I/O error (${code})`
    : describeCause(error);
  const hint =
    code === 'SQLITE_BUSY' ? 'wait for the other run to finish, or use another --db'
    : full ? 'free some space there (finished trials are kept), or use another --db'
    : 'check the path given with --db';
  return new IsobenchError('DATABASE', `database ${path}: cannot ${what}: ${detail}`, { cause: error, hint });
}

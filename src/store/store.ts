import { accessSync, constants, rmSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { IsobenchError } from '../errors.js';
import { databaseError, tooNew } from './database-error.js';
import { badPath, checkDatabasePath } from './path-check.js';
import { inspectDatabaseFile } from './identity.js';
import { makeDirs } from './make-dirs.js';
import { effectiveStatus } from './run-status.js';
import { MIGRATIONS } from './schema.js';
import { describeSubject, parseProfile, type Profile, type UnreadableProfile } from '../profile/profile.js';
import type { FinishedTrial, HostFacts, StoredCheck, NewRun, RunRecord, StoredRunStatus, StoredSample, StoredTrial, TargetRecord, TrialStatus } from './records.js';

/**
 * How long a statement waits for another process holding the database before giving up
 * (issue 13, class 7: a trial shown ok must be stored even while a long `report` or another
 * run holds the lock). $ISOBENCH_LOCK_WAIT_S overrides it.
 */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.ISOBENCH_LOCK_WAIT_S);
  return Number.isInteger(s) && s >= 1 && s <= 3600 ? s * 1000 : 60_000;
}

interface RunRow {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: StoredRunStatus;
  hostname: string;
  pid: number;
  seed: number;
  host_json: string;
  config_json: string;
  error: string | null;
}

/** A profile a run made of one of its applications' metrics. */
export interface RunProfile {
  readonly workload: string;
  readonly metric: string;
  readonly profile: Profile;
}

interface StoredProfileRow {
  readonly id: string;
  readonly profile_json: string;
}

/** The rows that read as profiles, each made into `T`, and those that do not, named. */
function readStoredProfiles<R extends StoredProfileRow, T>(
  rows: readonly R[], make: (row: R, profile: Profile) => T,
): { profiles: T[]; unreadable: UnreadableProfile[] } {
  const profiles: T[] = [];
  const unreadable: UnreadableProfile[] = [];
  for (const r of rows) {
    const read = readStoredProfile(r.id, r.profile_json);
    if ('profile' in read) profiles.push(make(r, read.profile));
    else unreadable.push(read);
  }
  return { profiles, unreadable };
}

function readStoredProfile(id: string, json: string): { profile: Profile } | UnreadableProfile {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { id, reason: 'its stored JSON does not parse' };
  }
  const parsed = parseProfile(value);
  return parsed.ok ? { profile: parsed.profile } : { id, reason: parsed.reason };
}

/** The SQLite store: WAL, versioned schema, one transaction per finished trial. */
export class Store {
  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    /** what the path held before this store opened it: 'missing' and 'empty' are new databases */
    private readonly before: 'missing' | 'empty' | 'isobench',
  ) {}

  /**
   * Opens (and for writing, creates and migrates) an isobench database. Refuses any file that
   * is not one, before SQLite writes to it. Writers leave the file in rollback-journal mode
   * when they close, so that readers need no -wal/-shm files (read-only media and directories).
   */
  static open(path: string, options: { readonly?: boolean; lockWaitMs?: number } = {}): Store {
    const readonly = options.readonly ?? false;
    const problem = checkDatabasePath(path);
    if (problem) throw problem;
    const file = path === ':memory:' ? { kind: 'missing' as const } : inspectFile(path);
    if (file.kind === 'not-sqlite') throw badPath(path, 'it is not an SQLite database');
    if (file.kind === 'foreign') throw badPath(path, `${file.detail}; isobench never writes to another program's database`);
    let db: Database.Database;
    try {
      if (!readonly && file.kind === 'missing' && path !== ':memory:') makeDirs(dirname(path));
      db = new Database(path, { readonly, fileMustExist: readonly, timeout: options.lockWaitMs ?? lockWaitMs() });
      if (!readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
    } catch (error) {
      throw databaseError(path, 'open', error);
    }
    const store = new Store(db, path, file.kind);
    let older = false;
    try {
      if (!readonly) store.migrate();
      else {
        const version = store.guard('open', () => db.pragma('user_version', { simple: true }) as number);
        if (version > MIGRATIONS.length) throw tooNew(path);
        older = version < MIGRATIONS.length;
      }
    } catch (error) {
      store.close();
      throw error;
    }
    if (!older) return store;
    // An isobench database of an older schema: a reader needs the tables of today. Upgrade it once
    // (one transaction, as any writer would), then read it; a file that cannot be written says so.
    store.close();
    if (!canWrite(path)) {
      throw new IsobenchError('DATABASE', `database ${path} was written by an older isobench and cannot be upgraded here (read-only)`, {
        hint: 'open it once where it is writable (any isobench command upgrades it), or copy it somewhere writable',
      });
    }
    Store.open(path, { ...(options.lockWaitMs !== undefined ? { lockWaitMs: options.lockWaitMs } : {}) }).close();
    return Store.open(path, options);
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
    if (!this.db.open) return;
    if (!this.db.readonly && this.path !== ':memory:') {
      try {
        // Back to a single file at rest; fails (and stays WAL) while another connection is open.
        this.db.pragma('busy_timeout = 0');
        this.db.pragma('journal_mode = DELETE');
      } catch {
        // another isobench has it open: the last one to close does it
      }
    }
    this.db.close();
  }

  /**
   * Closes; a database this store created that holds no run is removed again (a missing file)
   * or emptied (an empty file), so that a usage or engine error leaves nothing new behind.
   */
  release(): void {
    const unused = this.before !== 'isobench' && this.db.open && this.path !== ':memory:' && this.runCount() === 0;
    this.close();
    if (!unused) return;
    if (this.before === 'empty') truncateSync(this.path, 0);
    else for (const p of [this.path, `${this.path}-wal`, `${this.path}-shm`, `${this.path}-journal`]) rmSync(p, { force: true });
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
        const check = this.db.prepare(`INSERT INTO compat_checks (trial_id, check_id, result, errno, detail, observed_json) VALUES (?, ?, ?, ?, ?, ?)`);
        for (const c of trial.checks ?? []) check.run(lastInsertRowid, c.check, c.result, c.errno, c.detail, JSON.stringify(c.observed));
        return Number(lastInsertRowid);
      }).immediate(),
    );
  }

  finishRun(runId: string, status: Exclude<StoredRunStatus, 'running'>, finishedAt: string, error: string | null = null): void {
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

  /** How many runs are stored; null when that cannot be read (never mask the error being reported). */
  private runCount(): number | null {
    try {
      return (this.db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    } catch {
      return null;
    }
  }

  /**
   * Ids of up to `limit` runs whose id starts with `prefix`, oldest first as `runs` lists them (two runs
   * started in the same second have ids that sort by their random tail, not by their order).
   */
  runIdsWithPrefix(prefix: string, limit: number): string[] {
    const sql = `SELECT id FROM runs WHERE substr(id, 1, length(?)) = ? ORDER BY started_at, rowid LIMIT ?`;
    const rows = this.db.prepare(sql).all(prefix, prefix, limit) as { id: string }[];
    return rows.map((r) => r.id);
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

  /** The compat probe's checks of a run's ok trials, in trial order. */
  compatChecks(runId: string): StoredCheck[] {
    const rows = this.db
      .prepare(
        `SELECT t.id AS trialId, t.target, c.check_id AS checkId, c.result, c.errno, c.detail, c.observed_json AS observedJson
         FROM compat_checks c JOIN trials t ON t.id = c.trial_id WHERE t.run_id = ? AND t.status = 'ok' ORDER BY t.seq, c.rowid`,
      )
      .all(runId) as { trialId: number; target: string; checkId: string; result: StoredCheck['result']; errno: string | null; detail: string; observedJson: string }[];
    return rows.map((r) => ({ trialId: r.trialId, target: r.target, check: r.checkId, result: r.result, errno: r.errno, detail: r.detail, observed: JSON.parse(r.observedJson) as StoredCheck['observed'] }));
  }

  trials(runId: string): StoredTrial[] {
    return this.db
      .prepare(`SELECT id, seq, target, workload, repetition, status, reason, stderr_tail AS stderrTail, duration_ms AS durationMs FROM trials WHERE run_id = ? ORDER BY seq`)
      .all(runId) as StoredTrial[];
  }

  saveProfile(profile: Profile): void {
    this.guard('save profile', () =>
      this.db
        .prepare(`INSERT INTO profiles (id, created_at, hostname, subject, profile_json) VALUES (?, ?, ?, ?, ?)`)
        .run(profile.id, profile.createdAt, profile.hostname, describeSubject(profile.subject), JSON.stringify(profile)),
    );
  }

  /** A run's native profile of one application metric, saved with the link in one transaction. */
  saveRunProfile(runId: string, workload: string, metric: string, profile: Profile): void {
    this.guard('save profile', () =>
      this.db.transaction(() => {
        this.db
          .prepare(`INSERT INTO profiles (id, created_at, hostname, subject, profile_json) VALUES (?, ?, ?, ?, ?)`)
          .run(profile.id, profile.createdAt, profile.hostname, describeSubject(profile.subject), JSON.stringify(profile));
        this.db
          .prepare(`INSERT OR REPLACE INTO run_profiles (run_id, workload, metric, profile_id) VALUES (?, ?, ?, ?)`)
          .run(runId, workload, metric, profile.id);
      })(),
    );
  }

  /**
   * The application profiles a run made (none in a database opened read-only before migration 6), and
   * those stored that no longer read as a profile (written by an older isobench): left out, named.
   */
  runProfiles(runId: string): { profiles: RunProfile[]; unreadable: UnreadableProfile[] } {
    const table = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run_profiles'`).get();
    if (!table) return { profiles: [], unreadable: [] };
    const rows = this.db
      .prepare(`SELECT r.workload, r.metric, p.id, p.profile_json
        FROM run_profiles r JOIN profiles p ON p.id = r.profile_id WHERE r.run_id = ? ORDER BY r.workload, r.metric`)
      .all(runId) as (StoredProfileRow & { workload: string; metric: string })[];
    return readStoredProfiles(rows, (r, profile) => ({ workload: r.workload, metric: r.metric, profile }));
  }

  /** A profile by exact id or unique prefix; undefined when none (or several) match; why, when it no longer reads. */
  findProfile(idOrPrefix: string): { profile: Profile } | UnreadableProfile | undefined {
    const exact = this.db.prepare(`SELECT id, profile_json FROM profiles WHERE id = ?`).get(idOrPrefix);
    const byPrefix = `SELECT id, profile_json FROM profiles WHERE substr(id, 1, length(?)) = ? LIMIT 2`;
    const rows = (exact ? [exact] : this.db.prepare(byPrefix).all(idOrPrefix, idOrPrefix)) as StoredProfileRow[];
    const row = rows.length === 1 ? rows[0] : undefined;
    return row ? readStoredProfile(row.id, row.profile_json) : undefined;
  }

  /** Every stored profile, oldest first, and those that no longer read as one. */
  listProfiles(): { profiles: Profile[]; unreadable: UnreadableProfile[] } {
    const all = `SELECT id, profile_json FROM profiles ORDER BY created_at, rowid`;
    return readStoredProfiles(this.db.prepare(all).all() as StoredProfileRow[], (_, profile) => profile);
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
      status: effectiveStatus(row.status, counts, { hostname: row.hostname, pid: row.pid }),
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

/** A row of run_targets; columns of later migrations are absent from a database opened read-only before them. */
interface TargetRow {
  target: string;
  engine?: string | null;
  engine_version?: string | null;
  engine_runtime?: string | null;
  docker_runtime?: string | null;
  runtime_binary?: string | null;
  tier: string;
  version: string | null;
  flags_json: string;
  config_files_json?: string;
}

function toTarget(row: TargetRow): TargetRecord {
  return {
    target: row.target,
    engine: row.engine ?? (row.docker_runtime ? 'docker' : null),
    engineVersion: row.engine_version ?? null,
    engineRuntime: row.engine_runtime ?? row.docker_runtime ?? null,
    runtimeBinary: row.runtime_binary ?? null,
    tier: row.tier,
    version: row.version,
    flags: JSON.parse(row.flags_json) as string[],
    configFiles: JSON.parse(row.config_files_json ?? '[]') as string[],
  };
}

function inspectFile(path: string): ReturnType<typeof inspectDatabaseFile> {
  try {
    return inspectDatabaseFile(path);
  } catch (error) {
    throw databaseError(path, 'open', error);
  }
}

/** Whether this process may write the file and its directory (a migration writes a journal beside it). */
function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The schema, as an ordered list of migrations. `PRAGMA user_version` is the number of
 * migrations applied; a new migration is appended, never edited.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id           TEXT PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted', 'failed')),
    hostname     TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    seed         INTEGER NOT NULL,
    host_json    TEXT NOT NULL,
    config_json  TEXT NOT NULL,
    error        TEXT
  );
  CREATE TABLE run_targets (
    run_id          TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    target          TEXT NOT NULL,
    docker_runtime  TEXT,
    tier            TEXT NOT NULL,
    version         TEXT,
    flags_json      TEXT NOT NULL,
    position        INTEGER NOT NULL,
    PRIMARY KEY (run_id, target)
  );
  CREATE TABLE trials (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    target       TEXT NOT NULL,
    workload     TEXT NOT NULL,
    repetition   INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped', 'interrupted')),
    reason       TEXT,
    stderr_tail  TEXT,
    started_at   TEXT NOT NULL,
    duration_ms  REAL NOT NULL,
    UNIQUE (run_id, seq)
  );
  CREATE INDEX trials_run ON trials(run_id);
  CREATE TABLE samples (
    trial_id    INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    metric      TEXT NOT NULL,
    unit        TEXT NOT NULL,
    value       REAL NOT NULL,
    iterations  INTEGER NOT NULL,
    rep         INTEGER NOT NULL
  );
  CREATE INDEX samples_trial ON samples(trial_id);
  `,
  // 2: every target names its engine (docker, containerd), the engine's version, the runtime binary and the
  // configuration files in force; the engine's runtime name is no longer Docker's alone.
  `
  ALTER TABLE run_targets RENAME COLUMN docker_runtime TO engine_runtime;
  ALTER TABLE run_targets ADD COLUMN engine TEXT;
  ALTER TABLE run_targets ADD COLUMN engine_version TEXT;
  ALTER TABLE run_targets ADD COLUMN runtime_binary TEXT;
  ALTER TABLE run_targets ADD COLUMN config_files_json TEXT NOT NULL DEFAULT '[]';
  UPDATE run_targets SET engine = 'docker' WHERE engine_runtime IS NOT NULL;
  `,
];

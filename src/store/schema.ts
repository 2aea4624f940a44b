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
  // 3: the checks of the compatibility probe, one row per check of a trial
  `
  CREATE TABLE compat_checks (
    trial_id      INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    check_id      TEXT NOT NULL,
    result        TEXT NOT NULL CHECK (result IN ('ok', 'fails', 'differs', 'skipped')),
    errno         TEXT,
    detail        TEXT NOT NULL,
    observed_json TEXT NOT NULL,
    UNIQUE (trial_id, check_id)
  );
  CREATE INDEX compat_checks_trial ON compat_checks(trial_id);
  `,
  // 4: profiles (isobench profile): one row per profile, the whole validated profile as JSON
  `
  CREATE TABLE profiles (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    hostname     TEXT NOT NULL,
    subject      TEXT NOT NULL,
    profile_json TEXT NOT NULL
  );
  `,
  // 5 (issue 13): isobench's databases say so in their header (identity.ts APPLICATION_ID = 'isob'),
  // so that any other SQLite file is refused before a byte of it changes.
  `PRAGMA application_id = 1769172834;`,
  // 6 (issue 11): the native profiles a run made of its application commands, one per metric, for the
  // report's check of predicted against measured slowdown
  `
  CREATE TABLE run_profiles (
    run_id     TEXT NOT NULL REFERENCES runs(id),
    workload   TEXT NOT NULL,
    metric     TEXT NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles(id),
    PRIMARY KEY (run_id, workload, metric)
  );
  `,
];

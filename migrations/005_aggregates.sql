-- Host aggregates (nova api database: aggregates, aggregate_hosts, aggregate_metadata).
-- Plain INTEGER PRIMARY KEY like nova's models on SQLite: a deleted highest id is reused.
-- The availability zone is the 'availability_zone' metadata key, as nova stores it.
CREATE TABLE aggregates (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE TABLE aggregate_hosts (
  id INTEGER PRIMARY KEY,
  aggregate_id INTEGER NOT NULL REFERENCES aggregates(id) ON DELETE CASCADE,
  host TEXT NOT NULL,
  UNIQUE (host, aggregate_id)
);
CREATE INDEX aggregate_hosts_host ON aggregate_hosts (host);
CREATE TABLE aggregate_metadata (
  id INTEGER PRIMARY KEY,
  aggregate_id INTEGER NOT NULL REFERENCES aggregates(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (aggregate_id, key)
);
CREATE INDEX aggregate_metadata_key_value ON aggregate_metadata (key, value);

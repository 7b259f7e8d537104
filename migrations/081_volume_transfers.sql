-- Cinder's transfers (cinder/db/sqlalchemy/models.py Transfer): a volume offered to another
-- project, accepted with the auth key whose salted sha1 is kept; accepted/deleted rows stay as history.
CREATE TABLE volume_transfers (
  id TEXT PRIMARY KEY,
  volume_id TEXT NOT NULL,
  display_name TEXT,
  salt TEXT NOT NULL,
  crypt_hash TEXT NOT NULL,
  no_snapshots INTEGER NOT NULL DEFAULT 0,
  source_project_id TEXT NOT NULL,
  destination_project_id TEXT,
  accepted INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX volume_transfers_volume ON volume_transfers(volume_id);

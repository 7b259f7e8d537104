-- A deleted server's history stays (nova keeps its instance row, its actions and their events:
-- os-instance-actions answers for deleted servers too; the fake hypervisor keeps a destroyed
-- guest's state), so what these rows store is what the in-memory database grows by per server
-- (issue #20, the soak bench: ~4.4 KB per resized and deleted server). The same rows, the same
-- values for every SELECT, in fewer bytes:
-- - instance_actions.created_at is written with start_time's timestamp, instance_action_events'
--   created_at and updated_at with start_time's and finish_time's (action_start, event_start and
--   event_finish write one timestamp to both; nothing else writes them): virtual generated
--   columns now, computed when read (~25 bytes each, 3 per event and action pair);
-- - instance_actions(request_id) is not indexed on its own any more: its one lookup is by
--   (instance_uuid, request_id), which instance_actions_instance serves (a server has a handful);
-- - fake_guests is keyed by its primary key (WITHOUT ROWID) instead of a rowid table plus an
--   index holding the key again: it is read only by key, or whole at start-up (into a Map).
-- Each table is set aside in a temporary table, dropped and created again under its own name (no
-- ALTER TABLE RENAME: it re-parses the whole schema, ~12 ms of every start on a new database).
-- instance_action_events references instance_actions (ON DELETE CASCADE), and dropping a parent
-- deletes its rows first: the events go aside before the actions.
CREATE TEMP TABLE events_aside AS
  SELECT id, action_id, event, start_time, finish_time, result, traceback, host, details FROM instance_action_events;
DROP TABLE instance_action_events;
CREATE TEMP TABLE actions_aside AS
  SELECT id, instance_uuid, request_id, action, user_id, project_id, start_time, finish_time, message, updated_at FROM instance_actions;
DROP TABLE instance_actions;

CREATE TABLE instance_actions (
  id INTEGER PRIMARY KEY,
  instance_uuid TEXT NOT NULL,
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,
  user_id TEXT,
  project_id TEXT,
  start_time TEXT NOT NULL,
  finish_time TEXT,
  message TEXT,
  created_at TEXT GENERATED ALWAYS AS (start_time) VIRTUAL,
  updated_at TEXT
);
INSERT INTO instance_actions (id, instance_uuid, request_id, action, user_id, project_id, start_time, finish_time, message, updated_at)
  SELECT id, instance_uuid, request_id, action, user_id, project_id, start_time, finish_time, message, updated_at FROM actions_aside ORDER BY id;
CREATE INDEX instance_actions_instance ON instance_actions(instance_uuid);

CREATE TABLE instance_action_events (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES instance_actions(id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  start_time TEXT NOT NULL,
  finish_time TEXT,
  result TEXT,
  traceback TEXT,
  host TEXT,
  details TEXT,
  created_at TEXT GENERATED ALWAYS AS (start_time) VIRTUAL,
  updated_at TEXT GENERATED ALWAYS AS (finish_time) VIRTUAL
);
INSERT INTO instance_action_events (id, action_id, event, start_time, finish_time, result, traceback, host, details)
  SELECT id, action_id, event, start_time, finish_time, result, traceback, host, details FROM events_aside ORDER BY id;
CREATE INDEX instance_action_events_action ON instance_action_events(action_id);

CREATE TEMP TABLE guests_aside AS SELECT host, server, power_state FROM fake_guests;
DROP TABLE fake_guests;
CREATE TABLE fake_guests (
  host TEXT NOT NULL,
  server TEXT NOT NULL,
  power_state INTEGER NOT NULL,
  PRIMARY KEY (host, server)
) WITHOUT ROWID;
INSERT INTO fake_guests (host, server, power_state) SELECT host, server, power_state FROM guests_aside;

DROP TABLE temp.events_aside;
DROP TABLE temp.actions_aside;
DROP TABLE temp.guests_aside;

-- What the fake cloud keeps outside nova's and placement's own tables, so that a file database
-- reopened after a stop or a crash is the same cloud (hosts come back from compute_nodes).

-- The fault plan of /_mock/faults (driver/fault-plan.ts). AUTOINCREMENT: ids are not reused
-- after a DELETE, as the in-memory plan never reused them; a reset restarts them at 1.
CREATE TABLE mock_faults (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  operation TEXT NOT NULL,
  host TEXT,
  server TEXT,
  times INTEGER,                      -- remaining firings; NULL = until deleted
  error_type TEXT NOT NULL,
  error_message TEXT,
  fired INTEGER NOT NULL DEFAULT 0
);

-- The fake hypervisor's guests (virt/fake.py FakeDriver.instances): the power state an
-- operation left, which survives a compute restart as a real hypervisor's guests do.
CREATE TABLE fake_guests (
  host TEXT NOT NULL,
  server TEXT NOT NULL,
  power_state INTEGER NOT NULL,
  PRIMARY KEY (host, server)
);

-- Settings a POST /_mock/reset chose (policy profile, nova options), one JSON value per key.
CREATE TABLE mock_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Work the API acknowledged and handed to the workflows (an RPC cast): written in the same
-- synchronous step as the API's own state change, removed when the workflow ends. What is
-- left after a crash is what recovery must finish (e.g. a DELETE whose 204 was sent).
CREATE TABLE workflow_journal (
  id INTEGER PRIMARY KEY,
  instance_uuid TEXT NOT NULL,
  workflow TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX workflow_journal_instance ON workflow_journal(instance_uuid);

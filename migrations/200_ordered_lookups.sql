-- Per-instance lookups read in the order they answer in (issue #20): a server's latest fault
-- (every GET /servers/{id}), its migrations newest first (os-migrations?instance_uuid=), the
-- aggregates with a metadata key and value by id (availability zones). Without these SQLite sorts
-- each answer in a temp b-tree, and a temp b-tree allocates and touches a fresh page cache on
-- every query: page faults that cost more than the query. id is the rowid, so it rides in every
-- index; each new index starts with the old one's columns, which it replaces.
CREATE INDEX instance_faults_instance_created ON instance_faults(instance_uuid, created_at);
DROP INDEX instance_faults_instance;
CREATE INDEX migrations_instance_created ON migrations(instance_uuid, created_at);
DROP INDEX migrations_instance;
CREATE INDEX aggregate_metadata_key_value_aggregate ON aggregate_metadata (key, value, aggregate_id);
DROP INDEX aggregate_metadata_key_value;
-- The moves in progress (the scheduler's host usages, every boot and move): only those rows,
-- not every migration ever made, in id order as a table scan reads them. The WHERE is
-- services-store.ts's, term for term, as SQLite needs to use a partial index.
CREATE INDEX migrations_in_progress ON migrations(id)
  WHERE deleted = 0 AND status NOT IN ('confirmed', 'reverted', 'error', 'failed', 'completed', 'cancelled', 'done');

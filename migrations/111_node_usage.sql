-- What the resource tracker counts on each compute node (the live instances whose node it is:
-- how many, and the sums of their current flavor's vcpus, memory_mb and root+ephemeral disk),
-- kept up to date by triggers on instances, so that the scheduler reads one row per candidate
-- node instead of summing the node's instances (issue #20: per boot, once per candidate host).
-- The sums follow the query they replace: SUM over json_extract, a missing value counting 0.
-- seq orders the changes (change_seq 'usage'): a reader keeping the rows in memory re-reads only
-- those changed since it last looked. change_seq 'hosts' moves with any write to services or
-- compute_nodes, for a reader keeping those.
CREATE TABLE change_seq (
  name TEXT PRIMARY KEY,
  v INTEGER NOT NULL
);
INSERT INTO change_seq (name, v) VALUES ('usage', 1), ('hosts', 1);

CREATE TABLE node_usage (
  node TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  vcpus INTEGER NOT NULL,
  mem INTEGER NOT NULL,
  disk INTEGER NOT NULL,
  seq INTEGER NOT NULL
);
CREATE INDEX node_usage_seq ON node_usage(seq);

INSERT INTO node_usage (node, n, vcpus, mem, disk, seq)
  SELECT node, COUNT(*),
    COALESCE(SUM(json_extract(flavor, '$.vcpus')), 0),
    COALESCE(SUM(json_extract(flavor, '$.memoryMb')), 0),
    COALESCE(SUM(json_extract(flavor, '$.rootGb') + json_extract(flavor, '$.ephemeralGb')), 0),
    1
  FROM instances WHERE node IS NOT NULL AND deleted = 0 GROUP BY node;

CREATE TRIGGER node_usage_instance_insert AFTER INSERT ON instances
WHEN NEW.node IS NOT NULL AND NEW.deleted = 0
BEGIN
  UPDATE change_seq SET v = v + 1 WHERE name = 'usage';
  INSERT INTO node_usage (node, n, vcpus, mem, disk, seq)
    SELECT NEW.node, 1,
      COALESCE(json_extract(NEW.flavor, '$.vcpus'), 0),
      COALESCE(json_extract(NEW.flavor, '$.memoryMb'), 0),
      COALESCE(json_extract(NEW.flavor, '$.rootGb') + json_extract(NEW.flavor, '$.ephemeralGb'), 0),
      (SELECT v FROM change_seq WHERE name = 'usage')
    WHERE true
    ON CONFLICT (node) DO UPDATE SET n = n + excluded.n, vcpus = vcpus + excluded.vcpus, mem = mem + excluded.mem,
      disk = disk + excluded.disk, seq = excluded.seq;
END;

CREATE TRIGGER node_usage_instance_update AFTER UPDATE OF node, deleted, flavor ON instances
WHEN OLD.node IS NOT NEW.node OR OLD.deleted IS NOT NEW.deleted OR OLD.flavor IS NOT NEW.flavor
BEGIN
  UPDATE change_seq SET v = v + 1 WHERE name = 'usage';
  UPDATE node_usage SET n = n - 1,
      vcpus = vcpus - COALESCE(json_extract(OLD.flavor, '$.vcpus'), 0),
      mem = mem - COALESCE(json_extract(OLD.flavor, '$.memoryMb'), 0),
      disk = disk - COALESCE(json_extract(OLD.flavor, '$.rootGb') + json_extract(OLD.flavor, '$.ephemeralGb'), 0),
      seq = (SELECT v FROM change_seq WHERE name = 'usage')
    WHERE OLD.node IS NOT NULL AND OLD.deleted = 0 AND node = OLD.node;
  INSERT INTO node_usage (node, n, vcpus, mem, disk, seq)
    SELECT NEW.node, 1,
      COALESCE(json_extract(NEW.flavor, '$.vcpus'), 0),
      COALESCE(json_extract(NEW.flavor, '$.memoryMb'), 0),
      COALESCE(json_extract(NEW.flavor, '$.rootGb') + json_extract(NEW.flavor, '$.ephemeralGb'), 0),
      (SELECT v FROM change_seq WHERE name = 'usage')
    WHERE NEW.node IS NOT NULL AND NEW.deleted = 0
    ON CONFLICT (node) DO UPDATE SET n = n + excluded.n, vcpus = vcpus + excluded.vcpus, mem = mem + excluded.mem,
      disk = disk + excluded.disk, seq = excluded.seq;
END;

CREATE TRIGGER node_usage_instance_delete AFTER DELETE ON instances
WHEN OLD.node IS NOT NULL AND OLD.deleted = 0
BEGIN
  UPDATE change_seq SET v = v + 1 WHERE name = 'usage';
  UPDATE node_usage SET n = n - 1,
      vcpus = vcpus - COALESCE(json_extract(OLD.flavor, '$.vcpus'), 0),
      mem = mem - COALESCE(json_extract(OLD.flavor, '$.memoryMb'), 0),
      disk = disk - COALESCE(json_extract(OLD.flavor, '$.rootGb') + json_extract(OLD.flavor, '$.ephemeralGb'), 0),
      seq = (SELECT v FROM change_seq WHERE name = 'usage')
    WHERE node = OLD.node;
END;

CREATE TRIGGER hosts_seq_service_insert AFTER INSERT ON services BEGIN UPDATE change_seq SET v = v + 1 WHERE name = 'hosts'; END;
CREATE TRIGGER hosts_seq_service_update AFTER UPDATE ON services BEGIN UPDATE change_seq SET v = v + 1 WHERE name = 'hosts'; END;
CREATE TRIGGER hosts_seq_service_delete AFTER DELETE ON services BEGIN UPDATE change_seq SET v = v + 1 WHERE name = 'hosts'; END;
CREATE TRIGGER hosts_seq_node_insert AFTER INSERT ON compute_nodes BEGIN UPDATE change_seq SET v = v + 1 WHERE name = 'hosts'; END;
CREATE TRIGGER hosts_seq_node_update AFTER UPDATE ON compute_nodes BEGIN UPDATE change_seq SET v = v + 1 WHERE name = 'hosts'; END;
CREATE TRIGGER hosts_seq_node_delete AFTER DELETE ON compute_nodes BEGIN UPDATE change_seq SET v = v + 1 WHERE name = 'hosts'; END;

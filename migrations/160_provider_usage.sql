-- What is allocated on each resource provider per resource class (the sum of the allocations'
-- used, and how many allocation rows make it), kept by triggers on allocations, so that the
-- capacity check of every allocation write and the provider index's refresh after it read one
-- row per class instead of summing every allocation on the provider (issue #20: per claim,
-- O(allocations on the provider)). A row exists exactly while the provider has allocations of
-- that class, as a GROUP BY over allocations would give it.
CREATE TABLE provider_usage (
  resource_provider_id INTEGER NOT NULL,
  resource_class_id INTEGER NOT NULL,
  n INTEGER NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (resource_provider_id, resource_class_id)
) WITHOUT ROWID;

INSERT INTO provider_usage (resource_provider_id, resource_class_id, n, used)
  SELECT resource_provider_id, resource_class_id, COUNT(*), SUM(used)
  FROM allocations GROUP BY resource_provider_id, resource_class_id;

CREATE TRIGGER provider_usage_allocation_insert AFTER INSERT ON allocations
BEGIN
  INSERT INTO provider_usage (resource_provider_id, resource_class_id, n, used)
    VALUES (NEW.resource_provider_id, NEW.resource_class_id, 1, NEW.used)
    ON CONFLICT (resource_provider_id, resource_class_id) DO UPDATE SET n = n + 1, used = used + excluded.used;
END;

CREATE TRIGGER provider_usage_allocation_delete AFTER DELETE ON allocations
BEGIN
  UPDATE provider_usage SET n = n - 1, used = used - OLD.used
    WHERE resource_provider_id = OLD.resource_provider_id AND resource_class_id = OLD.resource_class_id;
  DELETE FROM provider_usage
    WHERE resource_provider_id = OLD.resource_provider_id AND resource_class_id = OLD.resource_class_id AND n = 0;
END;

-- Placement never updates an allocation row in place (it deletes and inserts); kept right anyway.
CREATE TRIGGER provider_usage_allocation_update AFTER UPDATE OF resource_provider_id, resource_class_id, used ON allocations
BEGIN
  UPDATE provider_usage SET n = n - 1, used = used - OLD.used
    WHERE resource_provider_id = OLD.resource_provider_id AND resource_class_id = OLD.resource_class_id;
  DELETE FROM provider_usage
    WHERE resource_provider_id = OLD.resource_provider_id AND resource_class_id = OLD.resource_class_id AND n = 0;
  INSERT INTO provider_usage (resource_provider_id, resource_class_id, n, used)
    VALUES (NEW.resource_provider_id, NEW.resource_class_id, 1, NEW.used)
    ON CONFLICT (resource_provider_id, resource_class_id) DO UPDATE SET n = n + 1, used = used + excluded.used;
END;

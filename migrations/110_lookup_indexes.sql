-- Indexes for lookups that scanned a whole table on every call (issue #20): the resource
-- tracker's usage of a node (instances by node, once per candidate host per boot), the next
-- cell_id of a cell (once per boot), the in-progress moves of a node (source or destination),
-- and an action's events (ON DELETE CASCADE from instance_actions too).
CREATE INDEX instances_node ON instances(node, deleted);
CREATE INDEX instances_cell ON instances(cell, cell_id);
CREATE INDEX migrations_source_node ON migrations(source_node);
CREATE INDEX migrations_dest_node ON migrations(dest_node);
CREATE INDEX instance_action_events_action ON instance_action_events(action_id);

-- Where nova's InstanceMapping points: 'build_request' until the conductor has scheduled the
-- instance (a BuildRequest in the API database, no cell yet), then 'cell1', or 'cell0' when
-- scheduling failed (_bury_in_cell0). Rows created before this column are scheduled ones.
ALTER TABLE instances ADD COLUMN cell TEXT NOT NULL DEFAULT 'cell1';

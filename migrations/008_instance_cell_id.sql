-- The instance's id in its cell's own database (cell0 and cell1 are separate databases in nova,
-- each with its own id sequence; the id is assigned when the conductor creates the instance in
-- the cell, not when the API accepts the request). Instance.name (instance-%08x) is made of it.
-- NULL for a build request; rows written before this column fall back to the global id.
ALTER TABLE instances ADD COLUMN cell_id INTEGER;

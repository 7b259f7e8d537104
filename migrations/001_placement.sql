-- Placement's data model (openstack/placement db/sqlalchemy/models.py), in SQLite.
CREATE TABLE resource_classes (
  id INTEGER PRIMARY KEY,            -- standard classes keep their os-resource-classes index; custom start at 10000
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE TABLE traits (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE TABLE resource_providers (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  generation INTEGER NOT NULL DEFAULT 0,
  parent_provider_id INTEGER REFERENCES resource_providers(id),
  root_provider_id INTEGER REFERENCES resource_providers(id),
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX resource_providers_root ON resource_providers(root_provider_id);
CREATE INDEX resource_providers_parent ON resource_providers(parent_provider_id);
CREATE TABLE inventories (
  id INTEGER PRIMARY KEY,
  resource_provider_id INTEGER NOT NULL REFERENCES resource_providers(id),
  resource_class_id INTEGER NOT NULL REFERENCES resource_classes(id),
  total INTEGER NOT NULL,
  reserved INTEGER NOT NULL,
  min_unit INTEGER NOT NULL,
  max_unit INTEGER NOT NULL,
  step_size INTEGER NOT NULL,
  allocation_ratio REAL NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  UNIQUE (resource_provider_id, resource_class_id)
);
CREATE TABLE projects (id INTEGER PRIMARY KEY, external_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE users (id INTEGER PRIMARY KEY, external_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE consumer_types (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, updated_at TEXT);
CREATE TABLE consumers (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  generation INTEGER NOT NULL DEFAULT 0,
  consumer_type_id INTEGER REFERENCES consumer_types(id),
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX consumers_project_user ON consumers(project_id, user_id);
CREATE TABLE allocations (
  id INTEGER PRIMARY KEY,
  resource_provider_id INTEGER NOT NULL REFERENCES resource_providers(id),
  consumer_id TEXT NOT NULL,          -- consumer uuid, as placement stores it
  resource_class_id INTEGER NOT NULL REFERENCES resource_classes(id),
  used INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX allocations_consumer ON allocations(consumer_id);
CREATE INDEX allocations_rp_rc ON allocations(resource_provider_id, resource_class_id);
CREATE TABLE placement_aggregates (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
CREATE TABLE resource_provider_aggregates (
  resource_provider_id INTEGER NOT NULL REFERENCES resource_providers(id),
  aggregate_id INTEGER NOT NULL REFERENCES placement_aggregates(id),
  PRIMARY KEY (resource_provider_id, aggregate_id)
);
CREATE INDEX rpa_aggregate ON resource_provider_aggregates(aggregate_id);
CREATE TABLE resource_provider_traits (
  resource_provider_id INTEGER NOT NULL REFERENCES resource_providers(id),
  trait_id INTEGER NOT NULL REFERENCES traits(id),
  PRIMARY KEY (resource_provider_id, trait_id)
);
CREATE INDEX rpt_trait ON resource_provider_traits(trait_id);

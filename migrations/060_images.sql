-- Glance's image records (glance/db/sqlalchemy/models.py: images, image_properties, image_tags,
-- image_members). A deleted image keeps its row (deleted = 1) as glance does, so its id cannot
-- be reused and GET answers 404. `seq` is the insertion order.
CREATE TABLE images (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  name TEXT,
  status TEXT NOT NULL,
  visibility TEXT NOT NULL,
  protected INTEGER NOT NULL DEFAULT 0,
  os_hidden INTEGER NOT NULL DEFAULT 0,
  checksum TEXT,
  os_hash_algo TEXT,
  os_hash_value TEXT,
  owner TEXT,
  size INTEGER,
  virtual_size INTEGER,
  container_format TEXT,
  disk_format TEXT,
  min_ram INTEGER NOT NULL DEFAULT 0,
  min_disk INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT,
  -- whether image data was staged (PUT .../stage) and waits for an import
  staged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX images_owner ON images (owner);
CREATE TABLE image_properties (
  image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  -- NULL for a schema property set to null (kernel_id: null)
  value TEXT,
  PRIMARY KEY (image_id, name)
);
CREATE TABLE image_tags (
  image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (image_id, value)
);
CREATE TABLE image_members (
  image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  member TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (image_id, member)
);
-- Import tasks (glance's tasks table): what GET /v2/images/{id}/tasks lists.
CREATE TABLE image_tasks (
  id TEXT PRIMARY KEY,
  image_id TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  input TEXT NOT NULL,
  result TEXT,
  message TEXT NOT NULL DEFAULT '',
  owner TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

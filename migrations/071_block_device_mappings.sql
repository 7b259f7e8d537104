-- nova's block_device_mapping table (nova/db/main/models.py BlockDeviceMapping), trimmed to the
-- fields the API, the build and the volume attachments use.
CREATE TABLE block_device_mappings (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  instance_uuid TEXT NOT NULL,
  source_type TEXT NOT NULL,              -- image, volume, snapshot, blank
  destination_type TEXT NOT NULL,         -- local, volume
  boot_index INTEGER,                     -- null or -1: not bootable
  device_name TEXT,
  device_type TEXT,
  disk_bus TEXT,
  guest_format TEXT,
  image_id TEXT,
  snapshot_id TEXT,
  volume_id TEXT,
  volume_size INTEGER,
  volume_type TEXT,
  delete_on_termination INTEGER NOT NULL DEFAULT 0,
  tag TEXT,
  attachment_id TEXT,
  connection_info TEXT,                   -- JSON once attached
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX block_device_mappings_instance ON block_device_mappings(instance_uuid);
CREATE INDEX block_device_mappings_volume ON block_device_mappings(volume_id);

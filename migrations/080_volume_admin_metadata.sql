-- Cinder's volume_admin_metadata (readonly, attached_mode): set by os-update_readonly_flag and the
-- legacy os-attach; the volume views show these two keys inside `metadata` (add_visible_admin_metadata).
ALTER TABLE volumes ADD COLUMN admin_metadata TEXT NOT NULL DEFAULT '{}';

-- instances.auto_disk_config (nova's column): the 'OS-DCF:diskConfig' the server view shows
-- (AUTO when true). A rebuild sets it from the request, or from the image's auto_disk_config
-- property (API._inherit_properties_from_image); rows written before it are MANUAL.
ALTER TABLE instances ADD COLUMN auto_disk_config INTEGER NOT NULL DEFAULT 0;

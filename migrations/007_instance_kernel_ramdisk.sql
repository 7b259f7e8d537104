-- instances.kernel_id / ramdisk_id (nova's columns, '' when none): API._handle_kernel_and_ramdisk
-- takes them from the image's properties at create and rebuild ('nokernel' = none); the admin
-- view shows them as OS-EXT-SRV-ATTR:kernel_id / ramdisk_id (2.3).
ALTER TABLE instances ADD COLUMN kernel_id TEXT NOT NULL DEFAULT '';
ALTER TABLE instances ADD COLUMN ramdisk_id TEXT NOT NULL DEFAULT '';

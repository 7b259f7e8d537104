// nova/compute/task_states.py (fields.InstanceTaskState.ALL): what an instance is doing; null when idle.
export const TASK_STATES = [
  'scheduling', 'block_device_mapping', 'networking', 'spawning', 'image_snapshot', 'image_snapshot_pending',
  'image_pending_upload', 'image_uploading', 'image_backup', 'updating_password', 'resize_prep',
  'resize_migrating', 'resize_migrated', 'resize_finish', 'resize_reverting', 'resize_confirming',
  'rebooting', 'reboot_pending', 'reboot_started', 'rebooting_hard', 'reboot_pending_hard',
  'reboot_started_hard', 'pausing', 'unpausing', 'suspending', 'resuming', 'powering-off', 'powering-on',
  'rescuing', 'unrescuing', 'rebuilding', 'rebuild_block_device_mapping', 'rebuild_spawning', 'migrating',
  'deleting', 'soft-deleting', 'restoring', 'shelving', 'shelving_image_pending_upload',
  'shelving_image_uploading', 'shelving_offloading', 'unshelving',
] as const;

export type TaskState = (typeof TASK_STATES)[number];

// nova/compute/manager.py snapshot_instance / backup_instance (_snapshot_instance, then
// _rotate_backups for a backup) with their decorators: wrap_instance_event, wrap_instance_fault,
// reverts_task_state and delete_image_on_error. The fake driver's snapshot walks the task states
// image_pending_upload -> image_uploading, and (unlike nova's fake driver, which leaves the image
// record empty) uploads a small raw disk so that the image becomes active, as a real driver's
// upload does; the `snapshot` fault point fails it.
import type { RequestContext } from '../compute-db/records.js';
import { imageContext } from '../image-client/boot-image.js';
import { WorkflowAborted } from './progression.js';
import { asNovaError, recordWrappedFault, runSteps, saveInstance, withEvent, type Engine, type Step } from './engine.js';

export interface SnapshotJob {
  instanceUuid: string;
  imageId: string;
  actionId: number | null;
  kind: 'snapshot' | 'backup';
  backupType?: string;
  rotation?: number;
  /** The request's caller: nova runs the compute side with the same (elevated) context. */
  caller: RequestContext;
}

export async function snapshotInstance(e: Engine, job: SnapshotJob): Promise<void> {
  const uuid = job.instanceUuid;
  const inst = e.store.instances.require(uuid);
  const host = inst.host!;
  const ictx = imageContext(job.caller);
  // snapshot_instance first moves image_snapshot_pending -> image_snapshot; a backup stays image_backup
  const first = job.kind === 'snapshot' ? 'image_snapshot' : 'image_backup';
  const steps: Step[] = [];
  if (job.kind === 'snapshot') {
    steps.push({ name: 'image_snapshot', run: () => { saveInstance(e, uuid, { taskState: 'image_snapshot' }, ['image_snapshot_pending']); } });
  }
  steps.push(
    { name: 'image_pending_upload', run: () => { saveInstance(e, uuid, { taskState: 'image_pending_upload' }, [first]); } },
    { name: 'snapshot', run: () => e.driver.call('snapshot', host, uuid) },
    { name: 'image_uploading', run: () => { saveInstance(e, uuid, { taskState: 'image_uploading' }, ['image_pending_upload']); } },
    {
      name: 'upload',
      run: async () => {
        const image = await e.images.show(ictx, job.imageId);
        if (!image.diskFormat || !image.containerFormat) {
          await e.images.update(ictx, job.imageId, { disk_format: 'raw', container_format: 'bare' }, image);
        }
        await e.images.upload(ictx, job.imageId, Buffer.from(`novamock snapshot of ${uuid}\n`));
      },
    },
    { name: 'done', run: () => { saveInstance(e, uuid, { taskState: null }, ['image_uploading']); } },
  );
  if (job.kind === 'backup') steps.push({ name: 'rotate_backups', run: () => rotateBackups(e, job) });
  const event = job.kind === 'snapshot' ? 'compute_snapshot_instance' : 'compute_backup_instance';
  try {
    await withEvent(e, job.actionId, event, host, async () => {
      try {
        await runSteps(e, job.kind, steps);
      } catch (err) {
        if (err instanceof WorkflowAborted) throw err;
        const ne = asNovaError(err);
        const current = e.store.instances.get(uuid);
        // delete_image_on_error: the half-made image goes
        await e.images.delete(ictx, job.imageId).catch(() => undefined);
        if (!current || current.deleted || current.taskState === 'deleting') return;
        recordWrappedFault(e, uuid, ne, host);
        saveInstance(e, uuid, { taskState: null }); // reverts_task_state
        throw ne;
      }
    });
  } catch (err) {
    if (err instanceof WorkflowAborted) throw err;
  }
}

/** _rotate_backups: keep the newest `rotation` backups of this type of this server. */
async function rotateBackups(e: Engine, job: SnapshotJob): Promise<void> {
  const ictx = imageContext(job.caller);
  const filters = { image_type: 'backup', backup_type: job.backupType ?? '', instance_uuid: job.instanceUuid };
  const images = [];
  let marker: string | undefined;
  for (;;) {
    const page = await e.images.detail(ictx, { filters, sort: 'created_at:desc', ...(marker ? { marker } : {}) });
    images.push(...page.images);
    if (!page.nextMarker) break;
    marker = page.nextMarker;
  }
  const rotation = job.rotation ?? 0;
  while (images.length > rotation) {
    const oldest = images.pop()!;
    await e.images.delete(ictx, oldest.id);
  }
}

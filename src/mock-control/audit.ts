// GET /_mock/audit: what `nova-manage placement audit` finds (allocations of consumers that are
// neither a live server nor an in-progress migration), plus servers whose own allocations do
// not match their flavor (or, after a failed finish_resize, their stashed new flavor: nova keeps
// that allocation on purpose).
import type { ComputeWing } from '../services.js';
import type { ImageService } from '../image/image-service.js';
import type { FlavorRecord } from '../compute-db/records.js';
import type { NetworkingService } from '../networking/networking-service.js';
import { resourceRequestFromFlavor } from '../scheduler/resource-request.js';

export interface AuditFinding {
  kind: 'orphaned_allocation' | 'flavor_mismatch' | 'missing_allocation' | 'orphaned_volume_attachment' | 'volume_attached_to_no_server' | 'volume_status_mismatch' | 'image_stranded' | 'leaked_port' | 'port_host_mismatch';
  consumer: string;
  resource_provider?: string;
  resources?: Record<string, number>;
  detail: string;
}

/** Migration statuses that still own allocations (the move is not over). */
const IN_PROGRESS = new Set(['pre-migrating', 'migrating', 'post-migrating', 'finished', 'confirming', 'reverting', 'reverted', 'accepted', 'queued', 'preparing', 'running']);

function sameResources(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a).filter((k) => a[k]);
  const kb = Object.keys(b).filter((k) => b[k]);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
}

export async function auditAllocations(compute: ComputeWing): Promise<AuditFinding[]> {
  const { store, placementClient: pc } = compute;
  const findings: AuditFinding[] = [];
  const byConsumer = new Map<string, Record<string, number>>();
  for (const node of store.services.listNodes()) {
    const allocs = await pc.providerAllocations(node.uuid);
    for (const [consumer, a] of Object.entries(allocs)) {
      const instance = store.instances.get(consumer);
      const migration = store.migrations.get(consumer);
      const owned = (instance && !instance.deleted) || (migration && !migration.deleted && IN_PROGRESS.has(migration.status));
      if (!owned) {
        findings.push({
          kind: 'orphaned_allocation', consumer, resource_provider: node.uuid, resources: a.resources,
          detail: migration ? `allocation of migration ${consumer} in status ${migration.status}` : `allocation of unknown or deleted consumer ${consumer}`,
        });
        continue;
      }
      if (instance) {
        const sum = byConsumer.get(consumer) ?? {};
        for (const [rc, n] of Object.entries(a.resources)) sum[rc] = (sum[rc] ?? 0) + n;
        byConsumer.set(consumer, sum);
      }
    }
  }
  for (const inst of store.instances.list()) {
    // a volume-backed server's root disk is no DISK_GB (RequestSpec.is_bfv)
    const bfv = store.bdms.ofInstance(inst.uuid).some((b) => b.bootIndex === 0 && b.destinationType === 'volume');
    const want = (f: FlavorRecord) => resourceRequestFromFlavor(f, null, bfv).resources;
    const got = byConsumer.get(inst.uuid);
    // a server without a host (failed build, buried) legitimately holds nothing
    if (!got) {
      if (inst.host && inst.vmState !== 'error' && inst.vmState !== 'building') {
        findings.push({ kind: 'missing_allocation', consumer: inst.uuid, detail: `server on ${inst.host} holds no allocation` });
      }
      continue;
    }
    const ok = sameResources(got, want(inst.flavor)) || (inst.newFlavor !== null && sameResources(got, want(inst.newFlavor)));
    if (!ok) {
      findings.push({ kind: 'flavor_mismatch', consumer: inst.uuid, resources: got, detail: `allocations do not match flavor ${inst.flavor.name}` });
    }
  }
  return findings;
}

/**
 * Neutron's side: compute ports (device_owner compute:*) whose device_id names no live server
 * (leaked), and ports of a server bound to another host than the server's.
 */
export function auditPorts(compute: ComputeWing, networking: NetworkingService): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const port of networking.computePorts()) {
    const deviceId = String(port.device_id);
    const inst = compute.store.instances.get(deviceId);
    if (!inst || inst.deleted) {
      findings.push({ kind: 'leaked_port', consumer: deviceId, detail: `port ${port.id} (${String(port.device_owner)}) belongs to no server` });
      continue;
    }
    const bound = String(port['binding:host_id'] ?? '');
    if (inst.host && bound !== inst.host) {
      findings.push({ kind: 'port_host_mismatch', consumer: deviceId, detail: `port ${port.id} is bound to '${bound}', the server is on ${inst.host}` });
    }
  }
  return findings;
}

/** Images left in a transient status (saving, importing, ...) with nothing moving their data. */
export function auditImages(image: ImageService): AuditFinding[] {
  return image.strandedImages().map((i) => ({
    kind: 'image_stranded' as const, consumer: i.id, detail: `image ${i.id} left in status ${i.status}`,
  }));
}

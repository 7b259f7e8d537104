// What a randomized differential found (issue 21) and deferred delete, as flows: the
// scheduler's weighing (value / max normalisation, the resource tracker's io_workload), a
// multi-create where one host takes both members, a resize below the boot flavor's root disk,
// the server list of a server buried in cell0, InstanceNotFound from a driver step (no
// instance fault), and soft delete / restore / forceDelete with reclaim_instance_interval.
import { action, addHost, boot, call, fault, remove, type Flow, type Step } from '../lib/flow.js';
import { MEMBER } from './lifecycle.js';

/** One multi-create request; its members are tracked as PREFIX_1.. in launch order. */
function multiBoot(prefix: string, count: number, flavor: string): Step {
  return {
    name: `boot ${count} x flavor ${flavor} in one request`,
    async run(ctx) {
      const res = await ctx.t.compute('POST', '/servers', {
        body: { server: { name: prefix.toLowerCase(), imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: flavor, networks: 'none', min_count: count, max_count: count, return_reservation_id: true } },
      });
      const rid = (res.body as { reservation_id?: string })?.reservation_id;
      if (res.status === 202 && rid) {
        const list = await ctx.t.compute('GET', `/servers?reservation_id=${rid}`);
        const servers = ((list.body as { servers?: { id: string; name: string }[] })?.servers ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
        servers.forEach((s, i) => {
          ctx.tracked.set(`${prefix}_${i + 1}`, s.id);
          ctx.norm.name(s.id, `${prefix}_${i + 1}`);
        });
      }
      // the reservation id is random on both sides
      return { ...res, body: { reservation_id: rid ? 'r-<id>' : res.body } };
    },
  };
}

const RECLAIM = { reclaim_instance_interval: 600 };

export const fidelityFlows: Flow[] = [
  {
    name: 'weigher_value_over_max',
    description: 'host1 2 vCPU / 4096 MB, host2 16 vCPU / 2560 MB: RAM 1.0 vs 0.571, CPU 0.125 vs 1.0 (value / max): host2 wins',
    hosts: [{ name: 'host1', vcpus: 2, memory_mb: 4096, local_gb: 100 }, { name: 'host2', vcpus: 16, memory_mb: 2560, local_gb: 100 }],
    steps: [boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } })],
  },
  {
    name: 'weigher_io_workload',
    description: "three boots: the resource tracker's io_workload counts each booted instance as a build (no periodic), host1 host2 host1",
    hosts: [{ name: 'host1', vcpus: 20, memory_mb: 16384, local_gb: 100 }, { name: 'host2', vcpus: 12, memory_mb: 8192, local_gb: 100 }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      boot('SERVER_2', { expect: { status: { SERVER_2: 'ACTIVE' } } }),
      boot('SERVER_3', { expect: { status: { SERVER_3: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'multi_create_one_host_fits_both',
    description: 'two m1.medium in one request where host2 fits none: both ACTIVE on host1, each with its own allocation',
    hosts: [{ name: 'host1' }, { name: 'host2', vcpus: 1, memory_mb: 1024, local_gb: 10 }],
    steps: [multiBoot('MULTI', 2, '3')],
  },
  {
    name: 'resize_below_boot_root_disk',
    description: 'boot m1.small (20 GB), resize to m1.tiny: 400 (image_min_disk is the boot flavor root_gb)',
    // one host per boot everywhere: equal hosts tie, and the real tie order is a Python set's
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { flavor: '2', expect: { status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { resize: { flavorRef: '1' } }, { expect: { answer: 400, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'list_fault_of_cell0_server',
    description: 'NoValidHost: the detail list shows the ERROR server without its fault, show has it',
    hosts: [{ name: 'host1', vcpus: 1, memory_mb: 1024, local_gb: 1 }],
    steps: [
      boot('SERVER_1', { flavor: '3', expect: { status: { SERVER_1: 'ERROR' } } }),
      call('servers detail', 'GET', '/servers/detail', { expect: { answer: 200 } }),
    ],
  },
  {
    name: 'fault_instance_not_found_in_move',
    description: 'InstanceNotFound from migrate_disk_and_power_off: ERROR, migration error, no instance fault',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      addHost({ name: 'host2' }),
      fault({ operation: 'migrate_disk_and_power_off', error: { type: 'InstanceNotFound' } }),
      action('SERVER_1', { migrate: null }, { expect: { answer: 202, status: { SERVER_1: 'ERROR' } } }),
    ],
  },
  {
    name: 'soft_delete_restore',
    description: 'reclaim_instance_interval: restore of an ACTIVE server 409, DELETE soft-deletes (allocation kept), again, restore, forceDelete',
    config: RECLAIM,
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { restore: null }, { expect: { answer: 409 } }),
      // (the real compute soft-deletes before the first look: its state right after is not compared)
      remove('SERVER_1', { expect: { answer: 204, status: { SERVER_1: 'SOFT_DELETED' } } }),
      call('servers detail by status', 'GET', '/servers/detail?status=SOFT_DELETED', { expect: { answer: 200 } }),
      call('servers detail deleted=true', 'GET', '/servers/detail?deleted=true', { expect: { answer: 200 } }),
      remove('SERVER_1', { expect: { answer: 204, status: { SERVER_1: 'SOFT_DELETED' } } }),
      action('SERVER_1', { restore: null }, { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      remove('SERVER_1', { expect: { answer: 204, status: { SERVER_1: 'SOFT_DELETED' } } }),
      action('SERVER_1', { lock: null }),
      action('SERVER_1', { restore: null }, { token: MEMBER, expect: { answer: 409 } }),
      action('SERVER_1', { unlock: null }),
      action('SERVER_1', { forceDelete: null }, { compareSeen: 'state', expect: { answer: 202 } }),
    ],
  },
  {
    name: 'soft_delete_never_launched',
    description: 'reclaim_instance_interval: a server that failed scheduling is deleted outright (never launched)',
    config: RECLAIM,
    hosts: [{ name: 'host1', vcpus: 1, memory_mb: 1024, local_gb: 1 }],
    steps: [
      boot('SERVER_1', { flavor: '3', expect: { status: { SERVER_1: 'ERROR' } } }),
      remove('SERVER_1', { expect: { answer: 204 } }),
    ],
  },
  {
    name: 'soft_delete_verify_resize',
    description: 'reclaim_instance_interval: DELETE of a VERIFY_RESIZE server confirms first, then soft-deletes',
    config: RECLAIM,
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      addHost({ name: 'host2' }),
      action('SERVER_1', { resize: { flavorRef: '2' } }, { expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      remove('SERVER_1', { expect: { answer: 204, status: { SERVER_1: 'SOFT_DELETED' } } }),
      action('SERVER_1', { restore: null }, { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
];

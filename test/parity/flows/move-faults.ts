// A virt-driver (or prep_resize) failure in each step of a move, injected through the
// control plane on the host where nova runs that step: prep_resize on the destination,
// migrate_disk_and_power_off on the source, finish_migration on the destination (bug
// 1825537), confirm_migration on the source, finish_revert_migration on the source.
import { action, addHost, boot, call, fault, remove, type Flow, type Step } from '../lib/flow.js';
import { MEMBER } from './lifecycle.js';

const bootOnHost1: Step[] = [
  boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
  addHost({ name: 'host2' }),
];

const resizeTo = (status: string): Step =>
  action('SERVER_1', { resize: { flavorRef: '2' } }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: status } } });

export const moveFaultFlows: Flow[] = [
  {
    name: 'fault_prep_resize',
    description: 'prep_resize fails on host2 (the only candidate): nothing to reschedule to, the server goes ERROR on host1',
    hosts: [{ name: 'host1' }],
    steps: [...bootOnHost1, fault({ operation: 'prep_resize', host: 'host2', times: 1, error: { type: 'TestingException', message: 'injected prep_resize failure' } }), resizeTo('ERROR')],
  },
  {
    name: 'fault_prep_resize_rescheduled',
    description: 'three hosts: prep_resize fails once on the first destination, the conductor reschedules to the other one',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      // host2 bigger than host3 on every resource, so both schedulers try it first.
      addHost({ name: 'host2', vcpus: 20, memory_mb: 16384, local_gb: 2048 }),
      addHost({ name: 'host3' }),
      fault({ operation: 'prep_resize', host: 'host2', times: 1, error: { type: 'TestingException', message: 'injected prep_resize failure' } }),
      resizeTo('VERIFY_RESIZE'),
      action('SERVER_1', { confirmResize: null }, { compareSeen: 'state', expect: { answer: 204, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'fault_migrate_disk_and_power_off',
    description: 'migrate_disk_and_power_off fails on the source: ERROR on host1, migration error, allocation back on host1',
    hosts: [{ name: 'host1' }],
    steps: [
      ...bootOnHost1,
      fault({ operation: 'migrate_disk_and_power_off', host: 'host1', times: 1, error: { type: 'ResizeError', message: 'injected' } }),
      resizeTo('ERROR'),
      remove('SERVER_1', { compareSeen: 'state' }),
    ],
  },
  {
    name: 'fault_finish_migration_bug_1825537',
    description:
      'finish_migration fails on the destination (bug 1825537): ERROR on host2 with the OLD flavor while placement holds the NEW one there; ' +
      'move actions 409; hard reboot to ACTIVE; delete frees everything',
    hosts: [{ name: 'host1' }],
    steps: [
      ...bootOnHost1,
      fault({ operation: 'finish_migration', host: 'host2', times: 1, error: { type: 'VirtualInterfaceCreateException' } }),
      resizeTo('ERROR'),
      // Other views of the ERROR server: a member sees no OS-EXT-SRV-ATTR:* nor the fault's
      // traceback (code 500), 2.1 has the old flavor view, os-migrations per version.
      call('show as member', 'GET', '/servers/{SERVER_1}', { token: MEMBER, expect: { answer: 200 } }),
      call('show at 2.1', 'GET', '/servers/{SERVER_1}', { version: '2.1', expect: { answer: 200 } }),
      call('servers detail at 2.1', 'GET', '/servers/detail', { version: '2.1', expect: { answer: 200 } }),
      call('os-migrations at 2.1', 'GET', '/os-migrations', { version: '2.1', expect: { answer: 200 } }),
      call('os-migrations at 2.59', 'GET', '/os-migrations', { version: '2.59', expect: { answer: 200 } }),
      call('actions as member at 2.51', 'GET', '/servers/{SERVER_1}/os-instance-actions', { token: MEMBER, version: '2.51', expect: { answer: 200 } }),
      action('SERVER_1', { confirmResize: null }, { expect: { answer: 409 } }),
      action('SERVER_1', { revertResize: null }, { expect: { answer: 409 } }),
      action('SERVER_1', { resize: { flavorRef: '3' } }, { expect: { answer: 409 } }),
      action('SERVER_1', { migrate: null }, { expect: { answer: 409 } }),
      action('SERVER_1', { reboot: { type: 'HARD' } }, { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      remove('SERVER_1', { compareSeen: 'state' }),
    ],
  },
  {
    name: 'fault_confirm_migration',
    description: 'confirm_migration fails on the source: ERROR on host2 with the new flavor, migration error, source allocation dropped',
    hosts: [{ name: 'host1' }],
    steps: [
      ...bootOnHost1,
      resizeTo('VERIFY_RESIZE'),
      fault({ operation: 'confirm_migration', host: 'host1', times: 1, error: { type: 'MigrationPreCheckError', message: 'injected' } }),
      action('SERVER_1', { confirmResize: null }, { compareSeen: 'state', expect: { answer: 204, status: { SERVER_1: 'ERROR' } } }),
      remove('SERVER_1', { compareSeen: 'state' }),
    ],
  },
  {
    name: 'fault_finish_revert_migration',
    description: 'finish_revert_migration fails on the source during revert: ERROR, migration error',
    hosts: [{ name: 'host1' }],
    steps: [
      ...bootOnHost1,
      resizeTo('VERIFY_RESIZE'),
      fault({ operation: 'finish_revert_migration', host: 'host1', times: 1, error: { type: 'TestingException', message: 'injected' } }),
      action('SERVER_1', { revertResize: null }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ERROR' } } }),
      remove('SERVER_1', { compareSeen: 'state' }),
    ],
  },
];

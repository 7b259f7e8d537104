// Resize and cold migrate to another host and to the same host, with confirm and revert,
// and NoValidHost on resize. The server is booted while host1 is the only host and host2
// is added afterwards, so the destination is host2 on both sides without relying on how
// either scheduler weighs equal hosts.
import { action, addHost, boot, call, type Flow, type Step } from '../lib/flow.js';

const bootOnHost1: Step[] = [
  boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
  addHost({ name: 'host2' }),
];

const resize = (flavor: string): Step =>
  action('SERVER_1', { resize: { flavorRef: flavor } }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } });
const migrate = (): Step => action('SERVER_1', { migrate: null }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } });
// Right after a confirm answer the migration is 'confirming' or already 'confirmed'
// (observed both ways on the real side): only the server's state is compared.
const confirm = (): Step => action('SERVER_1', { confirmResize: null }, { compareSeen: 'state', expect: { answer: 204, status: { SERVER_1: 'ACTIVE' } } });
// The migration's status right after a revert answer is 'reverting' or already 'reverted'
// (the destination writes it within milliseconds): only the server's state is compared.
const revert = (): Step => action('SERVER_1', { revertResize: null }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } });

export const moveFlows: Flow[] = [
  {
    name: 'resize_confirm',
    description: 'resize m1.tiny -> m1.small to host2, then confirm: source allocation (migration consumer) dropped',
    hosts: [{ name: 'host1' }],
    steps: [
      ...bootOnHost1,
      resize('2'),
      // The VERIFY_RESIZE server through older and narrower views.
      call('show at 2.1', 'GET', '/servers/{SERVER_1}', { version: '2.1', expect: { answer: 200 } }),
      call('show at 2.46 (flavor id + links)', 'GET', '/servers/{SERVER_1}', { version: '2.46', expect: { answer: 200 } }),
      call('os-migrations at 2.23', 'GET', '/os-migrations', { version: '2.23', expect: { answer: 200 } }),
      call('server migrations at 2.23 (live only: empty)', 'GET', '/servers/{SERVER_1}/migrations', { version: '2.23', expect: { answer: 200 } }),
      call('server migrations at 2.22 (404)', 'GET', '/servers/{SERVER_1}/migrations', { version: '2.22', expect: { answer: 404 } }),
      call('hypervisors at 2.53', 'GET', '/os-hypervisors/detail', { version: '2.53', expect: { answer: 200 } }),
      confirm(),
    ],
  },
  {
    name: 'resize_revert',
    description: 'resize m1.tiny -> m1.small to host2, then revert: back on host1 with m1.tiny',
    hosts: [{ name: 'host1' }],
    steps: [...bootOnHost1, resize('2'), revert()],
  },
  {
    name: 'cold_migrate_confirm',
    description: 'migrate (no host) to host2, then confirm',
    hosts: [{ name: 'host1' }],
    steps: [...bootOnHost1, migrate(), confirm()],
  },
  {
    name: 'cold_migrate_revert',
    description: 'migrate (no host) to host2, then revert',
    hosts: [{ name: 'host1' }],
    steps: [...bootOnHost1, migrate(), revert()],
  },
  {
    name: 'cold_migrate_to_host_confirm',
    description: 'migrate {"host": "host2"} (2.56) then confirm',
    hosts: [{ name: 'host1' }],
    steps: [
      ...bootOnHost1,
      action('SERVER_1', { migrate: { host: 'host2' } }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      confirm(),
    ],
  },
  {
    name: 'same_host_resize_confirm',
    description: 'allow_resize_to_same_host=True, one host: both consumers on host1 during VERIFY_RESIZE, then confirm',
    hosts: [{ name: 'host1' }],
    config: { allow_resize_to_same_host: true },
    steps: [boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }), resize('2'), confirm()],
  },
  {
    name: 'same_host_resize_revert',
    description: 'allow_resize_to_same_host=True, one host: resize then revert',
    hosts: [{ name: 'host1' }],
    config: { allow_resize_to_same_host: true },
    steps: [boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }), resize('2'), revert()],
  },
  {
    name: 'resize_no_valid_host',
    description: 'one host, same-host resize not allowed: the API answers 202, the server stays ACTIVE, migration error, action resize Error',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { resize: { flavorRef: '2' } }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'resize_no_valid_host_too_big',
    description: 'two hosts, resize to m1.xlarge that fits nowhere: ACTIVE on host1, migration error',
    hosts: [{ name: 'host1' }],
    steps: [
      ...bootOnHost1,
      action('SERVER_1', { resize: { flavorRef: '5' } }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'cold_migrate_no_valid_host',
    description: 'one host: migrate has nowhere to go (no COMPUTE_SAME_HOST_COLD_MIGRATE): ACTIVE, migration error',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { migrate: null }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
];

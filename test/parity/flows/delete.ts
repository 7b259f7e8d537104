// Delete in each state: ACTIVE, SHUTOFF, PAUSED, SUSPENDED, ERROR without a host,
// VERIFY_RESIZE (the migration's allocation must go too), while building, and locked; local
// deletes (compute down, build failed on the compute) and a confirm that fails on deleting.
import { action, addHost, boot, fault, forceDown, remove, type Flow, type Step } from '../lib/flow.js';
import { MEMBER } from './lifecycle.js';

const active: Step = boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } });
const del = (): Step => remove('SERVER_1', { compareSeen: 'state', expect: { answer: 204 } });

export const deleteFlows: Flow[] = [
  { name: 'delete_active', description: 'delete an ACTIVE server', hosts: [{ name: 'host1' }], steps: [active, del()] },
  {
    name: 'delete_shutoff',
    description: 'delete a SHUTOFF server',
    hosts: [{ name: 'host1' }],
    steps: [active, action('SERVER_1', { 'os-stop': null }, { expect: { status: { SERVER_1: 'SHUTOFF' } } }), del()],
  },
  {
    name: 'delete_paused',
    description: 'delete a PAUSED server',
    hosts: [{ name: 'host1' }],
    steps: [active, action('SERVER_1', { pause: null }, { expect: { status: { SERVER_1: 'PAUSED' } } }), del()],
  },
  {
    name: 'delete_suspended',
    description: 'delete a SUSPENDED server',
    hosts: [{ name: 'host1' }],
    steps: [active, action('SERVER_1', { suspend: null }, { expect: { status: { SERVER_1: 'SUSPENDED' } } }), del()],
  },
  {
    name: 'delete_error_no_host',
    description: 'delete a server that went ERROR at scheduling (no host: deleted by the API itself)',
    hosts: [{ name: 'host1' }],
    steps: [boot('SERVER_1', { flavor: '5', expect: { status: { SERVER_1: 'ERROR' } } }), del()],
  },
  {
    name: 'delete_verify_resize',
    description: 'delete during VERIFY_RESIZE: both the server and the migration consumers are freed',
    hosts: [{ name: 'host1' }],
    steps: [
      active,
      addHost({ name: 'host2' }),
      action('SERVER_1', { resize: { flavorRef: '2' } }, { expect: { status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      del(),
    ],
  },
  {
    name: 'delete_while_building',
    description: 'delete right after the create answer, without waiting: the server is gone and nothing is allocated',
    hosts: [{ name: 'host1' }],
    timedOnly: true,
    steps: [boot('SERVER_1', { observe: false }), remove('SERVER_1', { expect: { answer: 204 } })],
  },
  {
    name: 'delete_compute_down',
    description: "the server's compute service is forced down: the API deletes it itself (local delete)",
    hosts: [{ name: 'host1' }],
    steps: [active, forceDown('host1'), del()],
  },
  {
    name: 'delete_build_failed',
    description: 'spawn failed on the only host (ERROR, host cleared on the compute): a local delete',
    hosts: [{ name: 'host1' }],
    steps: [
      fault({ operation: 'spawn', host: 'host1', times: 1, error: { type: 'ComputeResourcesUnavailable', message: 'injected' } }),
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ERROR' } } }),
      del(),
    ],
  },
  {
    name: 'delete_verify_resize_confirm_fault',
    description: 'delete during VERIFY_RESIZE while confirm_migration fails on the source: the delete stops with a 500',
    hosts: [{ name: 'host1' }],
    steps: [
      active,
      addHost({ name: 'host2' }),
      action('SERVER_1', { resize: { flavorRef: '2' } }, { expect: { status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      fault({ operation: 'confirm_migration', host: 'host1', error: { type: 'ComputeResourcesUnavailable', message: 'injected' } }),
      // the API's synchronous confirm_resize raises: 500, ERROR with task_state 'deleting' left
      remove('SERVER_1', { compareSeen: 'state', expect: { answer: 500, status: { SERVER_1: 'ERROR' } } }),
      // 'deleting' already: nova ignores the request (204, nothing happens)
      remove('SERVER_1', { expect: { answer: 204, status: { SERVER_1: 'ERROR' } } }),
    ],
  },
  {
    name: 'delete_locked',
    description: 'a locked server: a member gets 409, the admin may delete it',
    hosts: [{ name: 'host1' }],
    steps: [
      active,
      action('SERVER_1', { lock: null }, { expect: { answer: 202 } }),
      remove('SERVER_1', { token: MEMBER, expect: { answer: 409 } }),
      del(),
    ],
  },
];

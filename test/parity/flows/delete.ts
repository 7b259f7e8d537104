// Delete in each state: ACTIVE, SHUTOFF, PAUSED, SUSPENDED, ERROR without a host,
// VERIFY_RESIZE (the migration's allocation must go too), while building, and locked.
import { action, addHost, boot, remove, type Flow, type Step } from '../lib/flow.js';
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

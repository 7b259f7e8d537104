// Rebuild (servers.py _action_rebuild -> conductor -> compute rebuild_instance with the fake
// driver's default implementation: power off, destroy, spawn): the same image and a new one,
// new attributes, a SHUTOFF and an ERROR server, faults in the compute, wrong states and bad
// requests.
import { action, addHost, boot, call, fault, forceDown, type Flow, type Step } from '../lib/flow.js';
import { MEMBER } from './lifecycle.js';

const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
/** Another image of nova's GlanceFixture (raw, bare, x86_64): the same on both sides. */
const OTHER_IMAGE = '76fa36fc-c930-4bf3-8c8a-ea2a2420deb6';
/** GlanceFixture's auto_disk_config_enabled_image: a rebuild without OS-DCF:diskConfig inherits AUTO. */
const AUTO_DISK_IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';
/** GlanceFixture's image with kernel_id = the first image and ramdisk_id None. */
const KERNEL_IMAGE = 'c905cedb-7281-47e4-8a62-f26bc5fc4c77';
const UNKNOWN = '9a6b8e1c-0000-4000-8000-00000000beef';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBk6DcmRZnwQ4ZAjJ8G2P6GSYBgpTsH/g9ULr8/ZzTFm test@x';

/**
 * A rebuild; its answer (the server view) is compared. The API writes task_state 'rebuilding'
 * before the 202, which the first look sees on both sides.
 */
function rebuild(body: Record<string, unknown>, opts: { name?: string; version?: string; token?: string; status: string; compareSeen?: boolean }): Step {
  return namingImages(action('SERVER_1', { rebuild: body }, {
    name: opts.name, version: opts.version, token: opts.token,
    compareSeen: opts.compareSeen === false ? undefined : 'state', expect: { answer: 202, status: { SERVER_1: opts.status } },
  }));
}

/** The other images are not uuids of the flow: keep them readable on both sides. */
function namingImages(step: Step, name?: string): Step {
  return {
    ...step,
    name: name ?? step.name,
    async run(ctx) {
      for (const id of [OTHER_IMAGE, AUTO_DISK_IMAGE, KERNEL_IMAGE]) ctx.norm.name(id, id);
      return step.run(ctx);
    },
  };
}

const bad = (name: string, body: unknown, opts: { version?: string } = {}): Step =>
  call(`rebuild ${name}`, 'POST', '/servers/{SERVER_1}/action', { body: { rebuild: body }, ...opts });

export const rebuildFlows: Flow[] = [
  {
    name: 'rebuild_active',
    description: 'rebuild an ACTIVE server with its own image: REBUILD/rebuilding in the answer, then ACTIVE, allocation unchanged',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      rebuild({ imageRef: IMAGE }, { status: 'ACTIVE' }),
    ],
  },
  {
    name: 'rebuild_attributes',
    description:
      'rebuild with a new image, name, metadata, description, access IPs, key pair (2.54), user data (2.57), trusted certs (2.63) and ' +
      'hostname (2.90); then unset key pair, user data and certs with null; then the reduced answer of 2.1 and of 2.74',
    hosts: [{ name: 'host1' }],
    steps: [
      call('create key pair', 'POST', '/os-keypairs', { version: '2.1', body: { keypair: { name: 'kp', public_key: KEY } }, expect: { answer: 200 } }),
      boot('SERVER_1', { extra: { metadata: { old: 'x' }, user_data: 'aGVsbG8=' }, expect: { status: { SERVER_1: 'ACTIVE' } } }),
      rebuild({
        imageRef: OTHER_IMAGE, name: 'rebuilt', metadata: { k: 'v', k2: '' }, description: 'after rebuild', adminPass: 'secret-pass',
        accessIPv4: '192.0.2.10', accessIPv6: '2001:db8::10', key_name: 'kp', user_data: 'd29ybGQ=',
        trusted_image_certificates: ['cert-a', 'cert-b'], hostname: 'rebuilt-host',
      }, { name: 'rebuild SERVER_1 with every attribute', status: 'ACTIVE' }),
      rebuild({ imageRef: IMAGE, key_name: null, user_data: null, trusted_image_certificates: null, description: null }, { name: 'rebuild SERVER_1 unsetting with null', status: 'ACTIVE' }),
      rebuild({ imageRef: AUTO_DISK_IMAGE, name: 'plain' }, { name: 'rebuild SERVER_1 at 2.1 (auto disk image)', version: '2.1', status: 'ACTIVE' }),
      rebuild({ imageRef: IMAGE, 'OS-DCF:diskConfig': 'MANUAL', preserve_ephemeral: false }, { name: 'rebuild SERVER_1 at 2.74', version: '2.74', status: 'ACTIVE' }),
      rebuild({ imageRef: IMAGE, personality: [{ path: '/etc/motd', contents: 'aGk=' }] }, { name: 'rebuild SERVER_1 with personality at 2.56', version: '2.56', status: 'ACTIVE' }),
      rebuild({ imageRef: KERNEL_IMAGE }, { name: 'rebuild SERVER_1 with the kernel image', status: 'ACTIVE' }),
    ],
  },
  {
    name: 'rebuild_disk_config',
    description:
      'OS-DCF:diskConfig follows instance.auto_disk_config: booted from the auto_disk_config=True image without asking (AUTO, ' +
      'also in the create answer; a second server from the kernel image shows its kernel_id), rebuilt with an image without the property (MANUAL), then with AUTO asked; PUT sets it; a resize without it resets it to MANUAL',
    hosts: [{ name: 'host1' }],
    steps: [
      namingImages(boot('SERVER_1', { extra: { imageRef: AUTO_DISK_IMAGE }, expect: { status: { SERVER_1: 'ACTIVE' } } }), 'boot SERVER_1 from the auto disk image'),
      rebuild({ imageRef: IMAGE }, { name: 'rebuild SERVER_1 with the plain image', status: 'ACTIVE' }),
      namingImages(boot('SERVER_2', { extra: { imageRef: KERNEL_IMAGE }, expect: { status: { SERVER_2: 'ACTIVE' } } }), 'boot SERVER_2 from the kernel image'),
      rebuild({ imageRef: IMAGE, 'OS-DCF:diskConfig': 'AUTO' }, { name: 'rebuild SERVER_1 asking AUTO', status: 'ACTIVE' }),
      call('update SERVER_1 to MANUAL', 'PUT', '/servers/{SERVER_1}', { body: { server: { 'OS-DCF:diskConfig': 'MANUAL' } }, observe: true, expect: { answer: 200 } }),
      call('update SERVER_1 to AUTO', 'PUT', '/servers/{SERVER_1}', { body: { server: { 'OS-DCF:diskConfig': 'AUTO' } }, observe: true, expect: { answer: 200 } }),
      // API.resize: instance.auto_disk_config = auto_disk_config or False
      addHost({ name: 'host2' }),
      action('SERVER_1', { resize: { flavorRef: '2' } }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      action('SERVER_1', { confirmResize: null }, { expect: { answer: 204, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'rebuild_as_member',
    description:
      'a member of the project rebuilds (the non-admin view, 2.90 hostname); on a zero-disk flavor a member is refused ' +
      '(compute:servers:create:zero_disk_flavor is admin-only: 403), the admin is not',
    hosts: [{ name: 'host1' }],
    steps: [
      call('create a zero-disk flavor', 'POST', '/flavors', { body: { flavor: { name: 'zero', id: 'zero', ram: 512, vcpus: 1, disk: 0 } }, expect: { answer: 200 } }),
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      rebuild({ imageRef: IMAGE, name: 'by-member' }, { name: 'rebuild SERVER_1 as member', token: MEMBER, status: 'ACTIVE' }),
      call('boot with the zero-disk flavor as member', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: 'zero', networks: 'none' } }, token: MEMBER, expect: { answer: 403 },
      }),
      boot('SERVER_2', { flavor: 'zero', expect: { status: { SERVER_2: 'ACTIVE' } } }),
      call('rebuild SERVER_2 (zero disk) as member', 'POST', '/servers/{SERVER_2}/action', { body: { rebuild: { imageRef: IMAGE } }, token: MEMBER, expect: { answer: 403 } }),
      action('SERVER_2', { rebuild: { imageRef: IMAGE } }, { name: 'rebuild SERVER_2 (zero disk) as admin', expect: { answer: 202, status: { SERVER_2: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'rebuild_shutoff',
    description: 'rebuild a SHUTOFF server: spawned, then stopped again by the compute (compute_stop_instance in the rebuild action)',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { 'os-stop': null }, { expect: { answer: 202, status: { SERVER_1: 'SHUTOFF' } } }),
      rebuild({ imageRef: OTHER_IMAGE }, { status: 'SHUTOFF' }),
    ],
  },
  {
    name: 'rebuild_error',
    description:
      'a hard reboot that fails while the guest runs is only a fault (ACTIVE); one that fails on a stopped guest leaves ' +
      'ERROR (guest still there, SHUTDOWN): a rebuild brings it back to ACTIVE',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      fault({ operation: 'reboot', host: 'host1', times: 1, error: { type: 'TestingException', message: 'injected reboot failure' } }),
      action('SERVER_1', { reboot: { type: 'HARD' } }, { name: 'reboot SERVER_1 (fails, guest running)', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { 'os-stop': null }, { expect: { answer: 202, status: { SERVER_1: 'SHUTOFF' } } }),
      fault({ operation: 'reboot', host: 'host1', times: 1, error: { type: 'TestingException', message: 'injected reboot failure' } }),
      action('SERVER_1', { reboot: { type: 'HARD' } }, { name: 'reboot SERVER_1 (fails, guest stopped)', expect: { answer: 202, status: { SERVER_1: 'ERROR' } } }),
      rebuild({ imageRef: IMAGE }, { status: 'ACTIVE' }),
    ],
  },
  {
    name: 'rebuild_spawn_fault',
    description:
      'spawn fails during the rebuild: ERROR with the fault, and the allocation on its own node removed (Zed deletes the ' +
      '"destination" allocation of scheduled_node = instance.node); a second rebuild finds no guest (power_off raises ' +
      'InstanceNotFound, swallowed): stuck REBUILD error/rebuilding, power state NOSTATE',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      fault({ operation: 'spawn', host: 'host1', times: 1, error: { type: 'VirtualInterfaceCreateException' } }),
      rebuild({ imageRef: IMAGE }, { status: 'ERROR' }),
      rebuild({ imageRef: IMAGE }, { name: 'rebuild SERVER_1 again', status: 'REBUILD' }),
    ],
  },
  {
    name: 'rebuild_driver_faults',
    description: 'power_off, then destroy, fail on the rebuild path: ERROR each time; preserve_ephemeral: PreserveEphemeralNotSupported (400 fault)',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      fault({ operation: 'power_off', host: 'host1', times: 1, error: { type: 'TestingException', message: 'injected power_off failure' } }),
      rebuild({ imageRef: IMAGE }, { name: 'rebuild SERVER_1 (power_off fails)', status: 'ERROR' }),
      fault({ operation: 'destroy', host: 'host1', times: 1, error: { type: 'InstancePowerOffFailure', message: 'injected' } }),
      rebuild({ imageRef: IMAGE }, { name: 'rebuild SERVER_1 (destroy fails)', status: 'ERROR' }),
      rebuild({ imageRef: IMAGE, preserve_ephemeral: true }, { name: 'rebuild SERVER_1 preserving ephemeral', status: 'ERROR' }),
    ],
  },
  {
    name: 'rebuild_conflicts',
    description: 'rebuild a PAUSED server, a locked one as a member, a VERIFY_RESIZE one: 409; the admin is not held by the lock',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { pause: null }, { expect: { answer: 202, status: { SERVER_1: 'PAUSED' } } }),
      action('SERVER_1', { rebuild: { imageRef: IMAGE } }, { name: 'rebuild PAUSED SERVER_1', expect: { answer: 409 } }),
      action('SERVER_1', { unpause: null }, { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { lock: null }, { expect: { answer: 202 } }),
      action('SERVER_1', { rebuild: { imageRef: IMAGE } }, { name: 'rebuild locked SERVER_1 as member', token: MEMBER, expect: { answer: 409 } }),
      action('SERVER_1', { rebuild: { imageRef: IMAGE } }, { name: 'rebuild locked SERVER_1 as admin', compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { unlock: null }, { expect: { answer: 202 } }),
      addHost({ name: 'host2' }),
      action('SERVER_1', { resize: { flavorRef: '2' } }, { compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      action('SERVER_1', { rebuild: { imageRef: IMAGE } }, { name: 'rebuild VERIFY_RESIZE SERVER_1', expect: { answer: 409 } }),
      action('SERVER_1', { confirmResize: null }, { expect: { answer: 204, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'rebuild_host_down',
    description: 'the API does not ask whether the compute is up: with its service forced down a rebuild (new image: the scheduler check) still runs',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      forceDown('host1'),
      rebuild({ imageRef: OTHER_IMAGE }, { status: 'ACTIVE' }),
      forceDown('host1', false),
    ],
  },
  {
    name: 'rebuild_never_launched',
    description: 'an ERROR server that never launched (NoValidHost at boot): 409 invalid state (must_have_launched)',
    steps: [
      boot('SERVER_1', { flavor: '5', expect: { status: { SERVER_1: 'ERROR' } } }),
      action('SERVER_1', { rebuild: { imageRef: IMAGE } }, { name: 'rebuild SERVER_1 (never launched)', expect: { answer: 409 } }),
    ],
  },
  {
    name: 'rebuild_bad_requests',
    description: 'schema errors per microversion, an unknown image and key pair, too much metadata or personality: answered, nothing changed',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      bad('without imageRef', {}),
      bad('null', null),
      bad('with an image href', { imageRef: `http://glance.example/images/${IMAGE}` }),
      bad('with an extra property', { imageRef: IMAGE, bogus: 1 }),
      bad('with an empty name', { imageRef: IMAGE, name: '' }),
      bad('with a bad diskConfig', { imageRef: IMAGE, 'OS-DCF:diskConfig': 'auto' }),
      bad('with a bad accessIPv4', { imageRef: IMAGE, accessIPv4: '1.2.3' }),
      bad('with a bad preserve_ephemeral', { imageRef: IMAGE, preserve_ephemeral: 'maybe' }),
      bad('with bad metadata', { imageRef: IMAGE, metadata: { k: 1 } }),
      bad('with a description at 2.18', { imageRef: IMAGE, description: 'd' }, { version: '2.18' }),
      bad('with a key_name at 2.53', { imageRef: IMAGE, key_name: 'kp' }, { version: '2.53' }),
      bad('with an empty key_name', { imageRef: IMAGE, key_name: '' }),
      bad('with personality at 2.57', { imageRef: IMAGE, personality: [] }, { version: '2.57' }),
      bad('with user_data at 2.56', { imageRef: IMAGE, user_data: 'YQ==' }, { version: '2.56' }),
      bad('with too long user_data', { imageRef: IMAGE, user_data: 'A'.repeat(65536) }),
      bad('with empty trusted certs', { imageRef: IMAGE, trusted_image_certificates: [] }),
      bad('with trusted certs at 2.62', { imageRef: IMAGE, trusted_image_certificates: ['a'] }, { version: '2.62' }),
      bad('with a bad hostname', { imageRef: IMAGE, hostname: 'a_b' }),
      bad('with a hostname at 2.89', { imageRef: IMAGE, hostname: 'ab' }, { version: '2.89' }),
      bad('with an unknown image', { imageRef: UNKNOWN }),
      bad('with an unknown key pair', { imageRef: IMAGE, key_name: 'nokey' }),
      bad('with 129 metadata items', { imageRef: IMAGE, metadata: Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`k${i}`, 'v'])) }),
      bad('with 6 personality files', { imageRef: IMAGE, personality: Array.from({ length: 6 }, (_, i) => ({ path: `/f${i}`, contents: 'YQ==' })) }, { version: '2.56' }),
      bad('with a too long personality path', { imageRef: IMAGE, personality: [{ path: `/${'p'.repeat(300)}`, contents: 'YQ==' }] }, { version: '2.56' }),
      call('rebuild unknown server', 'POST', `/servers/${UNKNOWN}/action`, { body: { rebuild: { imageRef: IMAGE } }, expect: { answer: 404 } }),
      call('look: nothing changed', 'GET', '/servers/{SERVER_1}', { observe: true }),
    ],
  },
];

// The error answers of bad requests on the routes the flows use: status and envelope.
// Each request is answered synchronously and must change nothing (but the lock without
// reason before 2.73, which is accepted), which the `look` step checks by comparing the
// whole snapshot.
import { action, boot, call, type Flow, type Step } from '../lib/flow.js';

const UNKNOWN = '9a6b8e1c-0000-4000-8000-00000000beef';
const act = (name: string, body: unknown, opts: { version?: string } = {}): Step =>
  call(`action ${name}`, 'POST', '/servers/{SERVER_1}/action', { body, ...opts });
const create = (name: string, server: unknown, opts: { version?: string } = {}): Step =>
  call(`create ${name}`, 'POST', '/servers', { body: { server }, ...opts });
const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';

export const badRequestFlows: Flow[] = [
  {
    name: 'bad_requests',
    description: 'unknown servers, schema violations, bad flavors and hosts, unknown actions, malformed bodies, missing auth',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      call('show unknown server', 'GET', `/servers/${UNKNOWN}`, { expect: { answer: 404 } }),
      call('delete unknown server', 'DELETE', `/servers/${UNKNOWN}`, { expect: { answer: 404 } }),
      call('action on unknown server', 'POST', `/servers/${UNKNOWN}/action`, { body: { resize: { flavorRef: '2' } }, expect: { answer: 404 } }),
      call('actions of unknown server', 'GET', `/servers/${UNKNOWN}/os-instance-actions`, { expect: { answer: 404 } }),
      call('unknown instance action', 'GET', '/servers/{SERVER_1}/os-instance-actions/req-00000000-0000-4000-8000-000000000000', { expect: { answer: 404 } }),
      act('resize {} (no flavorRef)', { resize: {} }),
      act('resize with an extra property', { resize: { flavorRef: '2', bogus: 1 } }),
      act('resize to the same flavor', { resize: { flavorRef: '1' } }),
      act('resize to an unknown flavor', { resize: { flavorRef: '999' } }),
      act('resize null', { resize: null }),
      act('migrate to the current host (2.56)', { migrate: { host: 'host1' } }),
      act('migrate to an unknown host', { migrate: { host: 'nohost' } }),
      act('migrate with an extra property', { migrate: { bogus: 1 } }),
      act('reboot without type', { reboot: {} }),
      act('reboot with a bad type', { reboot: { type: 'bogus' } }),
      act('lock with a reason before 2.73', { lock: { locked_reason: 'x' } }, { version: '2.72' }),
      act('lock with a too long reason', { lock: { locked_reason: 'x'.repeat(256) } }),
      act('unknown action', { bogus: null }),
      act('two actions in one body', { pause: null, suspend: null }),
      act('empty body', {}),
      call('action with a malformed body', 'POST', '/servers/{SERVER_1}/action', { rawBody: '{"resize": ', expect: { answer: 400 } }),
      call('action without a token', 'POST', '/servers/{SERVER_1}/action', { body: { 'os-stop': null }, token: null, expect: { answer: 401 } }),
      create('without flavorRef', { name: 'x', imageRef: IMAGE, networks: 'none' }),
      create('with an unknown flavor', { name: 'x', imageRef: IMAGE, flavorRef: '999', networks: 'none' }),
      create('with an unknown image', { name: 'x', imageRef: UNKNOWN, flavorRef: '1', networks: 'none' }),
      create('without networks (2.37+)', { name: 'x', imageRef: IMAGE, flavorRef: '1' }),
      create('without a name', { imageRef: IMAGE, flavorRef: '1', networks: 'none' }),
      create('with an extra property', { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: 'none', bogus: 1 }),
      call('create with an empty body', 'POST', '/servers', { body: {} }),
      call('look: nothing changed', 'GET', '/servers/{SERVER_1}', { observe: true }),
      // Not an error: before 2.56 the migrate body's content is not validated and the host is
      // ignored (the real Nova answers 202 and migrates; with one host: NoValidHost).
      action('SERVER_1', { migrate: { host: 'host1' } }, { version: '2.55', name: 'migrate with a host before 2.56', compareSeen: 'state', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
];

// Power and lock actions, and the 409s of actions sent in the wrong state.
import { action, boot, type Flow, type Step } from '../lib/flow.js';
import { PROJECT_ID } from '../lib/target.js';

/** A member of the server's project: lock applies to them, not to the admin. */
export const MEMBER = `member:${PROJECT_ID}`;

// The state right after a power action's answer is not compared: the real compute finishes
// pause/stop/... within milliseconds, so "ACTIVE active/pausing" and "PAUSED paused/null"
// have both been seen right after the 202.
const ok = (body: unknown, status: string, opts: { token?: string } = {}): Step =>
  action('SERVER_1', body, { ...opts, expect: { answer: 202, status: { SERVER_1: status } } });
const conflict = (body: unknown, opts: { token?: string; answer?: number } = {}): Step =>
  action('SERVER_1', body, { token: opts.token, expect: { answer: opts.answer ?? 409 } });

export const lifecycleFlows: Flow[] = [
  {
    name: 'power_actions',
    description: 'stop/start/reboot/pause/unpause/suspend/resume and each one repeated or out of order (409)',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      ok({ 'os-stop': null }, 'SHUTOFF'),
      conflict({ 'os-stop': null }),
      conflict({ pause: null }),
      conflict({ suspend: null }),
      conflict({ reboot: { type: 'SOFT' } }),
      ok({ 'os-start': null }, 'ACTIVE'),
      conflict({ 'os-start': null }),
      ok({ reboot: { type: 'SOFT' } }, 'ACTIVE'),
      ok({ reboot: { type: 'HARD' } }, 'ACTIVE'),
      ok({ pause: null }, 'PAUSED'),
      conflict({ pause: null }),
      conflict({ suspend: null }),
      conflict({ 'os-stop': null }),
      conflict({ resize: { flavorRef: '2' } }),
      ok({ unpause: null }, 'ACTIVE'),
      conflict({ unpause: null }),
      ok({ suspend: null }, 'SUSPENDED'),
      conflict({ suspend: null }),
      conflict({ migrate: null }),
      ok({ resume: null }, 'ACTIVE'),
      conflict({ resume: null }),
      conflict({ confirmResize: null }),
      conflict({ revertResize: null }),
    ],
  },
  {
    name: 'lock_actions',
    description:
      'lock with a reason (2.73) by the admin of the server\'s project (locked_by owner): a project member gets 409 on actions ' +
      'but may unlock (it is an owner lock); the admin is not held by the lock',
    hosts: [{ name: 'host1' }],
    steps: [
      boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { lock: { locked_reason: 'maintenance' } }, { expect: { answer: 202 } }),
      action('SERVER_1', { lock: null }, { name: 'lock SERVER_1 again', expect: { answer: 202 } }),
      conflict({ 'os-stop': null }, { token: MEMBER }),
      conflict({ reboot: { type: 'HARD' } }, { token: MEMBER }),
      conflict({ resize: { flavorRef: '2' } }, { token: MEMBER }),
      ok({ 'os-stop': null }, 'SHUTOFF'),
      action('SERVER_1', { unlock: null }, { token: MEMBER, expect: { answer: 202 } }),
      ok({ 'os-start': null }, 'ACTIVE', { token: MEMBER }),
      action('SERVER_1', { lock: null }, { token: MEMBER, name: 'lock SERVER_1 as member', expect: { answer: 202 } }),
      action('SERVER_1', { unlock: null }, { name: 'unlock SERVER_1 as admin', expect: { answer: 202 } }),
      action('SERVER_1', { unlock: null }, { name: 'unlock SERVER_1 again', expect: { answer: 202 } }),
    ],
  },
];

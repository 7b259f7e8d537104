// createImage and createBackup against the real Nova (its GlanceFixture holds the images):
// the answers per microversion (Location below 2.45, {"image_id"} from 2.45), the task state
// the API writes before it answers, the guards (states, lock, bad bodies), the instance actions
// and events. (A failing driver snapshot is tested in npm test only: nova-live's fault harness
// cannot arm the snapshot operation, its server stays in image_snapshot.)
import { action, boot, call, type Flow, type Step } from '../lib/flow.js';
import { MEMBER } from './lifecycle.js';

const act = (name: string, body: unknown, opts: { version?: string; token?: string; answer?: number; observe?: boolean } = {}): Step =>
  call(name, 'POST', '/servers/{SERVER_1}/action', { body, version: opts.version, token: opts.token, observe: opts.observe, expect: opts.answer ? { answer: opts.answer } : undefined });
const actions: Step = call('instance actions', 'GET', '/servers/{SERVER_1}/os-instance-actions', { version: '2.58' });
const booted = boot('SERVER_1', { expect: { status: { SERVER_1: 'ACTIVE' } } });

export const snapshotFlows: Flow[] = [
  {
    name: 'snapshot_active',
    description: 'createImage of an ACTIVE server at 2.1 (Location, no body) and 2.45 (image_id); the server back to ACTIVE, two createImage actions',
    hosts: [{ name: 'host1' }],
    steps: [
      booted,
      action('SERVER_1', { createImage: { name: 'snap-1', metadata: { k: 'v' } } }, { name: 'createImage 2.1', version: '2.1', compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { createImage: { name: 'snap-2' } }, { name: 'createImage 2.45', version: '2.45', compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      actions,
    ],
  },
  {
    name: 'snapshot_guards',
    description: 'createImage: bad bodies (400), a locked server as its member (202: nova checks no lock here), a SHUTOFF server (202), a PAUSED one (202), a server in ERROR (409)',
    hosts: [{ name: 'host1' }],
    steps: [
      booted,
      act('createImage without name', { createImage: {} }, { answer: 400 }),
      act('createImage empty name', { createImage: { name: '' } }, { answer: 400 }),
      act('createImage extra key', { createImage: { name: 'x', foo: 'bar' } }, { answer: 400 }),
      act('createImage bad metadata', { createImage: { name: 'x', metadata: { k: 1 } } }, { answer: 400 }),
      action('SERVER_1', { lock: null }, { name: 'lock', token: MEMBER, expect: { answer: 202 } }),
      action('SERVER_1', { createImage: { name: 'locked' } }, { name: 'createImage while locked', version: '2.45', token: MEMBER, compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { unlock: null }, { name: 'unlock', token: MEMBER, expect: { answer: 202 } }),
      action('SERVER_1', { 'os-stop': null }, { name: 'stop', expect: { answer: 202, status: { SERVER_1: 'SHUTOFF' } } }),
      action('SERVER_1', { createImage: { name: 'stopped' } }, { name: 'createImage SHUTOFF', version: '2.45', token: MEMBER, compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'SHUTOFF' } } }),
      action('SERVER_1', { 'os-start': null }, { name: 'start', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { pause: null }, { name: 'pause', expect: { answer: 202, status: { SERVER_1: 'PAUSED' } } }),
      action('SERVER_1', { createImage: { name: 'paused' } }, { name: 'createImage PAUSED', version: '2.45', compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'PAUSED' } } }),
      action('SERVER_1', { unpause: null }, { name: 'unpause', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { 'os-resetState': { state: 'error' } }, { name: 'resetState error', expect: { answer: 202, status: { SERVER_1: 'ERROR' } } }),
      act('createImage in ERROR', { createImage: { name: 'x' } }, { answer: 409 }),
      actions,
    ],
  },
  {
    name: 'backup_rotation',
    description: 'createBackup: rotation 2 at 2.44 (Location), rotation 0 (no Location), 2.45 (image_id); bad rotation, missing backup_type (400); PAUSED accepted (202, as API.backup allows)',
    hosts: [{ name: 'host1' }],
    steps: [
      booted,
      action('SERVER_1', { createBackup: { name: 'b1', backup_type: 'daily', rotation: 2 } }, { name: 'backup rotation 2', version: '2.44', compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { createBackup: { name: 'b0', backup_type: 'weekly', rotation: 0 } }, { name: 'backup rotation 0', version: '2.44', compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { createBackup: { name: 'b2', backup_type: 'daily', rotation: '1' } }, { name: 'backup 2.45', version: '2.45', compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      act('backup negative rotation', { createBackup: { name: 'b', backup_type: 'daily', rotation: -1 } }, { answer: 400 }),
      act('backup without backup_type', { createBackup: { name: 'b', rotation: 1 } }, { answer: 400 }),
      action('SERVER_1', { pause: null }, { name: 'pause', expect: { answer: 202, status: { SERVER_1: 'PAUSED' } } }),
      action('SERVER_1', { createBackup: { name: 'bp', backup_type: 'daily', rotation: 1 } }, { name: 'backup while PAUSED', version: '2.45', compareSeen: 'status', expect: { answer: 202, status: { SERVER_1: 'PAUSED' } } }),
      actions,
    ],
  },
];

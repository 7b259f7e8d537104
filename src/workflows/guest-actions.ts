// The small compute RPCs around a guest (nova/compute/manager.py): the casts trigger_crash_dump
// and inject_network_info, and the calls the API waits for (get_console_output, get_*_console,
// get_diagnostics, set_admin_password). Each is the manager method with its decorators:
// wrap_instance_event (an event on the action, when there is one), wrap_instance_fault (an
// instance fault for any error but InstanceNotFound) and, for set_admin_password,
// reverts_task_state.
import { novaError, type NovaError } from '../nova-exceptions/nova-error.js';
import type { ConsoleProtocol } from '../driver/fake-guest-data.js';
import { asNovaError, recordFault, saveInstance, withEvent, type Engine } from './engine.js';

/** wrap_instance_fault: record the fault (not for InstanceNotFound) and rethrow it as a NovaError. */
async function withFault<T>(e: Engine, uuid: string, host: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const ne = asNovaError(err);
    if (!ne.isA('InstanceNotFound')) recordFault(e, uuid, ne, host);
    throw ne;
  }
}

/** A cast: the answer does not wait, failures are only the event, the fault and the log. */
async function cast(e: Engine, work: () => Promise<void>): Promise<void> {
  try { await work(); } catch (err) { e.log.debug({ err }, 'compute cast failed'); }
}

/** ComputeManager.trigger_crash_dump: the driver call; no task or power state changes. */
export function triggerCrashDump(e: Engine, uuid: string, host: string, actionId: number): Promise<void> {
  return cast(e, () => withEvent(e, actionId, 'compute_trigger_crash_dump', host,
    () => withFault(e, uuid, host, () => e.driver.call('trigger_crash_dump', host, uuid))));
}

/** ComputeManager.inject_network_info: no action, no event (only wrap_instance_fault). */
export function injectNetworkInfo(e: Engine, uuid: string, host: string): Promise<void> {
  return cast(e, () => withFault(e, uuid, host, () => e.driver.call('inject_network_info', host, uuid)));
}

/** ComputeManager.get_console_output with _tail_log. */
export async function consoleOutput(e: Engine, uuid: string, host: string, tailLength: number | null): Promise<string> {
  const output = await withFault(e, uuid, host, () => e.driver.getConsoleOutput(host, uuid));
  return tailLength === null ? output : tailLog(output, tailLength);
}

/**
 * _tail_log: `'\n'.join(log.split('\n')[-length:])`, Python slicing included: 0 is '', a
 * negative length drops that many lines from the front instead (-1 keeps all but the first).
 */
export function tailLog(log: string, length: number): string {
  if (length === 0) return '';
  const lines = log.split('\n');
  const from = -length < 0 ? Math.max(0, lines.length - length) : Math.min(lines.length, -length);
  return lines.slice(from).join('\n');
}

/**
 * nova.conf defaults: [vnc] enabled (noVNC at novncproxy_base_url); [spice], [rdp],
 * [serial_console] and [mks] disabled. These are what a deployment with nova's defaults (and
 * nova's functional environment) answers.
 */
const CONSOLES: Readonly<Record<ConsoleProtocol, { enabled: boolean; types: readonly string[]; baseUrl: string }>> = {
  vnc: { enabled: true, types: ['novnc'], baseUrl: 'http://127.0.0.1:6080/vnc_auto.html' },
  spice: { enabled: false, types: ['spice-html5'], baseUrl: 'http://127.0.0.1:6082/spice_auto.html' },
  rdp: { enabled: false, types: ['rdp-html5'], baseUrl: 'http://127.0.0.1:6083/' },
  serial: { enabled: false, types: [], baseUrl: 'ws://127.0.0.1:6083/' },
  mks: { enabled: false, types: ['webmks'], baseUrl: 'http://127.0.0.1:6090/' },
};

/**
 * ComputeManager.get_<protocol>_console: ConsoleTypeUnavailable when the protocol is disabled,
 * ConsoleTypeInvalid for a type it does not serve (serial takes any), then the driver's endpoint
 * behind a console auth token: ConsoleAuthToken.access_url.
 */
export async function remoteConsoleUrl(e: Engine, uuid: string, host: string, protocol: ConsoleProtocol, type: string | null): Promise<string> {
  const conf = CONSOLES[protocol];
  return withFault(e, uuid, host, async () => {
    const consoleType = String(type);
    if (!conf.enabled) throw novaError('ConsoleTypeUnavailable', { console_type: consoleType });
    if (protocol !== 'serial' && !conf.types.includes(consoleType)) throw novaError('ConsoleTypeInvalid', { console_type: consoleType });
    await e.driver.getConsole(protocol, host, uuid);
    const token = e.runtime.ids.uuid();
    // noVNC >= 1.1 takes the token inside the 'path' parameter (urlencoded '?token=...')
    return consoleType === 'novnc' ? `${conf.baseUrl}?path=%3Ftoken%3D${token}` : `${conf.baseUrl}?token=${token}`;
  });
}

/** nova/compute/power_state.py STATE_MAP */
const POWER_STATE_NAMES: Readonly<Record<number, string>> = { 0: 'pending', 1: 'running', 3: 'paused', 4: 'shutdown', 6: 'crashed', 7: 'suspended' };

/** ComputeManager.get_diagnostics / get_instance_diagnostics: only a running guest answers. */
export async function diagnostics(e: Engine, uuid: string, host: string, standard: boolean): Promise<unknown> {
  return withFault(e, uuid, host, async () => {
    const inst = e.store.instances.require(uuid);
    if (inst.powerState !== 1) {
      throw novaError('InstanceInvalidState', {
        attr: 'power state', instance_uuid: uuid, state: POWER_STATE_NAMES[inst.powerState] ?? String(inst.powerState), method: 'get_diagnostics',
      });
    }
    return standard ? e.driver.getInstanceDiagnostics(host, uuid) : e.driver.getDiagnostics(host, uuid);
  });
}

/**
 * ComputeManager.set_admin_password (an RPC call): the driver's answer is the API's. Agent and
 * support errors pass through; any other error becomes InstancePasswordSetFailed so that the
 * password cannot leak. task_state goes back to None either way (reverts_task_state).
 */
export async function setAdminPassword(e: Engine, uuid: string, host: string, actionId: number): Promise<void> {
  await withEvent(e, actionId, 'compute_set_admin_password', host, () => withFault(e, uuid, host, async () => {
    const inst = e.store.instances.require(uuid);
    const failed = (reason: string): NovaError => novaError('InstancePasswordSetFailed', { instance: uuid, reason });
    if (inst.powerState !== 1) {
      saveInstance(e, uuid, { taskState: null }, ['updating_password']);
      throw failed(`instance ${uuid} is not running`);
    }
    try {
      await e.driver.call('set_admin_password', host, uuid);
    } catch (err) {
      const ne = asNovaError(err);
      saveInstance(e, uuid, { taskState: null });
      if (ne.isA('InstanceAgentNotEnabled') || ne.isA('SetAdminPasswdNotSupported') || ne.isA('UnexpectedTaskStateError')) throw ne;
      if (ne.is('NotImplementedError')) throw ne;
      throw failed('error setting admin password');
    }
    saveInstance(e, uuid, { taskState: null }, ['updating_password']);
  }));
}

// nova/compute/api.py for the small server extras (admin_actions.py, console_output.py,
// remote_consoles.py, server_diagnostics.py, admin_password.py, servers.py trigger_crash_dump,
// attach_interfaces.py): the decorators' checks (lock, host, state), the instance actions, and
// the answer each API handler makes of the compute's exceptions (nova's per-handler except
// clauses: the same exception is a 400 on one URL and an unexpected 500 on another).
import { ApiError } from '../../http/api-error.js';
import { NovaError, novaError, novaErrorWithMessage, type ForeignExceptionName, type NovaExceptionName } from '../../nova-exceptions/nova-error.js';
import type { ConsoleProtocol } from '../../driver/fake-guest-data.js';
import { recordFault } from '../../workflows/engine.js';
import { userToken } from '../../networking-client/network-api.js';
import * as guest from '../../workflows/guest-actions.js';
import { checkInstanceState } from '../server-states.js';
import { unexpectedApiError, unexpectedNovaError } from '../unexpected-error.js';
import type { InstanceRecord, RequestContext } from '../../compute-db/records.js';
import type { ApiContext } from './api-context.js';

/** Which caller asks for a console: the 2.6 remote-consoles API, or one of the legacy actions. */
export type ConsoleSurface = 'remote-consoles' | 'legacy';

export interface GuestApi {
  /** os-resetState: vm_state set, task_state cleared, a finished 'resetState' action. */
  resetState(ctx: RequestContext, uuid: string, state: 'active' | 'error'): Promise<void>;
  injectNetworkInfo(ctx: RequestContext, uuid: string): Promise<void>;
  consoleOutput(ctx: RequestContext, uuid: string, length: number | null): Promise<string>;
  /** The console url (ConsoleAuthToken.access_url). */
  remoteConsole(ctx: RequestContext, uuid: string, protocol: ConsoleProtocol, type: string | null, surface: ConsoleSurface): Promise<string>;
  /** 2.48+: the Diagnostics object; before: the driver's free-form dict. */
  diagnostics(ctx: RequestContext, uuid: string, standard: boolean): Promise<unknown>;
  triggerCrashDump(ctx: RequestContext, uuid: string): Promise<void>;
  changePassword(ctx: RequestContext, uuid: string, password: string): Promise<void>;
  attachInterface(ctx: RequestContext, uuid: string, req: { netId: string | null; portId: string | null; fixedIp?: string | null; tag?: string | null }): Promise<Record<string, unknown>>;
  detachInterface(ctx: RequestContext, uuid: string, portId: string): Promise<void>;
}

/** A rule of an API handler's except clauses: these classes (or subclasses) -> this status. */
type Rule = readonly [readonly (NovaExceptionName | ForeignExceptionName)[], number];

/**
 * The API handler's answer to a compute exception: the first matching rule's status with the
 * exception's message, InstanceInvalidState as raise_http_conflict_for_instance_invalid_state
 * when `invalidStateAction` is given, anything else nova's unexpected 500.
 */
function answer(err: unknown, rules: readonly Rule[], uuid: string, invalidStateAction?: string): never {
  if (!(err instanceof NovaError)) throw err;
  for (const [classes, status] of rules) {
    if (classes.some((c) => err.isA(c))) throw new ApiError(status, null, err.message);
  }
  if (invalidStateAction && err.isA('InstanceInvalidState')) {
    const { attr, state } = err.kwargs;
    throw new ApiError(409, null, attr !== undefined && state !== undefined
      ? `Cannot '${invalidStateAction}' instance ${uuid} while it is in ${attr} ${state}`
      : `Instance ${uuid} is in an invalid state for '${invalidStateAction}'`);
  }
  if (err.is('NotImplementedError')) throw new ApiError(501, null, 'The requested functionality is not supported.');
  throw unexpectedApiError(err.pythonClass);
}

/** @check_instance_host: no host yet -> InstanceNotReady, which every caller here answers 409. */
function requireHost(inst: InstanceRecord): string {
  if (!inst.host) throw new ApiError(409, null, `Instance ${inst.uuid} is not ready`);
  return inst.host;
}

/** @check_instance_lock alone (InstanceIsLocked -> 409). */
function checkLock(ctx: RequestContext, inst: InstanceRecord): void {
  if (inst.locked && !ctx.isAdmin) throw new ApiError(409, null, `Instance ${inst.uuid} is locked`);
}

const CONSOLE_ERRORS: readonly Rule[] = [
  [['InstanceNotFound'], 404],
  [['InstanceNotReady'], 409],
  [['ConsoleTypeInvalid', 'ConsoleTypeUnavailable', 'ImageSerialPortNumberInvalid', 'ImageSerialPortNumberExceedFlavorValue', 'SocketPortRangeExhaustedException'], 400],
];
/** The legacy actions catch less: ConsoleTypeInvalid is an unexpected 500 there (only serial takes the port errors). */
const LEGACY_CONSOLE_ERRORS: Readonly<Record<ConsoleProtocol, readonly Rule[]>> = {
  vnc: [[['ConsoleTypeUnavailable'], 400], [['InstanceNotFound'], 404], [['InstanceNotReady'], 409]],
  spice: [[['ConsoleTypeUnavailable'], 400], [['InstanceNotFound'], 404], [['InstanceNotReady'], 409]],
  rdp: [[['ConsoleTypeUnavailable'], 400], [['InstanceNotFound'], 404], [['InstanceNotReady'], 409]],
  serial: [[['InstanceNotFound'], 404], [['InstanceNotReady'], 409],
    [['ConsoleTypeUnavailable', 'ImageSerialPortNumberInvalid', 'ImageSerialPortNumberExceedFlavorValue', 'SocketPortRangeExhaustedException'], 400]],
  mks: [],
};

export function createGuestApi(d: ApiContext): GuestApi {
  const e = d.engine;
  const store = e.store;

  return {
    async resetState(ctx, uuid, state) {
      const inst = d.getInstance(ctx, uuid);
      const actionId = d.startAction(ctx, inst, 'resetState');
      // instance.save(admin_state_reset=True): no expected task state
      store.instances.save(inst.uuid, { vmState: state, taskState: null });
      store.actions.finish(actionId);
    },

    async injectNetworkInfo(ctx, uuid) {
      const inst = d.getInstance(ctx, uuid);
      checkLock(ctx, inst);
      // compute_rpcapi casts to instance.host: without one the API itself fails
      if (!inst.host) throw unexpectedNovaError('NovaException');
      const host = inst.host;
      d.spawn(`inject_network_info ${uuid}`, uuid, (e) => guest.injectNetworkInfo(e, uuid, host));
    },

    async consoleOutput(ctx, uuid, length) {
      const inst = d.getInstance(ctx, uuid);
      const host = requireHost(inst);
      try {
        return await guest.consoleOutput(e, uuid, host, length);
      } catch (err) {
        return answer(err, [[['InstanceNotFound', 'ConsoleNotAvailable'], 404], [['InstanceNotReady'], 409]], uuid);
      }
    },

    async remoteConsole(ctx, uuid, protocol, type, surface) {
      const inst = d.getInstance(ctx, uuid);
      const host = requireHost(inst);
      const method = `get_${protocol}_console`;
      // @reject_instance_state(task_state=[DELETING, MIGRATING]): only the legacy VNC action
      // answers it as a conflict, the others do not catch InstanceInvalidState (500)
      if (inst.taskState === 'deleting' || inst.taskState === 'migrating') {
        const err = novaError('InstanceInvalidState', { instance_uuid: uuid, attr: 'task_state', state: inst.taskState, method });
        answer(err, [], uuid, surface === 'legacy' && protocol === 'vnc' ? 'get_vnc_console' : undefined);
      }
      try {
        return await guest.remoteConsoleUrl(e, uuid, host, protocol, type);
      } catch (err) {
        return answer(err, surface === 'legacy' ? LEGACY_CONSOLE_ERRORS[protocol] : CONSOLE_ERRORS, uuid);
      }
    },

    async diagnostics(ctx, uuid, standard) {
      const inst = d.getInstance(ctx, uuid);
      const host = requireHost(inst);
      try {
        return await guest.diagnostics(e, uuid, host, standard);
      } catch (err) {
        return answer(err, [[['InstanceNotReady'], 409]], uuid, 'get_diagnostics');
      }
    },

    async triggerCrashDump(ctx, uuid) {
      const inst = d.getInstance(ctx, uuid);
      checkLock(ctx, inst);
      const host = requireHost(inst);
      checkInstanceState(inst, 'trigger_crash_dump', ctx.isAdmin);
      const actionId = d.startAction(ctx, inst, 'trigger_crash_dump');
      d.spawn(`trigger_crash_dump ${uuid}`, uuid, (e) => guest.triggerCrashDump(e, uuid, host, actionId));
    },

    async changePassword(ctx, uuid, _password) {
      const inst = d.getInstance(ctx, uuid);
      // admin_password.py answers InstanceIsLocked as the InstanceInvalidState it derives from,
      // which has no attr/state: the generic wording
      if (inst.locked && !ctx.isAdmin) throw new ApiError(409, null, `Instance ${uuid} is in an invalid state for 'changePassword'`);
      checkInstanceState(inst, 'changePassword', ctx.isAdmin);
      d.apiSave(inst, { taskState: 'updating_password' }, [null], 'changePassword');
      const actionId = d.startAction(ctx, inst, 'changePassword');
      // an RPC call: the compute's answer is the API's (the fake driver stores no password)
      try {
        await guest.setAdminPassword(e, uuid, requireHost(inst), actionId);
      } catch (err) {
        if (err instanceof NovaError && err.is('NotImplementedError')) throw new ApiError(501, null, 'Unable to set password on instance');
        answer(err, [[['InstancePasswordSetFailed', 'SetAdminPasswdNotSupported', 'InstanceAgentNotEnabled'], 409]], uuid, 'changePassword');
      }
    },

    async attachInterface(ctx, uuid, req) {
      const inst = d.getInstance(ctx, uuid);
      checkInstanceState(inst, 'attach_interface', ctx.isAdmin);
      const actionId = d.startAction(ctx, inst, 'attach_interface');
      const token = userToken(ctx);
      // the API's show_port: an unknown port is PortNotFound (404), a bound one PortInUse (409)
      if (req.portId) {
        const port = await e.network.client.showPort(token, req.portId).catch(() => null);
        if (!port) throw new ApiError(404, null, `Port id ${req.portId} could not be found.`);
        if (port.device_id) throw new ApiError(409, null, `Port ${req.portId} is still in use.`);
      }
      const host = requireHost(inst);
      // the compute asks neutron for the network (show_network): neutronclient's
      // NetworkNotFoundClient is not translated, so the compute's event, fault and the API's
      // answer all name it. Without a network available the compute allocates none.
      const visible = req.netId ? await e.network.client.listNetworks(token, { id: req.netId }) : [];
      const available = !req.netId && !req.portId ? await e.network.availableNetworksFor(token, inst.projectId) : [];
      const known = req.portId !== null || (req.netId ? visible.length > 0 : available.length > 0);
      if (known) {
        if (!req.netId && !req.portId && available.length > 1) throw new ApiError(409, null, 'Multiple possible networks found, use a Network ID to be more specific.');
        const ev = store.actions.startEvent(actionId, 'compute_attach_interface', host);
        try {
          const record = await e.network.attachInterface(
            { uuid, projectId: inst.projectId, userId: inst.userId, availabilityZone: inst.availabilityZone }, host,
            { networkId: req.netId ?? (req.portId ? null : available[0]!.id), portId: req.portId, fixedIp: req.fixedIp ?? null, tag: req.tag ?? null },
          );
          const portId = record.portId;
          const preserve = new Set(store.infoCaches.networkInfo(uuid).filter((v) => v.preserve_on_delete).map((v) => v.port_id));
          if (req.portId) preserve.add(req.portId);
          const info = await e.network.networkInfo(uuid, preserve);
          store.db.transaction(() => {
            store.infoCaches.saveNetworkInfo(uuid, info);
            store.virtualInterfaces.create(uuid, [record]);
          })();
          store.actions.finishEvent(ev.actionId, 'compute_attach_interface', { ok: true });
          const port = await e.network.client.showPort('admin', portId);
          return {
            net_id: port.network_id, port_id: port.id, mac_addr: port.mac_address, port_state: port.status,
            fixed_ips: port.fixed_ips.map((f) => ({ subnet_id: f.subnet_id, ip_address: f.ip_address })),
          };
        } catch (err) {
          // InterfaceAttachFailed: the compute's fault and event; the API answers 500
          const ne = err instanceof NovaError ? err : novaError('InterfaceAttachFailed', { instance_uuid: uuid });
          recordFault(e, uuid, ne, host);
          store.actions.finishEvent(ev.actionId, 'compute_attach_interface', { ok: false, traceback: ne.traceback('compute/manager.py'), details: ne.faultMessage });
          if (ne.isA('FixedIpAlreadyInUse') || ne.isA('PortInUse')) throw new ApiError(409, null, ne.message);
          if (ne.isA('NoMoreFixedIps') || ne.isA('InvalidInput') || ne.isA('SecurityGroupNotFound')) throw new ApiError(400, null, ne.message);
          throw new ApiError(500, null, `Failed to attach network adapter device to ${uuid}`);
        }
      }
      const failure = req.netId
        ? new NovaError('NetworkNotFoundClient', `Network ${req.netId} could not be found.`, 500, false)
        : novaError('InterfaceAttachFailedNoNetwork', { project_id: inst.projectId });
      // wrap_instance_event around wrap_instance_fault
      const ev = store.actions.startEvent(actionId, 'compute_attach_interface', host);
      recordFault(e, uuid, failure, host);
      store.actions.finishEvent(ev.actionId, 'compute_attach_interface', { ok: false, traceback: failure.traceback('compute/manager.py'), details: failure.faultMessage });
      if (!req.netId) throw new ApiError(400, null, failure.message);
      throw unexpectedApiError('neutronclient.common.exceptions.NetworkNotFoundClient');
    },

    async detachInterface(ctx, uuid, portId) {
      const inst = d.getInstance(ctx, uuid);
      checkInstanceState(inst, 'detach_interface', ctx.isAdmin);
      const actionId = d.startAction(ctx, inst, 'detach_interface');
      // a cast: the compute finds no such VIF in the instance's network info (PortNotFound)
      const host = inst.host;
      d.spawn(`detach_interface ${uuid}`, uuid, async (e) => {
        const vif = store.infoCaches.networkInfo(uuid).find((v) => v.port_id === portId);
        if (vif && host) {
          // deallocate_port_for_instance: a port nova made goes, the user's is unbound
          const ev = store.actions.startEvent(actionId, 'compute_detach_interface', host);
          await e.network.detachInterface(uuid, vif);
          store.db.transaction(() => {
            store.infoCaches.saveNetworkInfo(uuid, store.infoCaches.networkInfo(uuid).filter((v) => v.port_id !== portId));
            store.virtualInterfaces.deletePort(uuid, portId);
          })();
          store.actions.finishEvent(ev.actionId, 'compute_detach_interface', { ok: true });
          return;
        }
        const failure = novaErrorWithMessage('PortNotFound', `Port ${portId} is not attached`);
        const ev = store.actions.startEvent(actionId, 'compute_detach_interface', host);
        recordFault(e, uuid, failure, host);
        store.actions.finishEvent(ev.actionId, 'compute_detach_interface', { ok: false, traceback: failure.traceback('compute/manager.py'), details: failure.faultMessage });
      });
    },
  };
}

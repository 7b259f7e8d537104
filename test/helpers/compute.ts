// The compute API for tests, as nova's integrated_helpers speak it: requests at a microversion as
// a given caller, and the domain steps the stories repeat (createServer, resizeServer,
// waitForServerStatus, waitForMigrationStatus, actionEvents ...), over inject or HTTP alike.
import { expect } from 'vitest';
import { sendRequest, type ApiReply, type ApiTransport, type RequestOptions } from './api-transport.js';

export const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
export const TINY = { id: '1', name: 'm1.tiny', resources: { VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 } };
export const SMALL = { id: '2', name: 'm1.small', resources: { VCPU: 1, MEMORY_MB: 2048, DISK_GB: 20 } };
export const MEDIUM = { id: '3', name: 'm1.medium', resources: { VCPU: 2, MEMORY_MB: 4096, DISK_GB: 40 } };
export const ZERO = { VCPU: 0, MEMORY_MB: 0, DISK_GB: 0 };

export interface ComputeCall extends RequestOptions {
  /** The microversion asked (none: the client's; neither: no header, i.e. 2.1). */
  version?: string;
}

export interface ServerRequest {
  name?: string;
  /** The image (IMAGE by default; null: none, a boot from volume). */
  imageRef?: string | null;
  flavorRef?: string;
  /** availability_zone nova:HOST */
  host?: string;
  token?: string;
  /** More attributes of the server body (networks, metadata, block_device_mapping_v2 ...). */
  extra?: Record<string, unknown>;
  /** The status to wait for (ACTIVE by default; null: answer {id} without waiting). */
  waitFor?: string | null;
}

export class ComputeClient {
  readonly token: string;
  /** The microversion of every request that names none (undefined: no header). */
  readonly version: string | undefined;

  constructor(readonly transport: ApiTransport, o: { token?: string; version?: string } = {}) {
    this.token = o.token ?? 'admin';
    this.version = o.version;
  }

  /** A request under /compute/v2.1. */
  call(method: string, path: string, o: ComputeCall = {}): Promise<ApiReply> {
    const version = o.version ?? this.version;
    return sendRequest(this.transport, method, `/compute/v2.1${path}`, { ...o, token: o.token === undefined ? this.token : o.token }, version ? { 'openstack-api-version': `compute ${version}` } : {});
  }

  /** POST /servers/{id}/action (at the latest microversion unless told). */
  action(id: string, body: unknown, o: ComputeCall = {}): Promise<ApiReply> {
    return this.call('POST', `/servers/${id}/action`, { version: this.version ?? 'latest', ...o, body });
  }

  /** Let the workflows run until none is runnable (immediate mode: until they are done). */
  settle(): Promise<void> { return this.transport.settle(); }

  async getServer(id: string, o: ComputeCall = {}): Promise<any> {
    const r = await this.call('GET', `/servers/${id}`, { version: this.version ?? 'latest', ...o });
    expect(r.status, r.text).toBe(200);
    return r.body.server;
  }

  /** POST /servers (2.93 unless the client says), then wait for `waitFor` (ACTIVE by default). */
  async createServer(o: ServerRequest = {}): Promise<any> {
    const image = o.imageRef === null ? {} : { imageRef: o.imageRef ?? IMAGE };
    const server: Record<string, unknown> = { name: o.name ?? 'vm', ...image, flavorRef: o.flavorRef ?? '1', networks: 'none', ...(o.extra ?? {}) };
    if (o.host) server.availability_zone = `nova:${o.host}`;
    const r = await this.call('POST', '/servers', { version: this.version ?? '2.93', ...(o.token ? { token: o.token } : {}), body: { server } });
    expect(r.status, r.text).toBe(202);
    const id = r.body.server.id as string;
    return o.waitFor === null ? { id } : this.waitForServerStatus(id, o.waitFor ?? 'ACTIVE');
  }

  /** resize (202) and wait for VERIFY_RESIZE (or `waitFor`). */
  async resizeServer(id: string, flavorRef: string, waitFor = 'VERIFY_RESIZE'): Promise<any> {
    const r = await this.action(id, { resize: { flavorRef } });
    expect(r.status, r.text).toBe(202);
    return this.waitForServerStatus(id, waitFor);
  }

  /** The server at `status` with no task, after the cloud settled (nova's _wait_for_state_change). */
  async waitForServerStatus(id: string, status: string, attempts = 50): Promise<any> {
    let last: any;
    for (let i = 0; i < attempts; i++) {
      last = await this.getServer(id);
      if (last.status === status && last['OS-EXT-STS:task_state'] === null) {
        // like nova's tests waiting for the *.end notification: let the flow finish its tail
        // (e.g. confirm deletes the migration's allocation after the server is ACTIVE)
        await this.settle();
        return this.getServer(id);
      }
      await this.settle();
    }
    throw new Error(`server ${id} never reached ${status}; last ${last?.status}/${last?.['OS-EXT-STS:task_state']}`);
  }

  async waitForServerGone(id: string, attempts = 50): Promise<void> {
    for (let i = 0; i < attempts; i++) {
      if ((await this.call('GET', `/servers/${id}`)).status === 404) return;
      await this.settle();
    }
    throw new Error(`server ${id} was not deleted`);
  }

  async migrations(serverId: string): Promise<any[]> {
    const r = await this.call('GET', `/os-migrations?instance_uuid=${serverId}`, { version: this.version ?? 'latest' });
    expect(r.status, r.text).toBe(200);
    return r.body.migrations;
  }

  async waitForMigrationStatus(serverId: string, status: string, attempts = 50): Promise<any> {
    let last: any[] = [];
    for (let i = 0; i < attempts; i++) {
      last = await this.migrations(serverId);
      if (last[0]?.status === status) { await this.settle(); return last[0]; }
      await this.settle();
    }
    throw new Error(`migration of ${serverId} never reached ${status}; last ${last[0]?.status}`);
  }

  /** The server's instance action named `action`, with its events. */
  async actionEvents(serverId: string, action: string): Promise<any> {
    const o = { version: this.version ?? 'latest' };
    const list = await this.call('GET', `/servers/${serverId}/os-instance-actions`, o);
    expect(list.status).toBe(200);
    const a = (list.body.instanceActions as any[]).find((x) => x.action === action);
    if (!a) throw new Error(`no ${action} action`);
    const detail = await this.call('GET', `/servers/${serverId}/os-instance-actions/${a.request_id}`, o);
    expect(detail.status).toBe(200);
    return detail.body.instanceAction;
  }
}

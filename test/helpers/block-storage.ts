// The block storage API (Cinder v3) for tests, over inject or HTTP: requests in a project at a
// microversion, and the volume steps the stories repeat.
import { expect } from 'vitest';
import { sendRequest, type ApiReply, type ApiTransport, type RequestOptions } from './api-transport.js';

export interface VolumeCall extends RequestOptions {
  version?: string;
}

export class BlockStorageClient {
  readonly token: string;
  readonly project: string;
  readonly version: string;

  constructor(readonly transport: ApiTransport, o: { token?: string; project?: string; version?: string } = {}) {
    this.token = o.token ?? 'admin';
    this.project = o.project ?? 'admin';
    this.version = o.version ?? '3.70';
  }

  /** A request under /volume/v3/{project}. */
  call(method: string, path: string, o: VolumeCall = {}): Promise<ApiReply> {
    return sendRequest(this.transport, method, `/volume/v3/${this.project}${path}`, { ...o, token: o.token === undefined ? this.token : o.token },
      { 'openstack-api-version': `volume ${o.version ?? this.version}` });
  }

  async getVolume(id: string): Promise<any> {
    const r = await this.call('GET', `/volumes/${id}`);
    expect(r.status, r.text).toBe(200);
    return r.body.volume;
  }

  /** POST /volumes (202), then the volume once it has left `creating`. */
  async createVolume(volume: Record<string, unknown> = {}): Promise<any> {
    const r = await this.call('POST', '/volumes', { body: { volume: { size: 1, ...volume } } });
    expect(r.status, r.text).toBe(202);
    return this.waitForVolume(r.body.volume.id, (v) => v.status !== 'creating', 'to leave creating');
  }

  /** The volume once `done` holds of it: the cloud settled between looks, and a short pause (a manual cloud does not wait for Cinder's work). */
  async waitForVolume(id: string, done: (v: any) => boolean, what: string, attempts = 50): Promise<any> {
    let last: any;
    for (let i = 0; i < attempts; i++) {
      last = await this.getVolume(id);
      if (done(last)) return last;
      await this.transport.settle();
      await new Promise((res) => setTimeout(res, 20));
    }
    throw new Error(`volume ${id} never came ${what}; last ${last?.status}`);
  }
}

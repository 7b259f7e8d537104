// A small compute API client over inject for the API stories (nova's integrated_helpers in
// spirit): requests at a microversion as a given caller, and the domain steps tests repeat.
import { expect } from 'vitest';
import type { TestApp } from './app.js';

export const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';

export interface ComputeResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  text: string;
}

export interface ComputeCall {
  version?: string;
  token?: string;
  body?: unknown;
  /** Raw payload (not JSON-encoded) and its content type. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function computeClient(t: TestApp) {
  async function call(method: string, path: string, o: ComputeCall = {}): Promise<ComputeResponse> {
    const headers: Record<string, string> = { 'x-auth-token': o.token ?? 'admin', ...(o.headers ?? {}) };
    if (o.version) headers['x-openstack-nova-api-version'] = o.version;
    let payload: string | undefined;
    if (o.body !== undefined) { payload = JSON.stringify(o.body); headers['content-type'] = o.contentType ?? 'application/json'; }
    if (o.raw !== undefined) { payload = o.raw; if (o.contentType) headers['content-type'] = o.contentType; }
    const r = await t.app.inject({ method: method as 'GET', url: `/compute/v2.1${path}`, headers, payload });
    let body: unknown = null;
    try { body = r.body ? JSON.parse(r.body) : null; } catch { body = null; }
    return { status: r.statusCode, headers: r.headers, body, text: r.body };
  }

  async function waitForStatus(id: string, status: string): Promise<any> {
    await t.services.compute.workflows.idle();
    const r = await call('GET', `/servers/${id}`, { version: 'latest' });
    expect(r.body?.server?.status, `server ${id} status`).toBe(status);
    return r.body.server;
  }

  async function createServer(o: { name?: string; flavorRef?: string; token?: string; extra?: Record<string, unknown> } = {}): Promise<any> {
    const r = await call('POST', '/servers', {
      version: '2.93',
      token: o.token,
      body: { server: { name: o.name ?? 'vm', imageRef: IMAGE, flavorRef: o.flavorRef ?? '1', networks: 'none', ...(o.extra ?? {}) } },
    });
    expect(r.status, r.text).toBe(202);
    return waitForStatus(r.body.server.id, 'ACTIVE');
  }

  async function action(id: string, body: unknown, o: ComputeCall = {}): Promise<ComputeResponse> {
    return call('POST', `/servers/${id}/action`, { version: 'latest', ...o, body });
  }

  return { call, createServer, waitForStatus, action };
}

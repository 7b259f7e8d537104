// Large GET /allocation_candidates bodies are written into buffers reused once their response
// has been sent (http/response-buffers.ts): over a real socket, many concurrent requests each
// get their own body, byte for byte what the same request answers alone (through inject, which
// copies the body), with a matching content-length; and a body still being written to a client
// that does not read stays intact while other large requests are answered meanwhile.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlacementTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp;
let base: string;

function addProviders(from: number, to: number): void {
  const db = t.services.runtime.db;
  const rc = (name: string) => db.prepare('SELECT id FROM resource_classes WHERE name = ?').pluck().get(name) as number;
  const now = new Date().toISOString();
  const insRp = db.prepare('INSERT INTO resource_providers (uuid, name, generation, created_at) VALUES (?, ?, 1, ?)');
  const setRoot = db.prepare('UPDATE resource_providers SET root_provider_id = id WHERE id = ?');
  const insInv = db.prepare(`INSERT INTO inventories (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio, created_at)
    VALUES (?, ?, ?, 0, 1, ?, 1, ?, ?)`);
  db.transaction(() => {
    for (let i = from; i < to; i++) {
      const id = Number(insRp.run(randomUUID(), `big-${i}`, now).lastInsertRowid);
      setRoot.run(id);
      insInv.run(id, rc('VCPU'), 8 + (i % 7), 8 + (i % 7), 16, now);
      insInv.run(id, rc('MEMORY_MB'), 65536, 65536, 1.5, now);
      insInv.run(id, rc('DISK_GB'), 1000 + i, 1000 + i, 1, now);
    }
  })();
  t.services.placement.index.markAllDirty();
}

beforeAll(async () => {
  t = await createPlacementTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  addProviders(0, 1500);
});
afterAll(async () => { await t.close(); });

const headers = (version: string) => ({ 'x-auth-token': 'admin', 'openstack-api-version': `placement ${version}`, accept: 'application/json' });

describe('large allocation candidate bodies over HTTP', () => {
  it('concurrent requests each get their own complete body', async () => {
    const requests: { url: string; version: string }[] = [];
    for (const limit of [700, 1000, 1300, null]) {
      for (const version of ['1.29', '1.34', '1.39']) {
        requests.push({ url: `/allocation_candidates?resources=VCPU:1,MEMORY_MB:512,DISK_GB:${limit ?? 5}${limit ? `&limit=${limit}` : ''}`, version });
      }
    }
    const expected = new Map<string, Buffer>();
    for (const r of requests) {
      const res = await t.app.inject({ method: 'GET', url: r.url, headers: headers(r.version) });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.length).toBeGreaterThan(256 * 1024);
      expected.set(`${r.version} ${r.url}`, res.rawPayload);
    }
    for (let round = 0; round < 1; round++) {
      const got = await Promise.all([...requests, ...requests].map(async (r) => {
        const res = await fetch(base + r.url, { headers: headers(r.version) });
        const body = Buffer.from(await res.arrayBuffer());
        return { r, status: res.status, length: res.headers.get('content-length'), body };
      }));
      for (const { r, status, length, body } of got) {
        expect(status).toBe(200);
        expect(Number(length)).toBe(body.length);
        expect(body.equals(expected.get(`${r.version} ${r.url}`)!)).toBe(true);
      }
    }
  }, 60_000);

  it('a body a slow client has not read yet is not overwritten by the next responses', async () => {
    // a body larger than the socket buffers take while the client does not read (~6 MB)
    addProviders(1500, 14000);
    const url = '/allocation_candidates?resources=VCPU:1,MEMORY_MB:512,DISK_GB:5';
    const alone = (await t.app.inject({ method: 'GET', url, headers: headers('1.39') })).rawPayload;
    const { port } = new URL(base);
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), '127.0.0.1');
    // paused mode: Node reads a little, then stops reading until read() is called
    let draining = false;
    let started!: () => void;
    const answering = new Promise<void>((resolve) => { started = resolve; });
    const drain = () => { for (let c = socket.read() as Buffer | null; c !== null; c = socket.read() as Buffer | null) chunks.push(c); };
    socket.on('readable', () => { if (draining) drain(); else started(); });
    const ended = new Promise<void>((resolve, reject) => { socket.on('end', resolve); socket.on('error', reject); });
    const h = Object.entries(headers('1.39')).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.write(`GET ${url} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n${h}\r\n`);
    // once its answer has begun (and stalled), other large answers take (and would overwrite)
    // pooled buffers; other amounts: every candidate's text differs from the slow body's
    await answering;
    await Promise.all(['VCPU:2,MEMORY_MB:1024,DISK_GB:7', 'VCPU:3,MEMORY_MB:2048,DISK_GB:9'].map(async (amounts) => {
      const res = await fetch(`${base}/allocation_candidates?resources=${amounts}`, { headers: headers('1.39') });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }));
    draining = true;
    drain();
    await ended;
    const raw = Buffer.concat(chunks);
    const split = raw.indexOf('\r\n\r\n');
    expect(raw.subarray(0, 15).toString()).toBe('HTTP/1.1 200 OK');
    expect(raw.subarray(split + 4).equals(alone)).toBe(true);
  }, 90_000);
});

// How the tests' request helpers (compute.ts, placement.ts, networking.ts, block-storage.ts,
// image.ts, identity.ts, mock-control.ts) reach novamock: inject into an app built in the test,
// or HTTP to one listening on a socket (or to a real service). One request and one reply shape
// either way, so a helper's domain verbs do not care which.
import { Agent, request } from 'undici';
import type { Services } from '../../src/services.js';

export type ReplyHeaders = Record<string, string | string[] | number | undefined>;

export interface ApiRequest {
  method: string;
  /** The path under the service's mount (`/compute/v2.1/servers`), or an absolute URL over HTTP. */
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

export interface ApiReply {
  status: number;
  headers: ReplyHeaders;
  /** The JSON body parsed; the text when it is not JSON (an HTML page); null when empty. */
  body: any;
  text: string;
  /** The bytes (an image download). */
  payload: Buffer;
}

export interface ApiTransport {
  send(r: ApiRequest): Promise<ApiReply>;
  /**
   * Let the cloud finish what it is doing (immediate progression: until done; manual: until
   * every workflow is parked). In-process: block storage's background work and the compute
   * workflows; over HTTP: POST /_mock/idle.
   */
  settle(): Promise<void>;
}

/** What a request helper sends: JSON `body`, or a `raw` payload as is (malformed-JSON stories). */
export interface RequestOptions {
  /** x-auth-token (null: none). */
  token?: string | null;
  body?: unknown;
  raw?: string | Buffer;
  /** content type of `raw` (a JSON `body` is application/json unless this says otherwise). */
  contentType?: string;
  headers?: Record<string, string>;
}

/** One request with a token, a JSON or raw payload, and the service's own headers under the caller's. */
export function sendRequest(transport: ApiTransport, method: string, url: string, o: RequestOptions, serviceHeaders: Record<string, string> = {}): Promise<ApiReply> {
  const headers: Record<string, string> = { ...serviceHeaders };
  if (o.token !== null) headers['x-auth-token'] = o.token ?? 'admin';
  let payload: string | Buffer | undefined;
  if (o.raw !== undefined) {
    payload = o.raw;
    if (o.contentType) headers['content-type'] = o.contentType;
  } else if (o.body !== undefined) {
    payload = JSON.stringify(o.body);
    headers['content-type'] = o.contentType ?? 'application/json';
  }
  Object.assign(headers, o.headers ?? {});
  return transport.send({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
}

function parse(text: string): unknown {
  if (!text) return null;
  try { return JSON.parse(text); } catch { return text; }
}

/** What injectTransport needs of a test app (app.ts's TestApp is one). */
export interface InjectTarget {
  app: { inject(o: { method: 'GET'; url: string; headers: Record<string, string>; payload?: string | Buffer }): PromiseLike<{ statusCode: number; headers: ReplyHeaders; body: string; rawPayload: Buffer }> };
  /** Absent (a bare Placement app): settle() has nothing to wait for. */
  services?: Pick<Services, 'compute' | 'blockStorage'>;
}

export function injectTransport(t: InjectTarget): ApiTransport {
  return {
    async send(r) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers ?? {}, ...(r.payload !== undefined ? { payload: r.payload } : {}) });
      return { status: res.statusCode, headers: res.headers, body: parse(res.body), text: res.body, payload: res.rawPayload };
    },
    async settle() {
      if (!t.services) return;
      await t.services.blockStorage.settle();
      await t.services.compute.workflows.idle();
      await t.services.blockStorage.settle();
    },
  };
}

/** No keep-alive: the real placement-api (uwsgi) resets idle sockets. */
const agent = new Agent({ pipelining: 0 });

export function httpTransport(baseUrl: string): ApiTransport {
  const transport: ApiTransport = {
    async send(r) {
      const res = await request(r.url.startsWith('http') ? r.url : baseUrl + r.url, {
        method: r.method as 'GET', headers: r.headers ?? {}, body: r.payload, dispatcher: agent,
      });
      const payload = Buffer.from(await res.body.arrayBuffer());
      const text = payload.toString('utf8');
      return { status: res.statusCode, headers: res.headers, body: parse(text), text, payload };
    },
    async settle() {
      const r = await transport.send({ method: 'POST', url: '/_mock/idle', headers: { 'x-auth-token': 'admin' } });
      if (r.status !== 200) throw new Error(`POST /_mock/idle: ${r.status} ${r.text}`);
    },
  };
  return transport;
}

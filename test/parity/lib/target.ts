// One side of the comparison: a base URL serving /compute, /placement and /_mock (the real
// Nova behind nova-live, or novamock). Plain HTTP over undici, nothing in-process, so both
// sides are driven exactly alike.
import { Agent, request } from 'undici';
import type { AnswerContract } from './response-contract.js';

export type Side = 'real' | 'mock' | 'mock-timed';

export interface HttpAnswer {
  status: number;
  /** Parsed JSON, the raw text when the body is not JSON, or null when empty. */
  body: unknown;
  headers: Record<string, string>;
}

export interface RequestOptions {
  body?: unknown;
  /** A raw body sent as is (malformed JSON tests). */
  rawBody?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

/** How often and how long to poll for a settled state on this side. */
export interface PollPolicy {
  intervalMs: number;
  timeoutMs: number;
  /** How long an unchanged state with an unfinished event must last to count as settled. */
  graceMs: number;
  /**
   * The side answers POST /_mock/idle once no workflow can run (novamock). Settling waits on it
   * before each snapshot: work parked in a timed pause (a conductor that has not scheduled yet
   * when a DELETE already removed the server) shows nothing a poll could see.
   */
  idle?: boolean;
}

/** The project of Nova's functional fixtures (hex of "openstack 4 ever"). */
export const PROJECT_ID = '6f70656e737461636b20342065766572';
/**
 * The identity the flows act as: user admin in the fixtures' project, with the admin role.
 * Spelled out because the bare 'admin' token is mapped differently by the two sides, as a
 * choice of their harnesses: nova-live gives it the fixtures' project, while novamock (like
 * nova's and placement's noauth2 middleware) gives it project 'admin'. Comparing that would
 * compare harnesses (and every tenant_id, hostId and consumer project_id after it).
 */
export const ADMIN = { token: `admin:${PROJECT_ID}`, roles: 'reader,member,admin' };

export const COMPUTE_VERSION = '2.93';
export const PLACEMENT_VERSION = '1.39';

export class Target {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 4 });
  /** novamock's sides: every answer is checked against its route's declared response schema. */
  answerContract: AnswerContract | null = null;

  constructor(
    readonly side: Side,
    readonly baseUrl: string,
    readonly poll: PollPolicy,
  ) {}

  async http(method: string, path: string, opts: RequestOptions = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    const token = opts.token === undefined ? ADMIN.token : opts.token;
    if (token !== null) headers['x-auth-token'] = token;
    // nova-live gives the admin role to user 'admin' of any project; novamock reads X-Roles.
    if (token === ADMIN.token) headers['x-roles'] ??= ADMIN.roles;
    let payload: string | undefined;
    if (opts.rawBody !== undefined) payload = opts.rawBody;
    else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await request(this.baseUrl + path, { method: method as 'GET', headers, body: payload, dispatcher: this.agent });
    const text = await res.body.text();
    const contentType = res.headers['content-type'];
    const apiVersion = res.headers['openstack-api-version'];
    await this.answerContract?.check({
      method, url: path, status: res.statusCode, text,
      contentType: typeof contentType === 'string' ? contentType : undefined,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined,
    });
    let body: unknown = null;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    return { status: res.statusCode, body, headers: flat };
  }

  compute(method: string, path: string, opts: RequestOptions & { version?: string } = {}): Promise<HttpAnswer> {
    const version = opts.version ?? COMPUTE_VERSION;
    return this.http(method, `/compute/v2.1${path}`, {
      ...opts,
      headers: { 'openstack-api-version': `compute ${version}`, ...opts.headers },
    });
  }

  placement(method: string, path: string, opts: RequestOptions & { version?: string } = {}): Promise<HttpAnswer> {
    const version = opts.version ?? PLACEMENT_VERSION;
    return this.http(method, `/placement${path}`, {
      ...opts,
      headers: { 'openstack-api-version': `placement ${version}`, ...opts.headers },
    });
  }

  /** The control plane; a failure here is a harness error, not a difference. */
  async control(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    const res = await this.http(method, `/_mock${path}`, { body, token: 'admin' });
    if (res.status >= 300) {
      throw new Error(`${this.side}: ${method} /_mock${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

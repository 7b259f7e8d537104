// How the networking client reaches a Neutron: in-process (the service's own route table,
// called without sockets) or HTTP (undici to any Neutron, the real one included).
export interface NetworkingResponse {
  readonly status: number;
  /** Parsed JSON, or null for an empty body. */
  readonly body: unknown;
}

export interface NetworkingTransport {
  /**
   * `token` is the caller's (the user's, or the service's own for admin calls, as nova's
   * get_client(admin=True)); `query` the query string's name/value pairs, in order (the HTTP
   * transport encodes them; the in-process one hands them to the route as its parsed query).
   */
  request(method: string, path: string, token: string, body?: unknown, query?: readonly (readonly [string, string])[]): Promise<NetworkingResponse>;
  close(): Promise<void>;
}

export function parseJson(text: string): unknown {
  if (text === '') return null;
  try { return JSON.parse(text); } catch { return text; }
}

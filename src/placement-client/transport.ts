// How the placement client reaches a Placement: in-process (app.inject on a standalone
// Placement app over the same PlacementService) or HTTP (undici to a real Placement).
export interface PlacementResponse {
  readonly status: number;
  /** Parsed JSON, or null for an empty body. */
  readonly body: unknown;
}

export interface PlacementTransport {
  /** `version` null = no OpenStack-API-Version header (placement 1.0), as nova's DELETE /allocations. */
  request(method: string, path: string, version: string | null, body?: unknown): Promise<PlacementResponse>;
  close(): Promise<void>;
}

/** Headers nova's report client sends (noauth2 admin token in tests). */
export function placementHeaders(version: string | null, hasBody: boolean): Record<string, string> {
  const h: Record<string, string> = { 'x-auth-token': 'admin', accept: 'application/json' };
  if (version !== null) h['openstack-api-version'] = `placement ${version}`;
  if (hasBody) h['content-type'] = 'application/json';
  return h;
}

export function parseJson(text: string): unknown {
  if (text === '') return null;
  try { return JSON.parse(text); } catch { return text; }
}

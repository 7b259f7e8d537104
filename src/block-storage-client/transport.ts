// How compute reaches block storage: in-process (app.inject on a private Cinder app over the same
// BlockStorageService) or HTTP (undici to any Cinder v3, the real one included, VOLUME_URL).
export interface BlockStorageResponse {
  readonly status: number;
  /** Parsed JSON, or the text when it is not JSON, or null when empty. */
  readonly body: unknown;
  readonly requestId: string | null;
}

/** Who nova calls as: the request's user and project, plus nova's service token. */
export interface VolumeCallContext {
  readonly userId: string;
  readonly projectId: string;
  readonly roles: readonly string[];
}

export interface BlockStorageTransport {
  /** `path` is relative to /v3/{project_id}. */
  request(ctx: VolumeCallContext, method: string, path: string, version: string, body?: unknown): Promise<BlockStorageResponse>;
  close(): Promise<void>;
}

/** The headers nova's cinderclient session sends (noauth token; X-Service-Token as nova configures it). */
export function volumeHeaders(ctx: VolumeCallContext, version: string, hasBody: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'x-auth-token': `${ctx.userId}:${ctx.projectId}`, 'x-roles': ctx.roles.join(','), 'x-service-token': 'nova:service',
    accept: 'application/json', 'openstack-api-version': `volume ${version}`,
  };
  if (hasBody) h['content-type'] = 'application/json';
  return h;
}

export function parseJson(text: string): unknown {
  if (text === '') return null;
  try { return JSON.parse(text); } catch { return text; }
}

export const projectPath = (ctx: VolumeCallContext, path: string) => `/v3/${encodeURIComponent(ctx.projectId)}${path}`;

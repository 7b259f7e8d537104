// One Placement request through inject as the API stories send it: admin token, JSON accept,
// the given microversion; a string body is sent as is (malformed-JSON stories), anything else as JSON.
import type { FastifyInstance } from 'fastify';

export interface PlacementReply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  json: any;
}

export async function placementCall(app: FastifyInstance, method: string, url: string, version: string, body?: unknown): Promise<PlacementReply> {
  const res = await app.inject({
    method: method as 'GET', url,
    headers: {
      'x-auth-token': 'admin', accept: 'application/json', 'openstack-api-version': `placement ${version}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, headers: res.headers, json: res.body ? JSON.parse(res.body) : undefined };
}

// The double's own control plane under /_mock: reset, hosts, faults, audit. Admin only.
// OWNER: compute engine work (the reset contract below is shared with placement work).
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { POLICY_PROFILES, type PolicyProfile } from '../config.js';
import { authFromHeaders } from '../http/auth-context.js';

export interface MockControlOptions {
  services: Services;
}

/** Body of POST /_mock/reset: all optional. `hosts: []` means no compute hosts at all. */
export interface ResetBody {
  profile?: PolicyProfile;
  hosts?: { name: string; vcpus?: number; memory_mb?: number; local_gb?: number; traits?: string[]; driver?: string }[];
  config?: Record<string, unknown>;
}

export const mockControlPlugin: FastifyPluginAsync<MockControlOptions> = async (app, opts) => {
  const { services } = opts;
  app.get('/status', async () => ({ status: 'ok' }));

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.endsWith('/status')) return;
    const auth = authFromHeaders(req.headers);
    if (!auth) return reply.code(401).send({ error: 'x-auth-token required' });
    if (!auth.isAdmin) return reply.code(403).send({ error: 'admin only' });
  });

  app.post<{ Body: ResetBody | undefined }>('/reset', async (req, reply) => {
    const body = req.body ?? {};
    if (body.profile !== undefined && !POLICY_PROFILES.includes(body.profile)) {
      return reply.code(400).send({ error: `profile must be one of ${POLICY_PROFILES.join(', ')}` });
    }
    services.runtime.settings.policyProfile = body.profile ?? services.runtime.config.policyProfile;
    services.placement.reset();
    await services.compute.reset(body);
    return reply.code(200).send({ reset: true, profile: services.runtime.settings.policyProfile });
  });
};

// The identity service as the composition root builds it: stores + tokens, started once
// (bootstrap, then the seed when the database holds no users, then the tokens earlier runs
// issued), and the resolver every listener's auth hook asks.
import type { Runtime } from '../runtime/runtime.js';
import type { TokenResolver } from '../http/auth-resolution.js';
import { createIdentityService, defaultIdentitySeed, type IdentityCore, type IdentitySeed } from './identity-service.js';
import { createTokenService, type TokenService } from './tokens.js';

export interface Identity {
  readonly core: IdentityCore;
  readonly tokens: TokenService;
  readonly resolver: TokenResolver;
  /** POST /_mock/reset: identity back to the seed, every issued token revoked. */
  reset(): void;
}

/** `seed`: what to create in an empty database (null = nothing beyond bootstrap). */
export function createIdentity(runtime: Runtime, seed: IdentitySeed | null = runtime.config.seed ? runtime.seedPlan?.identity ?? defaultIdentitySeed(runtime.config.adminPassword) : null): Identity {
  const core = createIdentityService(runtime);
  const tokens = createTokenService(core);
  core.bootstrap();
  if (seed && core.isEmpty()) core.seed(seed);
  tokens.loadIssued();
  return {
    core,
    tokens,
    reset() {
      core.resetToSeed(seed);
      tokens.clear();
    },
    resolver: { mode: core.mode, issuedCaller: (token) => tokens.validate(token)?.auth ?? null },
  };
}

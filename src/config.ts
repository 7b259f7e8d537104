// One table of settings: each has an env name, a CLI flag and a default. Only main.ts
// passes process.env/argv in; everything else receives the frozen Config.
import { parseArgs } from 'node:util';

export type AuthMode = 'permissive' | 'keystone';
export type Progression = 'immediate' | 'timed' | 'manual';
export type PolicyProfile = 'default' | 'legacy-rbac' | 'secure-rbac' | 'open-policy' | 'cors';
export const POLICY_PROFILES: readonly PolicyProfile[] = ['default', 'legacy-rbac', 'secure-rbac', 'open-policy', 'cors'];

export interface Config {
  /** Main port: /compute, /placement, /_mock (and later /identity, /image). */
  readonly port: number;
  readonly host: string;
  /** When > 0, Placement is also served at `/` on this port (standalone placement-api layout). */
  readonly placementStandalonePort: number;
  /** When > 0, block storage (Cinder v3) is also served at `/` on this port (cinder-api's 8776 layout). */
  readonly volumeStandalonePort: number;
  /** ':memory:' or a file path (a file uses WAL and survives restarts). */
  readonly database: string;
  /** When set, compute talks to this Placement over HTTP instead of in-process. */
  readonly placementUrl: string | null;
  /** When set, compute talks to this Cinder v3 endpoint over HTTP instead of the in-process one. */
  readonly volumeUrl: string | null;
  /** When set, compute talks to this image service (glance v2, without /v2) over HTTP instead of in-process. */
  readonly imageUrl: string | null;
  readonly progression: Progression;
  /** Delay scale for progression=timed (1 = realistic delays). */
  readonly timedScale: number;
  readonly policyProfile: PolicyProfile;
  readonly corsAllowedOrigins: readonly string[];
  readonly logLevel: string;
  /** Seed hosts, flavors and an image at start-up and on reset. */
  readonly seed: boolean;
  readonly allowResizeToSameHost: boolean;
  readonly bodyLimit: number;
  /** When > 0, Neutron is also served at `/` on this port (neutron-server's :9696 layout). */
  readonly networkingStandalonePort: number;
  /** When set, compute talks to this Neutron over HTTP instead of in-process. */
  readonly networkingUrl: string | null;
  /** permissive: noauth tokens and unknown users still work; keystone: only issued tokens. */
  readonly authMode: AuthMode;
  /** Lifetime of an issued token in seconds (keystone [token] expiration). */
  readonly tokenExpiration: number;
  /** Base URL of the catalog's endpoints; null = the scheme and Host the client used. */
  readonly publicUrl: string | null;
  /** Password of the default seed's users (devstack's ADMIN_PASSWORD). */
  readonly adminPassword: string;
  /** YAML or JSON file describing the cloud to seed; null = the default (devstack-like) seed. */
  readonly seedFile: string | null;
  /** When > 0, Identity is also served at `/` on this port (keystone's :5000 layout). */
  readonly identityStandalonePort: number;
  /** When > 0, the image service is also served at `/` on this port (standalone glance-api layout). */
  readonly imageStandalonePort: number;
  /** Largest image upload in bytes (glance's image_size_cap). */
  readonly imageSizeCap: number;
  /** How much of a body over bodyLimit is read and discarded before the 413 is sent (bytes). */
  readonly oversizeDiscardLimit: number;
  /** Time a client has to send its request headers (ms). */
  readonly headersTimeoutMs: number;
  /** Time a client has to send its whole request, body included (ms). */
  readonly requestTimeoutMs: number;
  /** A connection with no traffic for this long is closed, between requests too (ms). */
  readonly idleTimeoutMs: number;
}

interface Setting {
  key: keyof Config;
  env: string;
  flag: string;
  parse: (raw: string) => unknown;
  default: unknown;
  help: string;
}

const int = (name: string) => (raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return n;
};
const positiveInt = (name: string) => (raw: string): number => {
  const n = int(name)(raw);
  if (n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
};
const bool = (raw: string): boolean => ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
const oneOf = <T extends string>(name: string, allowed: readonly T[]) => (raw: string): T => {
  if (!(allowed as readonly string[]).includes(raw)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T;
};

export const SETTINGS: readonly Setting[] = [
  { key: 'port', env: 'PORT', flag: 'port', parse: int('PORT'), default: 8080, help: 'main port (/compute, /placement, /_mock)' },
  { key: 'host', env: 'HOST', flag: 'host', parse: String, default: '127.0.0.1', help: 'address to listen on' },
  { key: 'placementStandalonePort', env: 'PLACEMENT_STANDALONE_PORT', flag: 'placement-standalone-port', parse: int('PLACEMENT_STANDALONE_PORT'), default: 0, help: 'also serve Placement at / on this port (0 = off)' },
  { key: 'volumeStandalonePort', env: 'VOLUME_STANDALONE_PORT', flag: 'volume-standalone-port', parse: int('VOLUME_STANDALONE_PORT'), default: 0, help: 'also serve block storage (Cinder v3) at / on this port (0 = off)' },
  { key: 'database', env: 'DATABASE', flag: 'database', parse: String, default: ':memory:', help: "SQLite file path, or ':memory:'" },
  { key: 'placementUrl', env: 'PLACEMENT_URL', flag: 'placement-url', parse: (s: string) => s || null, default: null, help: 'use this Placement over HTTP instead of the in-process one' },
  { key: 'imageUrl', env: 'IMAGE_URL', flag: 'image-url', parse: (s: string) => s || null, default: null, help: 'use this image service (glance v2 endpoint, without /v2) over HTTP instead of the in-process one' },
  { key: 'volumeUrl', env: 'VOLUME_URL', flag: 'volume-url', parse: (s: string) => s || null, default: null, help: 'use this block storage (Cinder v3 endpoint, without /v3) over HTTP instead of the in-process one' },
  { key: 'progression', env: 'PROGRESSION', flag: 'progression', parse: oneOf('PROGRESSION', ['immediate', 'timed', 'manual'] as const), default: 'immediate', help: 'how async work advances: immediate | timed | manual' },
  { key: 'timedScale', env: 'TIMED_SCALE', flag: 'timed-scale', parse: Number, default: 1, help: 'delay multiplier for progression=timed' },
  { key: 'policyProfile', env: 'POLICY_PROFILE', flag: 'policy-profile', parse: oneOf('POLICY_PROFILE', POLICY_PROFILES), default: 'default', help: 'placement policy/CORS profile' },
  { key: 'corsAllowedOrigins', env: 'CORS_ALLOWED_ORIGINS', flag: 'cors-allowed-origins', parse: (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean), default: ['http://valid.example.com'], help: 'origins allowed by the cors profile (comma-separated)' },
  { key: 'logLevel', env: 'LOG_LEVEL', flag: 'log-level', parse: String, default: 'info', help: 'pino level (silent to disable)' },
  { key: 'seed', env: 'SEED', flag: 'seed', parse: bool, default: true, help: 'seed hosts, flavors and an image' },
  { key: 'allowResizeToSameHost', env: 'ALLOW_RESIZE_TO_SAME_HOST', flag: 'allow-resize-to-same-host', parse: bool, default: false, help: 'nova [DEFAULT] allow_resize_to_same_host' },
  { key: 'authMode', env: 'AUTH_MODE', flag: 'auth-mode', parse: oneOf('AUTH_MODE', ['permissive', 'keystone'] as const), default: 'permissive', help: "permissive (noauth tokens 'admin' / 'user:project' work) or keystone (only issued tokens)" },
  { key: 'tokenExpiration', env: 'TOKEN_EXPIRATION', flag: 'token-expiration', parse: int('TOKEN_EXPIRATION'), default: 3600, help: 'seconds an issued token is valid' },
  { key: 'publicUrl', env: 'PUBLIC_URL', flag: 'public-url', parse: (s: string) => s.replace(/\/+$/, '') || null, default: null, help: "catalog endpoints' base URL (default: the Host the client used)" },
  { key: 'adminPassword', env: 'ADMIN_PASSWORD', flag: 'admin-password', parse: String, default: 'secret', help: "password of the default seed's users (admin, demo, alt_demo)" },
  { key: 'seedFile', env: 'SEED_FILE', flag: 'seed-file', parse: (s: string) => s || null, default: null, help: 'YAML/JSON file describing the seeded cloud (see README)' },
  { key: 'identityStandalonePort', env: 'IDENTITY_STANDALONE_PORT', flag: 'identity-standalone-port', parse: int('IDENTITY_STANDALONE_PORT'), default: 0, help: 'also serve Identity at / on this port (0 = off)' },
  { key: 'bodyLimit', env: 'BODY_LIMIT', flag: 'body-limit', parse: int('BODY_LIMIT'), default: 1024 * 1024, help: 'largest accepted request body in bytes' },
  { key: 'networkingStandalonePort', env: 'NETWORKING_STANDALONE_PORT', flag: 'networking-standalone-port', parse: int('NETWORKING_STANDALONE_PORT'), default: 0, help: 'also serve Networking (Neutron) at / on this port (0 = off)' },
  { key: 'networkingUrl', env: 'NETWORKING_URL', flag: 'networking-url', parse: (s: string) => s || null, default: null, help: 'use this Neutron over HTTP instead of the in-process one' },
  { key: 'imageStandalonePort', env: 'IMAGE_STANDALONE_PORT', flag: 'image-standalone-port', parse: int('IMAGE_STANDALONE_PORT'), default: 0, help: 'also serve the image service (glance v2) at / on this port (0 = off)' },
  { key: 'imageSizeCap', env: 'IMAGE_SIZE_CAP', flag: 'image-size-cap', parse: int('IMAGE_SIZE_CAP'), default: 1099511627776, help: "largest image upload in bytes (glance's image_size_cap, 1 TiB)" },
  { key: 'oversizeDiscardLimit', env: 'OVERSIZE_DISCARD_LIMIT', flag: 'oversize-discard-limit', parse: int('OVERSIZE_DISCARD_LIMIT'), default: 16 * 1024 * 1024, help: 'of a body over BODY_LIMIT, read and discard up to this many bytes before answering 413, so that a client still sending sees the answer' },
  { key: 'headersTimeoutMs', env: 'HEADERS_TIMEOUT_MS', flag: 'headers-timeout-ms', parse: positiveInt('HEADERS_TIMEOUT_MS'), default: 10_000, help: 'time a client has to send its request headers (ms); then 408 and the connection closes' },
  { key: 'requestTimeoutMs', env: 'REQUEST_TIMEOUT_MS', flag: 'request-timeout-ms', parse: positiveInt('REQUEST_TIMEOUT_MS'), default: 30_000, help: 'time a client has to send its whole request, body included (ms); at least HEADERS_TIMEOUT_MS' },
  { key: 'idleTimeoutMs', env: 'IDLE_TIMEOUT_MS', flag: 'idle-timeout-ms', parse: positiveInt('IDLE_TIMEOUT_MS'), default: 75_000, help: 'a connection without traffic for this long is closed, also between keep-alive requests (ms)' },
];

/** Defaults overridden by env, then by CLI flags. Throws with a clear message on a bad value. */
export function loadConfig(env: Record<string, string | undefined> = {}, argv: string[] = [], overrides: Partial<Config> = {}): Config {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(SETTINGS.map((s) => [s.flag, { type: 'string' as const }])),
    strict: true,
    allowPositionals: false,
  });
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const fromFlag = (values as Record<string, string | undefined>)[s.flag];
    const raw = fromFlag ?? env[s.env];
    out[s.key] = raw === undefined || raw === '' ? s.default : s.parse(raw);
  }
  const config = Object.freeze({ ...(out as unknown as Config), ...overrides });
  // Node refuses a headers timeout longer than the whole-request timeout
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    throw new Error(`HEADERS_TIMEOUT_MS (${config.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs})`);
  }
  return config;
}

/** A config for tests: in-memory, quiet, no seed unless asked. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({}, [], { logLevel: 'silent', seed: false, ...overrides });
}

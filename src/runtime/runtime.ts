// Everything the services share in one process: config, database, clock, ids, logger and
// the mutable settings the control plane may switch on reset. Both listeners (main port and
// standalone Placement port) are built over one Runtime, so they share one store.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config, PolicyProfile } from '../config.js';
import { openDatabase, type Db } from '../db/open-database.js';
import { systemClock, type Clock } from './clock.js';
import { randomIds, type IdSource } from './id-source.js';
import { loadSeedFile, type SeedPlan } from '../seed/seed-file.js';
import { DEFAULT_NOVA_OPTIONS, type NovaOptions } from './nova-options.js';

export interface MutableSettings {
  policyProfile: PolicyProfile;
  allowResizeToSameHost: boolean;
  /** The nova options set through POST /_mock/reset {"config": {...}}. */
  novaOptions: NovaOptions;
}

export interface Runtime {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  readonly settings: MutableSettings;
  /** What SEED_FILE says to seed (null: every service's default seed). */
  readonly seedPlan: SeedPlan | null;
}

export interface RuntimeOverrides {
  db?: Db;
  clock?: Clock;
  ids?: IdSource;
  logger?: Logger;
  /** Pretty logs (main.ts sets this when stdout is a TTY). */
  pretty?: boolean;
  /** Where the runtime's logger writes (main.ts: runtime/log-destination.ts on stdout; tests; default: pino's stdout). */
  logStream?: DestinationStream;
  /** Instead of reading config.seedFile. */
  seedPlan?: SeedPlan | null;
}

export function createRuntime(config: Config, o: RuntimeOverrides = {}): Runtime {
  const logger = o.logger ?? pino({
    level: config.logLevel,
    redact: ['req.headers["x-auth-token"]', 'req.headers.authorization'],
    ...(o.pretty && config.logLevel !== 'silent' ? { transport: { target: 'pino-pretty' } } : {}),
  }, o.logStream);
  return {
    config,
    db: o.db ?? openDatabase(config.database),
    clock: o.clock ?? systemClock,
    ids: o.ids ?? randomIds,
    seedPlan: o.seedPlan !== undefined ? o.seedPlan : config.seedFile ? loadSeedFile(config.seedFile, config.adminPassword) : null,
    logger,
    settings: {
      policyProfile: config.policyProfile,
      allowResizeToSameHost: config.allowResizeToSameHost,
      novaOptions: DEFAULT_NOVA_OPTIONS,
    },
  };
}

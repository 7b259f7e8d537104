// The nova.conf options a POST /_mock/reset {"config": {...}} may set, in nova.conf's groups and
// names, read once from the reset's config (an option not given, or of the wrong type, keeps
// nova's default). allow_resize_to_same_host is MutableSettings' own field (it has a flag too).

/** [filter_scheduler] <weigher>_weight_multiplier options. */
export const WEIGHT_MULTIPLIER_OPTIONS = [
  'ram_weight_multiplier', 'cpu_weight_multiplier', 'disk_weight_multiplier', 'io_ops_weight_multiplier',
  'soft_affinity_weight_multiplier', 'soft_anti_affinity_weight_multiplier', 'build_failure_weight_multiplier',
] as const;
export type WeightMultiplierOption = (typeof WEIGHT_MULTIPLIER_OPTIONS)[number];

export interface NovaOptions {
  /** [DEFAULT] reclaim_instance_interval, seconds (> 0: DELETE soft-deletes). */
  readonly reclaim_instance_interval: number;
  /** [DEFAULT] periodic_interval, seconds between the computes' periodic tasks. */
  readonly periodic_interval: number;
  readonly scheduler: {
    /** [scheduler] max_attempts (> 1: reschedules allowed). */
    readonly max_attempts: number;
  };
  /** Only the multipliers the reset set; the scheduler's defaults are nova's. */
  readonly filter_scheduler: Readonly<Partial<Record<WeightMultiplierOption, number>>>;
  readonly api: {
    /** [api] enable_instance_password */
    readonly enable_instance_password: boolean;
  };
  readonly neutron: {
    /** [neutron] default_floating_pool (the os-floating-ips proxy's pool when the body names none) */
    readonly default_floating_pool: string;
  };
}

export const DEFAULT_NOVA_OPTIONS: NovaOptions = {
  reclaim_instance_interval: 0,
  periodic_interval: 60,
  scheduler: { max_attempts: 3 },
  filter_scheduler: {},
  api: { enable_instance_password: true },
  neutron: { default_floating_pool: 'nova' },
};

const group = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});

/** The options of a reset's config (unknown keys are not options of this double: ignored). */
export function novaOptionsFrom(config: Record<string, unknown> | undefined): NovaOptions {
  const c = group(config);
  const d = DEFAULT_NOVA_OPTIONS;
  const sched = group(c.scheduler);
  const fs = group(c.filter_scheduler);
  const api = group(c.api);
  const neutron = group(c.neutron);
  const filterScheduler: Partial<Record<WeightMultiplierOption, number>> = {};
  for (const opt of WEIGHT_MULTIPLIER_OPTIONS) {
    const v = fs[opt];
    if (typeof v === 'number' && Number.isFinite(v)) filterScheduler[opt] = v;
  }
  return {
    reclaim_instance_interval: typeof c.reclaim_instance_interval === 'number' ? Math.trunc(c.reclaim_instance_interval) : d.reclaim_instance_interval,
    periodic_interval: typeof c.periodic_interval === 'number' && c.periodic_interval > 0 ? c.periodic_interval : d.periodic_interval,
    scheduler: { max_attempts: typeof sched.max_attempts === 'number' && sched.max_attempts >= 1 ? sched.max_attempts : d.scheduler.max_attempts },
    filter_scheduler: filterScheduler,
    api: { enable_instance_password: api.enable_instance_password !== false },
    neutron: { default_floating_pool: typeof neutron.default_floating_pool === 'string' ? neutron.default_floating_pool : d.neutron.default_floating_pool },
  };
}

// os-services view (nova/api/openstack/compute/services.py _get_service_detail).
import type { Microversion } from '../../http/microversion.js';
import type { ServiceRecord } from '../../compute-db/records.js';
import { strTimeOrNull } from './time-format.js';

/** CONF.internal_service_availability_zone / default_availability_zone */
export function serviceZone(s: ServiceRecord, computeZone: string): string {
  return s.binary === 'nova-compute' ? computeZone : 'internal';
}

export function serviceView(s: ServiceRecord, v: Microversion, zone: string, withForcedDown: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    binary: s.binary,
    host: s.host,
    id: v.atLeast('2.53') ? s.uuid : s.id,
    zone,
    status: s.disabled ? 'disabled' : 'enabled',
    state: s.forcedDown ? 'down' : 'up',
    updated_at: strTimeOrNull(s.updatedAt ?? s.createdAt),
    disabled_reason: s.disabledReason,
  };
  if (withForcedDown) out.forced_down = s.forcedDown;
  return out;
}

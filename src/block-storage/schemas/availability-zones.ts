// /os-availability-zone's answer (cinder/api/contrib/availability_zones.py).
import { Type } from 'typebox';

export const zonesResponse = Type.Object({
  availabilityZoneInfo: Type.Array(Type.Object({ zoneName: Type.String(), zoneState: Type.Object({ available: Type.Boolean() }, { additionalProperties: false }) }, { additionalProperties: false })),
}, { additionalProperties: false });

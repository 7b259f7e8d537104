// /os-availability-zone (cinder/api/contrib/availability_zones.py): the backend's one zone.
import { zonesResponse } from '../schemas/availability-zones.js';
import type { RouteDeclaration } from './route-declaration.js';

export const availabilityZoneRoutes: RouteDeclaration[] = [
  {
    path: '/os-availability-zone', method: 'GET', summary: 'List availability zones', response: zonesResponse,
    // devstack's cinder-volume runs in `nova` (storage_availability_zone)
    handler: () => ({ status: 200, body: { availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true } }] } }),
  },
];

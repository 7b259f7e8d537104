// nova/api/openstack/compute/views/images.py: the compute API's view of an image service image.
import type { ImageMeta } from '../../image-client/index.js';
import type { Link, Links } from './links.js';

const STATUS: Record<string, string> = { active: 'ACTIVE', queued: 'SAVING', saving: 'SAVING', deleted: 'DELETED', pending_delete: 'DELETED', killed: 'ERROR' };
const PROGRESS: Record<string, number> = { queued: 25, saving: 50, active: 100 };

/** glance.generate_image_url: the image service's own URL of the image (<origin>/image/images/<id>). */
export function glanceImageUrl(links: Links, id: string): string {
  return `${new URL(links.endpoint).origin}/image/images/${id}`;
}

function imageLinks(links: Links, id: string): Link[] {
  return [...links.pair('images', id), { rel: 'alternate', type: 'application/vnd.openstack.image', href: glanceImageUrl(links, id) }];
}

export function imageBasicView(links: Links, i: ImageMeta): Record<string, unknown> {
  return { id: i.id, name: i.name, links: imageLinks(links, i.id) };
}

export function imageDetailView(links: Links, i: ImageMeta): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: i.id,
    name: i.name,
    minRam: i.minRam,
    minDisk: i.minDisk,
    metadata: { ...i.properties },
    created: i.createdAt,
    updated: i.updatedAt,
    status: STATUS[i.status] ?? 'UNKNOWN',
    progress: PROGRESS[i.status] ?? 0,
    'OS-EXT-IMG-SIZE:size': i.size,
    links: imageLinks(links, i.id),
  };
  const server = i.properties.instance_uuid;
  if (server !== undefined && server !== null) view.server = { id: server, links: links.pair('servers', server) };
  const adc = i.properties.auto_disk_config;
  if (adc !== undefined && adc !== null) view['OS-DCF:diskConfig'] = ['1', 't', 'true', 'on', 'y', 'yes'].includes(adc.trim().toLowerCase()) ? 'AUTO' : 'MANUAL';
  return view;
}

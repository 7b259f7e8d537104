// Resource provider representation (handlers/resource_provider.py _serialize_provider):
// links grow with the microversion; parent/root uuids from 1.14.
import type { Microversion } from '../../http/microversion.js';
import type { ProviderRow } from '../store/resource-providers-store.js';

export interface Link { rel: string; href: string }

export function providerUrl(linkPrefix: string, uuid: string): string {
  return `${linkPrefix}/resource_providers/${uuid}`;
}

export function providerLinks(linkPrefix: string, uuid: string, version: Microversion): Link[] {
  const url = providerUrl(linkPrefix, uuid);
  const rels = ['inventories', 'usages'];
  if (version.atLeast('1.1')) rels.push('aggregates');
  if (version.atLeast('1.6')) rels.push('traits');
  if (version.atLeast('1.11')) rels.push('allocations');
  return [{ rel: 'self', href: url }, ...rels.map((rel) => ({ rel, href: `${url}/${rel}` }))];
}

export function renderProvider(p: ProviderRow, linkPrefix: string, version: Microversion): Record<string, unknown> {
  const out: Record<string, unknown> = {
    uuid: p.uuid,
    name: p.name,
    generation: p.generation,
    links: providerLinks(linkPrefix, p.uuid, version),
  };
  if (version.atLeast('1.14')) {
    out.parent_provider_uuid = p.parent_provider_uuid;
    out.root_provider_uuid = p.root_provider_uuid;
  }
  return out;
}

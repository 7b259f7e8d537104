// Paging "next" links (views/builder ViewBuilder._get_collection_links): present when the page
// is full, pointing at the same query with marker = the last item's id.
import type { Link } from './links.js';

/** CONF.api.max_limit */
export const MAX_LIMIT = 1000;

/** `versioned` is the API root the request used (Links.versioned). */
export function collectionLinks(
  versioned: string, collection: string, query: Readonly<Record<string, string[]>>, count: number, lastId: string | null,
): Link[] {
  const asked = query.limit?.[0];
  const maxItems = Math.min(asked !== undefined ? Number.parseInt(asked, 10) || 0 : MAX_LIMIT, MAX_LIMIT);
  if (!maxItems || maxItems !== count || lastId === null) return [];
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    if (key === 'marker') continue;
    for (const v of query[key]!) params.append(key, v);
  }
  params.append('marker', lastId);
  return [{ rel: 'next', href: `${versioned}/${collection}?${params.toString()}` }];
}

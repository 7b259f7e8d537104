// Cinder's list paging (api/common.py ViewBuilder._get_collection_links and limited_by_marker):
// `marker` starts after that item, `limit` caps the page, and a full page carries a `next` link.
import { CinderErrors as E } from '../errors.js';
import type { BlockStorageCall } from './route-declaration.js';

const MAX_LIMIT = 1000; // osapi_max_limit

export function paged<T extends { id: string }>(call: BlockStorageCall, items: readonly T[], notFound: (marker: string) => Error): T[] {
  let out = [...items];
  const q = call.query;
  if (q.marker !== undefined) {
    const at = out.findIndex((x) => x.id === q.marker);
    if (at < 0) throw notFound(q.marker);
    out = out.slice(at + 1);
  }
  if (q.limit !== undefined) {
    const limit = Number(q.limit);
    if (!Number.isInteger(limit) || limit < 0) throw E.invalidInput('limit param must be an integer');
    out = out.slice(0, Math.min(limit, MAX_LIMIT));
  }
  return out.slice(0, MAX_LIMIT);
}

/** `<collection>_links` when the page is full: the same query with the last item as marker. */
export function collectionLinks(call: BlockStorageCall, collection: string, page: readonly { id: string }[]): { rel: string; href: string }[] | null {
  const limit = Math.min(call.query.limit !== undefined ? Number(call.query.limit) : MAX_LIMIT, MAX_LIMIT);
  if (!limit || page.length !== limit) return null;
  const params = new URLSearchParams(Object.entries(call.query).filter(([k]) => k !== 'marker'));
  params.set('limit', String(limit));
  params.set('marker', page[page.length - 1]!.id);
  const path = call.req.url.split('?')[0]!;
  return [{ rel: 'next', href: `${call.links.root}${path.slice(path.indexOf('/v3'))}?${params}` }];
}

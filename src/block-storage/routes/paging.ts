// Cinder's list paging (api/common.py ViewBuilder._get_collection_links and limited_by_marker):
// `marker` starts after that item, `limit` caps the page, and a full page carries a `next` link.
import { CinderErrors as E } from '../errors.js';
import type { BlockStorageCall } from './route-declaration.js';

const MAX_LIMIT = 1000; // osapi_max_limit

/**
 * cinder's list order (api/common.get_sort_params, db process_sort_params): `sort=k[:dir],...` or
 * the deprecated `sort_key`/`sort_dir` (not both), created_at desc by default; created_at and id
 * always close the order, in the first direction given. `value(item, key)` reads a sort key,
 * undefined for a key the model lacks (cinder lets oslo.db fail on it: a 400 here).
 */
export function sortedBy<T>(call: BlockStorageCall, items: readonly T[], value: (item: T, key: string) => unknown): T[] {
  const q = call.query;
  if (q.sort !== undefined && (q.sort_key !== undefined || q.sort_dir !== undefined)) {
    throw E.badRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
  }
  const keys: string[] = []; const dirs: string[] = [];
  if (q.sort !== undefined) {
    for (const part of q.sort.trim().split(',')) {
      const at = part.indexOf(':');
      keys.push((at < 0 ? part : part.slice(0, at)).trim());
      dirs.push((at < 0 ? '' : part.slice(at + 1)).trim() || 'desc');
    }
  } else {
    keys.push((q.sort_key ?? 'created_at').trim());
    dirs.push((q.sort_dir ?? 'desc').trim());
  }
  for (const d of dirs) if (d !== 'asc' && d !== 'desc') throw E.invalidInput("Unknown sort direction, must be 'desc' or 'asc'.");
  for (const k of ['created_at', 'id']) if (!keys.includes(k)) { keys.push(k); dirs.push(dirs[0]!); }
  for (const k of keys) if (items.length && value(items[0]!, k) === undefined) throw E.invalidInput(`Sort key supplied is invalid: ${k}`);
  const rank = (v: unknown): [number, unknown] => (v === null ? [0, 0] : [1, typeof v === 'boolean' ? Number(v) : v]);
  return [...items].sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const [na, va] = rank(value(a, keys[i]!)); const [nb, vb] = rank(value(b, keys[i]!));
      const c = na !== nb ? na - nb : va! < vb! ? -1 : va! > vb! ? 1 : 0;
      if (c !== 0) return dirs[i] === 'asc' ? c : -c;
    }
    return 0;
  });
}

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

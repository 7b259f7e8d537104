// Cinder's list paging (api/common.py ViewBuilder._get_collection_links and limited_by_marker):
// `marker` starts after that item, `limit` caps the page, and a full page carries a `next` link.
import { CinderErrors as E } from '../errors.js';
import type { BlockStorageCall } from './route-declaration.js';

const MAX_LIMIT = 1000; // osapi_max_limit
const DB_MAX_INT = 0x7fffffff;

/**
 * cinder's list order (api/common.get_sort_params, db process_sort_params): `sort=k[:dir],...` or
 * the deprecated `sort_key`/`sort_dir` (not both), created_at desc by default; created_at and id
 * always close the order, in the first direction given. `value(item, key)` reads a sort key,
 * undefined for a key the model lacks (cinder lets oslo.db fail on it: a 400 here).
 */
export function sortedBy<T>(call: BlockStorageCall, items: readonly T[], value: (item: T, key: string) => unknown, shape?: T): T[] {
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
  // the model's columns decide, rows or not (oslo.db refuses the key before the query runs): `shape`
  // stands for the model when the list is empty
  const model = items[0] ?? shape;
  for (const k of keys) if (model !== undefined && value(model, k) === undefined) throw E.invalidInput(`Sort key supplied is invalid: ${k}`);
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
  // get_pagination_params: offset (strutils.validate_integer, 0..DB_MAX_INT) skips from the marker or the start
  if (q.offset !== undefined) {
    const offset = /^\s*[-+]?\d+\s*$/.test(q.offset) ? Number(q.offset) : NaN;
    if (Number.isNaN(offset)) throw E.badRequest('offset must be an integer');
    if (offset < 0) throw E.badRequest('offset must be >= 0');
    if (offset > DB_MAX_INT) throw E.badRequest(`offset must be <= ${DB_MAX_INT}`);
    out = out.slice(offset);
  }
  if (q.limit !== undefined) {
    const limit = /^\s*[-+]?\d+\s*$/.test(q.limit) ? Number(q.limit) : NaN;
    if (Number.isNaN(limit)) throw E.badRequest('limit param must be an integer');
    if (limit < 0) throw E.badRequest('limit param must be positive');
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

// Neutron's list conventions (neutron/api/api_common.py + the tag extension): filters on any
// is_filter attribute (repeated keys = any of), tag filters, fields=, sort_key/sort_dir,
// limit/marker/page_reverse and the *_links they produce.
import type { AttributeMap } from './attributes.js';
import { pyRepr } from '../http/python/repr.js';
import { NeutronError, badRequest } from './errors.js';
import type { Doc } from './store/resources-store.js';

const SKIPS = new Set(['fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse', 'tags', 'tags-any', 'not-tags', 'not-tags-any']);

export interface ListQuery {
  readonly filters: ReadonlyMap<string, unknown[]>;
  readonly tagFilters: { all: string[]; any: string[]; notAll: string[]; notAny: string[] };
  readonly fields: string[];
  readonly sorts: [string, boolean][];
  readonly limit: number;
  readonly marker: string | null;
  readonly pageReverse: boolean;
}

export function parseListQuery(pairs: readonly (readonly [string, string])[], attrs: AttributeMap): ListQuery {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of pairs) { const l = byKey.get(k) ?? []; l.push(v); byKey.set(k, l); }
  const filters = new Map<string, unknown[]>();
  const invalid: string[] = [];
  for (const [key, raw] of byKey) {
    if (SKIPS.has(key)) continue;
    const a = attrs[key];
    if (!a?.filter) { invalid.push(key); continue; }
    // empty-string-filtering: '' is a value to match
    const vals = raw.map((v) => (a.convert && a.doc !== 'array' ? a.convert(v) : v));
    filters.set(key, vals);
  }
  if (invalid.length) throw badRequest(`${pyRepr(invalid)} is invalid attribute for filtering`);
  const listArg = (k: string) => (byKey.get(k) ?? []).filter((v) => v !== '');
  const sortKeys = listArg('sort_key');
  const sortDirs = listArg('sort_dir');
  if (sortKeys.length !== sortDirs.length) throw badRequest('The number of sort_keys and sort_dirs must be same');
  const absent = sortKeys.filter((k) => !attrs[k]?.sort);
  if (absent.length) throw badRequest(`${pyRepr(absent)} is invalid attribute for sort_keys`);
  const badDirs = sortDirs.filter((d) => d !== 'asc' && d !== 'desc');
  if (badDirs.length) throw badRequest(`${pyRepr(badDirs)} is invalid value for sort_dirs, valid value is 'asc' and 'desc'`);
  const lastOf = (k: string) => { const l = byKey.get(k); return l?.[l.length - 1]; };
  const limitRaw = lastOf('limit') ?? '0';
  if (!/^\s*[-+]?\d+\s*$/.test(limitRaw) || Number(limitRaw) < 0) {
    throw new NeutronError(400, 'BadRequest', `Bad limit request: Limit must be an integer 0 or greater and not '${limitRaw}'.`);
  }
  const tagList = (k: string) => listArg(k).flatMap((v) => v.split(',')).filter(Boolean);
  return {
    filters,
    tagFilters: { all: tagList('tags'), any: tagList('tags-any'), notAll: tagList('not-tags'), notAny: tagList('not-tags-any') },
    fields: listArg('fields'),
    sorts: sortKeys.map((k, i) => [k, sortDirs[i] === 'asc'] as [string, boolean]),
    limit: Number(limitRaw),
    marker: lastOf('marker') ?? null,
    pageReverse: (lastOf('page_reverse') ?? 'False').toLowerCase() === 'true',
  };
}

function matchesValue(actual: unknown, wanted: unknown[]): boolean {
  return wanted.some((w) => (actual === null || actual === undefined ? w === '' || w === null : String(actual) === String(w) || actual === w));
}

/** Does the resource match every filter (the DB query neutron builds)? */
export function matchesFilters(doc: Doc, q: ListQuery): boolean {
  for (const [key, wanted] of q.filters) {
    const actual = doc[key];
    if (key === 'fixed_ips') {
      // fixed_ips=ip_address=10.0.0.3&fixed_ips=subnet_id=...
      const ips = (actual as { ip_address: string; subnet_id: string }[] | undefined) ?? [];
      for (const w of wanted as string[]) {
        const [k, v] = w.split('=', 2) as [string, string | undefined];
        if (k === 'ip_address_substr') { if (!ips.some((f) => f.ip_address.includes(v ?? ''))) return false; continue; }
        if (!ips.some((f) => (f as unknown as Record<string, string>)[k] === v)) return false;
      }
      continue;
    }
    if (Array.isArray(actual)) {
      if (!wanted.some((w) => (actual as unknown[]).some((a) => String(a) === String(w)))) return false;
      continue;
    }
    if (!matchesValue(actual, wanted)) return false;
  }
  const tags = (doc.tags as string[] | undefined) ?? [];
  const t = q.tagFilters;
  if (t.all.length && !t.all.every((x) => tags.includes(x))) return false;
  if (t.any.length && !t.any.some((x) => tags.includes(x))) return false;
  if (t.notAll.length && t.notAll.every((x) => tags.includes(x))) return false;
  if (t.notAny.length && t.notAny.some((x) => tags.includes(x))) return false;
  return true;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a); const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export interface Page {
  readonly items: Doc[];
  readonly links: { rel: string; href: string }[] | null;
}

/**
 * Sort and paginate as neutron's native sorting/pagination: with a limit the order is
 * the sort keys then id; the marker is the id of the last item seen.
 */
export function paginate(items: Doc[], q: ListQuery, selfUrl: string, pairs: readonly (readonly [string, string])[]): Page {
  const sorts = [...q.sorts];
  if (q.limit > 0 && !sorts.some(([k]) => k === 'id')) sorts.push(['id', true]);
  let list = items;
  if (sorts.length) {
    const effective = q.pageReverse ? sorts.map(([k, asc]) => [k, !asc] as [string, boolean]) : sorts;
    list = [...items].sort((x, y) => {
      for (const [k, asc] of effective) { const c = compare(x[k], y[k]); if (c) return asc ? c : -c; }
      return 0;
    });
  }
  if (!q.limit) return { items: list, links: null };
  if (q.marker !== null) {
    const at = list.findIndex((d) => d.id === q.marker);
    if (at >= 0) list = list.slice(at + 1);
  }
  let page = list.slice(0, q.limit);
  if (q.pageReverse) page = page.reverse();
  const links: { rel: string; href: string }[] = [];
  const build = (marker: string | undefined, reverse: boolean) => {
    const params = pairs.filter(([k]) => k !== 'marker' && k !== 'page_reverse').map(([k, v]) => [k, v] as [string, string]);
    if (marker !== undefined) params.push(['marker', marker]);
    if (reverse) params.push(['page_reverse', 'True']);
    return `${selfUrl}?${new URLSearchParams(params).toString()}`;
  };
  if (!(page.length < q.limit && !q.pageReverse)) links.push({ rel: 'next', href: build(page[page.length - 1]?.id, false) });
  if (!(page.length < q.limit && q.pageReverse)) links.push({ rel: 'previous', href: build(page[0]?.id, true) });
  return { items: page, links };
}

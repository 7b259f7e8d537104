// GET /v2/images: glance's RequestDeserializer.index (query parsing and its 400s) and the
// sqlalchemy image_get_all (visibility, filters, sort with created_at/id tie-breakers, marker
// and limit), as pure functions over the live image records.
import type { ImageRecord, ImageRow } from './store/images-store.js';
import type { MemberRow } from './store/members-store.js';
import { explained } from './image-error.js';

export interface ImageCaller {
  /** context.owner: the project, or null (no project, e.g. a system-scoped admin) */
  readonly owner: string | null;
  readonly isAdmin: boolean;
}

const SORT_KEYS = ['name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at'] as const;
type SortKey = (typeof SORT_KEYS)[number] | 'created_at' | 'id';
const BASE_FILTERS = new Set(['name', 'id', 'status', 'container_format', 'disk_format', 'owner', 'checksum', 'os_hash_value',
  'protected', 'os_hidden', 'min_ram', 'min_disk', 'size', 'virtual_size', 'created_at', 'updated_at', 'visibility']);
const LIMIT_DEFAULT = 25;
const LIMIT_MAX = 1000;

export interface ListQuery {
  limit: number;
  marker: string | null;
  memberStatus: 'pending' | 'accepted' | 'rejected' | 'all';
  tags: string[];
  visibility: string | null;
  sortKeys: SortKey[];
  sortDirs: ('asc' | 'desc')[];
  filters: [string, string][];
}

/** RequestDeserializer.index: the query pairs (in order, repeated keys kept) to a ListQuery. */
export function parseListQuery(pairs: readonly (readonly [string, string])[]): ListQuery {
  const params = [...pairs];
  const take = (key: string): string[] => {
    const out: string[] = [];
    for (let i = params.length - 1; i >= 0; i--) if (params[i]![0] === key) { out.unshift(params[i]![1]); params.splice(i, 1); }
    return out;
  };
  // webob's MultiDict.pop answers the last value for a repeated key
  const last = (key: string): string | undefined => take(key).at(-1);
  const limitRaw = last('limit');
  const marker = last('marker') ?? null;
  const memberStatus = last('member_status') ?? 'accepted';
  const tags = take('tag').map((t) => t.trim());
  let limit = LIMIT_DEFAULT;
  if (limitRaw !== undefined) {
    if (!/^\s*[+-]?\d+\s*$/.test(limitRaw)) throw explained(400, 'limit param must be an integer');
    limit = Number(limitRaw);
    if (limit < 0) throw explained(400, 'limit param must be positive');
  }
  limit = Math.min(limit, LIMIT_MAX);
  if (!['pending', 'accepted', 'rejected', 'all'].includes(memberStatus)) throw explained(400, `Invalid status: ${memberStatus}`);
  const sortKeys: SortKey[] = [];
  const sortDirs: ('asc' | 'desc')[] = [];
  const checkKey = (k: string): SortKey => {
    if (!(SORT_KEYS as readonly string[]).includes(k)) {
      throw explained(400, `Invalid sort key: ${k}. It must be one of the following: ${SORT_KEYS.join(', ')}.`);
    }
    return k as SortKey;
  };
  const checkDir = (d: string): 'asc' | 'desc' => {
    if (d !== 'asc' && d !== 'desc') throw explained(400, `Invalid sort direction: ${d}`);
    return d;
  };
  const sort = last('sort');
  if (sort !== undefined) {
    if (params.some(([k]) => k === 'sort_key' || k === 'sort_dir')) throw explained(400, 'Old and new sorting syntax cannot be combined');
    for (const part of sort.trim().split(',')) {
      const sep = part.indexOf(':');
      const key = sep < 0 ? part : part.slice(0, sep);
      const dir = sep < 0 ? '' : part.slice(sep + 1);
      sortKeys.push(checkKey(key.trim()));
      sortDirs.push(checkDir(dir ? dir.trim() : 'desc'));
    }
  } else {
    for (const k of take('sort_key')) sortKeys.push(checkKey(k.trim()));
    for (const d of take('sort_dir')) sortDirs.push(checkDir(d.trim()));
    if (sortDirs.length > 1 && sortDirs.length !== sortKeys.length) throw explained(400, 'Number of sort dirs does not match the number of sort keys');
  }
  // what is left are the filters (dict(req.params): the last value of a key wins)
  const filters = new Map<string, string>();
  for (const [k, v] of params) filters.set(k, v);
  const visibility = filters.get('visibility') ?? null;
  if (visibility && !['community', 'public', 'private', 'shared', 'all'].includes(visibility)) {
    throw explained(400, `Invalid visibility value: ${visibility}`);
  }
  if (filters.get('changes-since')) throw explained(400, 'The "changes-since" filter is no longer available on v2.');
  filters.delete('visibility');
  return { limit, marker, memberStatus: memberStatus as ListQuery['memberStatus'], tags, visibility: visibility || null, sortKeys, sortDirs, filters: [...filters] };
}

/** utils.split_filter_op: 'gte:2' -> ['gte', '2']; no known operator -> ['eq', value]. */
function splitOp(value: string): [string, string] {
  const sep = value.indexOf(':');
  if (sep > 0) {
    const op = value.slice(0, sep);
    if (['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in'].includes(op)) return [op, value.slice(sep + 1)];
  }
  return ['eq', value];
}

/** utils.split_filter_value_for_quotes: comma-separated, with "quoted, values". */
function splitIn(list: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(list)) !== null) {
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!.trim());
    if (m.index + m[0].length >= list.length) break;
  }
  return out;
}

function isoOrThrow(key: string, v: string): number {
  const t = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v) ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : /Z|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`) : NaN;
  if (Number.isNaN(t)) throw explained(400, `Bad "${key}" query filter format. Use ISO 8601 DateTime notation.`);
  return t;
}

function compare(op: string, a: number | string, b: number | string): boolean {
  switch (op) {
    case 'gt': return a > b;
    case 'gte': return a >= b;
    case 'lt': return a < b;
    case 'lte': return a <= b;
    case 'neq': return a !== b;
    default: return a === b;
  }
}

const boolFilter = (v: string): boolean | null => {
  const s = v.trim().toLowerCase();
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(s)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(s)) return false;
  return null;
};

/** One filter as a predicate (sqlalchemy _make_conditions_from_filters). */
function filterPredicate(key: string, value: string): (i: ImageRecord) => boolean {
  if (key.endsWith('_min') || key.endsWith('_max')) {
    const col = key.slice(0, -4) as keyof ImageRow;
    if (!/^\s*[+-]?\d+\s*$/.test(value)) throw explained(400, 'Unable to filter on a range with a non-numeric value.');
    const n = Number(value);
    return key.endsWith('_min') ? (i) => (i[col] as number | null) !== null && (i[col] as number) >= n : (i) => (i[col] as number | null) !== null && (i[col] as number) <= n;
  }
  if (key === 'created_at' || key === 'updated_at') {
    const [op, iso] = splitOp(value);
    const t = isoOrThrow(key, iso);
    return (i) => compare(op, Date.parse(i[key]), t);
  }
  if (['name', 'id', 'status', 'container_format', 'disk_format'].includes(key)) {
    const [op, v] = splitOp(value);
    if (op === 'in') { const set = new Set(splitIn(v)); return (i) => set.has(String(i[key as keyof ImageRow])); }
    if (op !== 'eq') throw explained(400, `Unable to filter by unknown operator '${op}'.`);
    return (i) => i[key as keyof ImageRow] === v;
  }
  if (key === 'protected' || key === 'os_hidden') {
    const b = boolFilter(value);
    return (i) => i[key] === b;
  }
  if (key === 'size' || key === 'virtual_size' || key === 'min_ram' || key === 'min_disk') {
    return (i) => String(i[key]) === value;
  }
  if (BASE_FILTERS.has(key)) return (i) => i[key as keyof ImageRow] === value;
  // anything else is an extra property
  return (i) => Object.hasOwn(i.properties, key) && i.properties[key] === value;
}

function sortValue(i: ImageRecord, key: SortKey): string | number | null {
  return i[key] as string | number | null;
}

/** SQL ordering: NULL first ascending, last descending. */
function cmp(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Whether the caller sees this image at all (glance's visibility rules for one image). */
export function canSee(i: ImageRow, caller: ImageCaller, members: (imageId: string) => MemberRow | undefined): boolean {
  if (caller.isAdmin) return true;
  if (i.visibility === 'public' || i.visibility === 'community') return true;
  if (caller.owner !== null && i.owner === caller.owner) return true;
  return i.visibility === 'shared' && caller.owner !== null && members(i.id) !== undefined;
}

export interface ListResult {
  images: ImageRecord[];
  nextMarker: string | null;
}

export function listImages(all: readonly ImageRecord[], q: ListQuery, caller: ImageCaller, memberships: readonly MemberRow[]): ListResult {
  const mine = new Map(memberships.map((m) => [m.image_id, m]));
  let rows = all.filter((i) => {
    if (caller.isAdmin) return true;
    if (i.visibility === 'public' || i.visibility === 'community') return true;
    if (caller.owner !== null && i.owner === caller.owner) return true;
    const m = mine.get(i.id);
    return i.visibility === 'shared' && m !== undefined && (q.memberStatus === 'all' || m.status === q.memberStatus);
  });
  if (q.visibility !== null) {
    if (q.visibility !== 'all') rows = rows.filter((i) => i.visibility === q.visibility);
  } else if (caller.owner === null) {
    rows = rows.filter((i) => i.visibility !== 'community');
  } else {
    rows = rows.filter((i) => i.owner === caller.owner || i.visibility !== 'community');
  }
  const filters = [...q.filters];
  // hidden images are left out unless asked for (glance's index default os_hidden=False)
  if (!filters.some(([k]) => k === 'os_hidden')) filters.push(['os_hidden', 'false']);
  for (const [k, v] of filters) rows = rows.filter(filterPredicate(k, v));
  for (const t of q.tags) rows = rows.filter((i) => i.tags.includes(t));

  const keys = [...q.sortKeys];
  const dirs = [...q.sortDirs];
  if (!keys.length) keys.push('created_at');
  const defaultDir = dirs.length === 1 ? dirs[0]! : 'desc';
  while (dirs.length < keys.length) dirs.push(defaultDir);
  for (const k of ['created_at', 'id'] as const) if (!keys.includes(k)) { keys.push(k); dirs.push(defaultDir); }
  const order = (a: ImageRecord, b: ImageRecord): number => {
    for (let n = 0; n < keys.length; n++) {
      const c = cmp(sortValue(a, keys[n]!), sortValue(b, keys[n]!));
      if (c !== 0) return dirs[n] === 'desc' ? -c : c;
    }
    return 0;
  };
  rows.sort(order);
  if (q.marker !== null) {
    const markerImage = all.find((i) => i.id === q.marker && canSee(i, caller, (id) => mine.get(id)));
    if (!markerImage) throw explained(400, `No image found with ID ${q.marker}`);
    rows = rows.filter((i) => order(i, markerImage) > 0);
  }
  const page = rows.slice(0, q.limit);
  return { images: page, nextMarker: page.length !== 0 && page.length === q.limit ? page[page.length - 1]!.id : null };
}

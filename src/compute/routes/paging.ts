// limit/marker paging over an already sorted list (nova common.get_limit_and_marker and the
// DB layer's marker lookup). Query values are lists; webob's params.get() takes the last one.
import { ApiError } from '../../http/api-error.js';
import { MAX_LIMIT } from '../views/collection-links.js';

export function lastParam(query: Readonly<Record<string, string[]>>, name: string): string | undefined {
  const values = query[name];
  return values && values.length > 0 ? values[values.length - 1] : undefined;
}

/** get_limit_and_marker's limit: min(limit, max_limit), 400 when not a non-negative integer. */
export function pageLimit(query: Readonly<Record<string, string[]>>): number {
  const limitText = lastParam(query, 'limit');
  if (limitText === undefined) return MAX_LIMIT;
  const n = Number.parseInt(limitText, 10);
  if (!/^-?\d+$/.test(limitText.trim()) || Number.isNaN(n)) throw new ApiError(400, null, 'limit param must be an integer');
  if (n < 0) throw new ApiError(400, null, 'limit param must be positive');
  return Math.min(n, MAX_LIMIT);
}

export interface Page<T> {
  items: T[];
}

/**
 * Items after `marker` (by id), at most min(limit, max_limit). `markerMessage` is the 400 text
 * when the marker is unknown (flavors: "marker [x] not found", servers: "marker [x] not found").
 */
export function paginate<T>(
  all: readonly T[], idOf: (t: T) => string, query: Readonly<Record<string, string[]>>,
  notFound: (marker: string) => ApiError,
): T[] {
  const limit = pageLimit(query);
  const marker = lastParam(query, 'marker');
  let start = 0;
  if (marker !== undefined) {
    const at = all.findIndex((t) => idOf(t) === marker);
    if (at < 0) throw notFound(marker);
    start = at + 1;
  }
  return all.slice(start, start + limit);
}

// From 1.15 reads carry Last-Modified (the newest created/updated time of what is shown, or
// now for computed data) and Cache-Control: no-cache.
import type { Microversion } from '../../http/microversion.js';

export function cacheHeaders(version: Microversion, lastModified: Date): Record<string, string> {
  if (!version.atLeast('1.15')) return {};
  return { 'cache-control': 'no-cache', 'last-modified': httpDate(lastModified) };
}

/** RFC 7231 date, second precision. */
export function httpDate(d: Date): string {
  return d.toUTCString();
}

/** Newest of several SQL timestamps (ISO text), or `fallback` when there is none. */
export function newestTimestamp(stamps: readonly (string | null | undefined)[], fallback: Date): Date {
  let best: number | null = null;
  for (const s of stamps) {
    if (!s) continue;
    const t = Date.parse(s);
    if (!Number.isNaN(t) && (best === null || t > best)) best = t;
  }
  return best === null ? fallback : new Date(best);
}

// Injected id source: random by default, seedable for deterministic tests.
import { randomUUID } from 'node:crypto';

export interface IdSource {
  uuid(): string;
  /** `req-<uuid>` as Nova and Placement name request ids. */
  requestId(): string;
}

export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  requestId: () => `req-${randomUUID()}`,
};

/** Deterministic v4-shaped uuids from a seed (mulberry32). */
export function seededIds(seed: number): IdSource {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0);
  };
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const uuid = () => {
    const h = hex(next()) + hex(next()) + hex(next()) + hex(next());
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[next() % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { uuid, requestId: () => `req-${uuid()}` };
}

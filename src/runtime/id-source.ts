// Injected id source: random by default, seedable for deterministic tests.
import { randomUUID } from 'node:crypto';
import { mulberry32 } from './seeded-random.js';

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
  const next = mulberry32(seed);
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const uuid = () => {
    const h = hex(next()) + hex(next()) + hex(next()) + hex(next());
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[next() % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { uuid, requestId: () => `req-${uuid()}` };
}

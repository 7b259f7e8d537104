// SQL for keypairs (nova/objects/keypair.py). Fingerprint/key generation belongs to the API layer.
import type { Db } from '../db/open-database.js';
import type { KeypairRecord } from './records.js';

interface KeypairRow { id: number; name: string; user_id: string; fingerprint: string; public_key: string; type: string; created_at: string }

export function createKeypairsStore(db: Db, now: () => string) {
  const get = db.prepare('SELECT * FROM keypairs WHERE user_id = ? AND name = ?');
  const list = db.prepare('SELECT * FROM keypairs WHERE user_id = ? ORDER BY name');
  const count = db.prepare('SELECT COUNT(*) FROM keypairs WHERE user_id = ?');
  const insert = db.prepare('INSERT INTO keypairs (name, user_id, fingerprint, public_key, type, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const del = db.prepare('DELETE FROM keypairs WHERE user_id = ? AND name = ?');
  const toRecord = (r: KeypairRow): KeypairRecord => ({
    id: r.id, name: r.name, userId: r.user_id, fingerprint: r.fingerprint, publicKey: r.public_key, type: r.type, createdAt: r.created_at,
  });
  return {
    get(userId: string, name: string): KeypairRecord | null {
      const r = get.get(userId, name) as KeypairRow | undefined;
      return r ? toRecord(r) : null;
    },
    list: (userId: string): KeypairRecord[] => (list.all(userId) as KeypairRow[]).map(toRecord),
    count: (userId: string): number => count.pluck().get(userId) as number,
    /** Returns null when (user, name) exists already. */
    create(k: { userId: string; name: string; fingerprint: string; publicKey: string; type: string }): KeypairRecord | null {
      if (get.get(k.userId, k.name)) return null;
      insert.run(k.name, k.userId, k.fingerprint, k.publicKey, k.type, now());
      return toRecord(get.get(k.userId, k.name) as KeypairRow);
    },
    delete: (userId: string, name: string): boolean => del.run(userId, name).changes === 1,
  };
}

export type KeypairsStore = ReturnType<typeof createKeypairsStore>;

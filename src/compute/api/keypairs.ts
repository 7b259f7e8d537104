// Key pair writes (nova/compute/api.py KeypairAPI create_key_pair / import_key_pair /
// delete_key_pair): the key_pairs quota, the material (imported and fingerprinted, or
// generated), the duplicate and not-found answers.
import { ApiError } from '../../http/api-error.js';
import type { KeypairRecord } from '../../compute-db/records.js';
import type { ApiContext } from './api-context.js';
import { generateSshKeyPair, sshFingerprint, x509Fingerprint } from './keypair-material.js';
import { generateX509KeyPair } from './x509-keypair.js';

export interface NewKeypair {
  /** The project whose key_pairs quota applies (the caller's). */
  projectId: string;
  userId: string;
  name: string;
  type: string;
  /** Imported; undefined: generated (the private key is answered once). */
  publicKey?: string;
}

export interface KeypairsApi {
  create(req: NewKeypair): Promise<{ keypair: KeypairRecord; privateKey?: string }>;
  delete(userId: string, name: string): void;
}

export const keypairNotFound = (name: string, user: string) => new ApiError(404, null, `Keypair ${name} not found for user ${user}`);

export function createKeypairsApi(c: ApiContext): KeypairsApi {
  const keypairs = c.store.keypairs;
  return {
    async create(req) {
      const { userId: user, name, type } = req;
      const limit = c.store.quotas.limits(req.projectId, user).key_pairs ?? -1;
      if (limit >= 0 && keypairs.count(user) + 1 > limit) throw new ApiError(403, null, 'Quota exceeded, too many key pairs.');
      let material: { publicKey: string; fingerprint: string; privateKey?: string };
      if (req.publicKey !== undefined) {
        material = { publicKey: req.publicKey, fingerprint: type === 'x509' ? x509Fingerprint(req.publicKey) : sshFingerprint(req.publicKey) };
      } else if (type === 'ssh') {
        material = generateSshKeyPair(`Generated-by-Nova`);
      } else {
        material = await generateX509KeyPair(user, c.engine.runtime.clock.now());
      }
      const made = keypairs.create({ userId: user, name, fingerprint: material.fingerprint, publicKey: material.publicKey, type });
      if (!made) throw new ApiError(409, null, `Key pair '${name}' already exists.`);
      return { keypair: made, ...(material.privateKey !== undefined ? { privateKey: material.privateKey } : {}) };
    },
    delete(userId, name) {
      if (!keypairs.delete(userId, name)) throw keypairNotFound(name, userId);
    },
  };
}

// Password and application-credential secret hashing: bcrypt, as keystone's default
// password_hash_algorithm. Rounds are kept at bcrypt's minimum (keystone-live runs with
// password_hash_rounds = 4 too): a test double signs in thousands of times per suite.
import bcrypt from 'bcryptjs';

const ROUNDS = 4;
/** keystone [identity] max_password_length; bcrypt itself reads only the first 72 bytes. */
export const MAX_PASSWORD_LENGTH = 4096;

export function hashPassword(password: string): string {
  return bcrypt.hashSync(password, ROUNDS);
}

// The default seed's password (ADMIN_PASSWORD's default) hashed ahead of time: bcryptjs's first
// hash runs cold code, 0.1-0.4 s of the start-up's CPU, spent before listening. A bcrypt hash
// carries its salt, so checkPassword needs nothing else; seeded users share that salt, which
// no API shows. Created users and other passwords are hashed (salted) as usual.
const SEED_HASHES: ReadonlyMap<string, string> = new Map([['secret', '$2b$04$Cbh6VBkpKJoRE35erfNBQO7COAptKC21MjMEMzGuUfaK5zcwrfM8.']]);

/** hashPassword for the seed's users: the precomputed hash of the default password. */
export function hashSeedPassword(password: string): string {
  return SEED_HASHES.get(password) ?? hashPassword(password);
}

export function checkPassword(password: string, hash: string | null): boolean {
  return hash !== null && bcrypt.compareSync(password, hash);
}

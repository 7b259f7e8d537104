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

export function checkPassword(password: string, hash: string | null): boolean {
  return hash !== null && bcrypt.compareSync(password, hash);
}

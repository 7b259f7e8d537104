import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword, hashSeedPassword } from '../../../src/identity/passwords.js';

describe('seed password hashes', () => {
  it('the precomputed hash of the default password checks like a fresh one', () => {
    const seeded = hashSeedPassword('secret');
    expect(seeded).toMatch(/^\$2[ab]\$04\$/);
    expect(checkPassword('secret', seeded)).toBe(true);
    expect(checkPassword('Secret', seeded)).toBe(false);
    expect(checkPassword('secret', hashPassword('secret'))).toBe(true);
  });

  it('any other password is hashed with a salt of its own', () => {
    const a = hashSeedPassword('wonderland');
    const b = hashSeedPassword('wonderland');
    expect(a).not.toBe(b);
    expect(checkPassword('wonderland', a)).toBe(true);
    expect(checkPassword('secret', a)).toBe(false);
  });
});

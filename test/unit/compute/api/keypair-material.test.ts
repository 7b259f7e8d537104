// Imported public keys are loaded as nova's crypto.generate_fingerprint loads them (pyca
// cryptography's load_ssh_public_key): whole, valid keys of the type they name. The cases
// were answered alike by the real Nova (201 for the keys, the 400 for each broken one).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { generateSshKeyPair, sshFingerprint } from '../../../../src/compute/api/keypair-material.js';

const str = (b: Buffer | string) => {
  const body = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
};
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex').match(/../g)!.join(':');
const INVALID = 'Keypair data is invalid: failed to generate fingerprint';

function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const x = Buffer.from((publicKey.export({ format: 'jwk' }) as { x: string }).x, 'base64url');
  return Buffer.concat([str('ssh-ed25519'), str(x)]);
}
function ecdsaBlob(curve: 'P-256' | 'P-384' | 'P-521', name: string): Buffer {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return Buffer.concat([str(`ecdsa-sha2-${name}`), str(name), str(point)]);
}
const rejected = (key: string) => {
  try { sshFingerprint(key); } catch (err) { return (err as Error).message; }
  return 'accepted';
};

describe('sshFingerprint', () => {
  test('valid RSA, Ed25519 and ECDSA keys give the md5 of their blob (comment optional)', () => {
    const rsa = generateSshKeyPair('c');
    expect(sshFingerprint(rsa.publicKey)).toBe(rsa.fingerprint);
    expect(sshFingerprint(rsa.publicKey.split(' ').slice(0, 2).join(' '))).toBe(rsa.fingerprint);
    const ed = ed25519Blob();
    expect(sshFingerprint(`ssh-ed25519 ${ed.toString('base64')} me@host`)).toBe(md5(ed));
    for (const [crv, name] of [['P-256', 'nistp256'], ['P-384', 'nistp384'], ['P-521', 'nistp521']] as const) {
      const ec = ecdsaBlob(crv, name);
      expect(sshFingerprint(`ecdsa-sha2-${name} ${ec.toString('base64')}`)).toBe(md5(ec));
    }
  });

  test('broken keys are InvalidKeypair', () => {
    const [type, b64] = generateSshKeyPair('c').publicKey.split(' ') as [string, string];
    const blob = Buffer.from(b64, 'base64');
    expect(rejected(`${type} ${Buffer.concat([blob, str('x')]).toString('base64')}`)).toBe(INVALID); // trailing data
    expect(rejected(`${type} ${blob.subarray(0, blob.length - 10).toString('base64')}`)).toBe(INVALID); // truncated
    expect(rejected(`ssh-dss ${b64}`)).toBe(INVALID); // names another type
    expect(rejected(`${type} ${b64.slice(0, -3)}!!!`)).toBe(INVALID);
    expect(rejected(`ssh-ed25519 ${Buffer.concat([str('ssh-ed25519'), str(Buffer.alloc(16, 1))]).toString('base64')}`)).toBe(INVALID);
    // a point that is not on the curve
    const ec = ecdsaBlob('P-256', 'nistp256');
    ec[ec.length - 1] ^= 0xff;
    expect(rejected(`ecdsa-sha2-nistp256 ${ec.toString('base64')}`)).toBe(INVALID);
    // security-key types: Debian's cryptography 38 cannot load them, so nova refuses them
    expect(rejected('sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIEX/dQ0v4127bEo8eeG1EV0ApO2lWbSAn6ZLbxs+dcIYAAAABHNzaDo= c')).toBe(INVALID);
  });
});

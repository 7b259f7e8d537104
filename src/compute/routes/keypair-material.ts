// Key material for os-keypairs (nova/crypto.py): the fingerprint of an imported key, and a
// generated RSA key pair in OpenSSH form for the pre-2.92 "create without public_key".
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { ApiError } from '../../http/api-error.js';

const SSH_TYPES = new Set(['ssh-rsa', 'ssh-dss', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com']);

const invalid = () => new ApiError(400, null, 'Keypair data is invalid: failed to generate fingerprint');
const colons = (hex: string) => hex.match(/../g)!.join(':');

/** crypto.generate_fingerprint: md5 of the key blob, after checking it is an OpenSSH key. */
export function sshFingerprint(publicKey: string): string {
  const [type, b64] = publicKey.trim().split(/\s+/);
  if (!type || !b64 || !SSH_TYPES.has(type) || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw invalid();
  const blob = Buffer.from(b64, 'base64');
  // the blob starts with its own type as an SSH string
  if (blob.length < 4) throw invalid();
  const n = blob.readUInt32BE(0);
  if (blob.length < 4 + n || blob.subarray(4, 4 + n).toString('latin1') !== type) throw invalid();
  return colons(createHash('md5').update(blob).digest('hex'));
}

/** crypto.generate_x509_fingerprint: sha1 of the certificate, colon-separated lowercase hex. */
export function x509Fingerprint(pem: string): string {
  try {
    return new X509Certificate(pem).fingerprint.toLowerCase();
  } catch {
    throw new ApiError(400, null, 'Keypair data is invalid: failed to generate X509 fingerprint. Error message: Unable to load PEM file. '
      + 'See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file for more details. MalformedFraming');
  }
}

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** An SSH mpint: big-endian, with a leading zero when the high bit is set. */
function mpint(b64url: string): Buffer {
  let b = Buffer.from(b64url, 'base64url');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return sshString(b);
}

/** crypto.generate_key_pair: an RSA key, its OpenSSH public key and fingerprint. */
export function generateSshKeyPair(comment: string): { privateKey: string; publicKey: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(jwk.e), mpint(jwk.n)]);
  const openssh = `ssh-rsa ${blob.toString('base64')} ${comment}`;
  return {
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
    publicKey: openssh,
    fingerprint: colons(createHash('md5').update(blob).digest('hex')),
  };
}

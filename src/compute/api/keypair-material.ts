// Key material for os-keypairs (nova/crypto.py): the fingerprint of an imported key, and a
// generated RSA key pair in OpenSSH form for the pre-2.92 "create without public_key".
import { createHash, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { ApiError } from '../../http/api-error.js';

const invalid = () => new ApiError(400, null, 'Keypair data is invalid: failed to generate fingerprint');
const colons = (hex: string) => hex.match(/../g)!.join(':');

/** Reads SSH wire-format strings off a key blob; any overrun is an invalid key. */
class WireReader {
  private at = 0;
  constructor(private readonly b: Buffer) {}
  string(): Buffer {
    if (this.at + 4 > this.b.length) throw invalid();
    const n = this.b.readUInt32BE(this.at);
    if (this.at + 4 + n > this.b.length) throw invalid();
    const out = this.b.subarray(this.at + 4, this.at + 4 + n);
    this.at += 4 + n;
    return out;
  }
  get done(): boolean { return this.at === this.b.length; }
}

/** An SSH mpint as unsigned base64url for a JWK (positive, no sign byte). */
function jwkInt(m: Buffer): string {
  if (m.length === 0 || m[0]! & 0x80) throw invalid();
  let i = 0;
  while (i < m.length - 1 && m[i] === 0) i++;
  return m.subarray(i).toString('base64url');
}

const CURVES: Record<string, { crv: string; size: number }> = {
  nistp256: { crv: 'P-256', size: 32 }, nistp384: { crv: 'P-384', size: 48 }, nistp521: { crv: 'P-521', size: 66 },
};

/**
 * serialization.load_ssh_public_key as nova calls it: the blob must be a whole, valid key of the
 * type it names (RSA/EC keys are checked by loading them; no trailing data; no sk- keys, which
 * Debian's cryptography 38 does not load).
 */
function checkKeyBlob(type: string, blob: Buffer): void {
  const r = new WireReader(blob);
  if (r.string().toString('latin1') !== type) throw invalid();
  try {
    if (type === 'ssh-rsa') {
      const e = r.string();
      const n = r.string();
      createPublicKey({ key: { kty: 'RSA', e: jwkInt(e), n: jwkInt(n) }, format: 'jwk' });
    } else if (type === 'ssh-dss') {
      for (let i = 0; i < 4; i++) jwkInt(r.string());
    } else if (type === 'ssh-ed25519') {
      if (r.string().length !== 32) throw invalid();
    } else if (type.startsWith('ecdsa-sha2-')) {
      const curve = CURVES[type.slice('ecdsa-sha2-'.length)];
      if (!curve || r.string().toString('latin1') !== type.slice('ecdsa-sha2-'.length)) throw invalid();
      const point = r.string();
      if (point.length !== 1 + 2 * curve.size || point[0] !== 4) throw invalid();
      const x = point.subarray(1, 1 + curve.size).toString('base64url');
      const y = point.subarray(1 + curve.size).toString('base64url');
      createPublicKey({ key: { kty: 'EC', crv: curve.crv, x, y }, format: 'jwk' });
    } else {
      throw invalid();
    }
  } catch {
    throw invalid();
  }
  if (!r.done) throw invalid();
}

/** crypto.generate_fingerprint: md5 of the key blob, after loading it as an OpenSSH key. */
export function sshFingerprint(publicKey: string): string {
  const [type, b64] = publicKey.trim().split(/\s+/);
  if (!type || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw invalid();
  const blob = Buffer.from(b64, 'base64');
  checkKeyBlob(type, blob);
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

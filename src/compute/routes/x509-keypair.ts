// crypto.generate_winrm_x509_cert: what nova makes for `POST /os-keypairs {"type": "x509"}`
// without a public key. Nova runs `openssl req -x509 -days 3650 -newkey rsa:2048 -subj
// /CN=<user>` with extendedKeyUsage clientAuth and a UPN subjectAltName (<user>@localhost),
// then `openssl pkcs12 -export -password pass:` over the key: the private key is that PKCS#12
// (empty password) in base64, the public key the PEM certificate, the fingerprint its SHA-1.
// The RSA key and the signature come from node:crypto (off the event loop / native), the
// certificate and PKCS#12 structures from node-forge.
import { generateKeyPair, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
import type Forge from 'node-forge';
import { x509Fingerprint } from './keypair-material.js';

const generateRsa = promisify(generateKeyPair);
const UPN_OID = '1.3.6.1.4.1.311.20.2.3';
/** subjectAltName = otherName:1.3.6.1.4.1.311.20.2.3;UTF8:<upn>, as DER. */
function upnAltName(forge: typeof Forge, upn: string): string {
  const asn1 = forge.asn1;
  const otherName = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(UPN_OID).getBytes()),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, forge.util.encodeUtf8(upn)),
    ]),
  ]);
  return asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [otherName])).getBytes();
}

export async function generateX509KeyPair(userId: string, now: Date): Promise<{ privateKey: string; publicKey: string; fingerprint: string }> {
  const { privateKey, publicKey } = await generateRsa('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  // node-forge (600 kB) is loaded by the first x509 keypair, not at start-up
  const { default: forge } = await import('node-forge');
  const asn1 = forge.asn1;
  /** pki.getTBSCertificate exists in node-forge but not in its type declarations. */
  const getTbsCertificate = (forge.pki as unknown as { getTBSCertificate(c: Forge.pki.Certificate): Forge.asn1.Asn1 }).getTBSCertificate;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // a positive 20-byte serial, as openssl picks
  const serial = randomBytes(20);
  serial[0]! &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + 3650 * 86_400_000);
  const name = [{ shortName: 'CN', value: userId }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'extKeyUsage', clientAuth: true },
    { id: '2.5.29.17', name: 'subjectAltName', value: upnAltName(forge, `${userId}@localhost`) },
    { name: 'subjectKeyIdentifier' },
  ]);
  // sign natively: forge's own RSA would hold the event loop for tens of milliseconds
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption!;
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption!;
  const tbs = Buffer.from(asn1.toDer(getTbsCertificate(cert)).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, privateKey).toString('binary');
  const pem = forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
  const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(privateKey), cert, '', { algorithm: 'aes256', count: 2048 });
  return {
    privateKey: Buffer.from(asn1.toDer(p12).getBytes(), 'binary').toString('base64'),
    publicKey: pem,
    fingerprint: x509Fingerprint(pem),
  };
}

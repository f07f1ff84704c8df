/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1 / localhost, made with
 * node:crypto alone so `fargate-fit demo` needs no dev dependency at run time.
 *
 * Node has no API that writes X.509, so this file encodes the few DER structures a certificate
 * needs (RFC 5280) and lets node:crypto make the keys and the ECDSA signatures.
 */
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';

/** PEM text of the CA certificate, and the server's certificate and key. */
export interface EmulatorTlsMaterial {
  /** The CA certificate clients must trust (EKS `certificateAuthority.data` is its base64). */
  readonly caCertPem: string;
  /** The server certificate, signed by the CA, valid for 127.0.0.1, ::1 and localhost. */
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const octetString = (content: Buffer): Buffer => tlv(0x04, content);
const bitString = (content: Buffer, unusedBits = 0): Buffer =>
  tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
const booleanTrue = (): Buffer => Buffer.from([0x01, 0x01, 0xff]);
const explicit = (tagNumber: number, content: Buffer): Buffer => tlv(0xa0 | tagNumber, content);

function integer(value: Buffer): Buffer {
  // DER integers are minimal and signed: drop redundant leading zeros, then pad a leading 1 bit.
  let start = 0;
  while (start < value.length - 1 && value[start] === 0 && (value[start + 1] ?? 0) < 0x80) start += 1;
  const minimal = value.subarray(start);
  const body = (minimal[0] ?? 0) >= 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal;
  return tlv(0x02, body);
}

function objectIdentifier(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = parts;
  const bytes: number[] = [first * 40 + second];
  for (const part of rest) {
    const chunk: number[] = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const text = `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(
    date.getUTCHours(),
  )}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function distinguishedName(commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier(OID.organization), utf8String('fargate-fit emulator'))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(objectIdentifier(oid), booleanTrue(), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

/** SHA-1 of the subjectPublicKey bits: the usual key identifier (RFC 5280 §4.2.1.2, method 1). */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // For P-256 the uncompressed point is the last 65 bytes of the SubjectPublicKeyInfo.
  return createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
}

interface CertificateRequest {
  readonly subject: string;
  readonly issuer: string;
  readonly subjectKey: KeyObject;
  readonly issuerPrivateKey: KeyObject;
  readonly issuerPublicKey: KeyObject;
  readonly isCa: boolean;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

function certificate(request: CertificateRequest): string {
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const extensions: Buffer[] = [
    extension(OID.basicConstraints, true, request.isCa ? sequence(booleanTrue()) : sequence()),
    // CA: keyCertSign + cRLSign; server: digitalSignature (all an ECDHE-ECDSA handshake needs).
    extension(
      OID.keyUsage,
      true,
      request.isCa ? bitString(Buffer.from([0x06]), 1) : bitString(Buffer.from([0x80]), 7),
    ),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(request.subjectKey))),
    extension(OID.authorityKeyIdentifier, false, sequence(tlv(0x80, keyIdentifier(request.issuerPublicKey)))),
  ];
  if (!request.isCa) {
    extensions.push(extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))));
    extensions.push(
      extension(
        OID.subjectAltName,
        false,
        sequence(
          tlv(0x82, Buffer.from('localhost', 'ascii')),
          tlv(0x87, Buffer.from([127, 0, 0, 1])),
          tlv(0x87, Buffer.alloc(16, 0).fill(1, 15)),
        ),
      ),
    );
  }
  const serial = randomBytes(16);
  // A positive serial with a non-zero first byte keeps the DER integer 16 bytes long.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    signatureAlgorithm,
    distinguishedName(request.issuer),
    sequence(utcTime(request.notBefore), utcTime(request.notAfter)),
    distinguishedName(request.subject),
    request.subjectKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, request.issuerPrivateKey);
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Make a fresh CA and a server certificate for loopback. Valid from an hour ago (clock skew) for
 * `validDays` days; the keys never leave the process.
 */
export function createEmulatorTls(validDays = 30): EmulatorTlsMaterial {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + validDays * 24 * 60 * 60 * 1000);
  const caCertPem = certificate({
    subject: 'fargate-fit emulator CA',
    issuer: 'fargate-fit emulator CA',
    subjectKey: ca.publicKey,
    issuerPrivateKey: ca.privateKey,
    issuerPublicKey: ca.publicKey,
    isCa: true,
    notBefore,
    notAfter,
  });
  const serverCertPem = certificate({
    subject: '127.0.0.1',
    issuer: 'fargate-fit emulator CA',
    subjectKey: server.publicKey,
    issuerPrivateKey: ca.privateKey,
    issuerPublicKey: createPublicKey(ca.privateKey),
    isCa: false,
    notBefore,
    notAfter,
  });
  const serverKeyPem = server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { caCertPem, serverCertPem, serverKeyPem };
}

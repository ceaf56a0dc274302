// Certificates for the HTTPS simulator: a self-signed CA and a server cert for
// localhost/127.0.0.1 (the norm for self-hosted clusters), plus deliberately
// broken servers so tests can prove that certificate checks stay on.
//
// startTlsFaultServer(kind):
//   'wrongHost' – cert for wrong-host.sim.invalid, signed by the CA in caFile
//                 → Node rejects with ERR_TLS_CERT_ALTNAME_INVALID
//   'expired'   – cert for localhost that expired yesterday, CA in caFile
//                 → CERT_HAS_EXPIRED
//   'unknownCa' – cert for localhost signed by a CA that is NOT the one in caFile
//                 → UNABLE_TO_VERIFY_LEAF_SIGNATURE

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

interface KeyCert {
  certPem: string;
  keyPem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

function newKeys(): { key: forge.pki.rsa.PrivateKey; pub: forge.pki.rsa.PublicKey; keyPem: string } {
  // Native key generation: forge's pure-JS RSA keygen takes seconds.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    key: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    pub: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey,
    keyPem: privateKey,
  };
}

function serial(): string {
  const b = randomBytes(16);
  b[0] = (b[0] as number) & 0x7f;
  return b.toString('hex');
}

export function createCa(commonName: string): KeyCert {
  const { key, pub, keyPem } = newKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 86_400_000);
  const attrs = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Cockroach' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { cert, key, certPem: forge.pki.certificateToPem(cert), keyPem };
}

export function issueServerCert(
  ca: KeyCert,
  dnsNames: string[],
  ips: string[],
  validity?: { notBefore: Date; notAfter: Date },
): KeyCert {
  const { key, pub, keyPem } = newKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = serial();
  cert.validity.notBefore = validity?.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = validity?.notAfter ?? new Date(Date.now() + 2 * 365 * 86_400_000);
  cert.setSubject([
    { name: 'commonName', value: dnsNames[0] ?? 'node' },
    { name: 'organizationName', value: 'Cockroach' },
  ]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...dnsNames.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { cert, key, certPem: forge.pki.certificateToPem(cert), keyPem };
}

export interface ServerTls {
  caFile: string;
  certPem: string;
  keyPem: string;
  /** Removes generated files that live in a temporary directory. */
  cleanup(): void;
}

/** Reuses ca.crt/node.crt/node.key from `dir` when all exist, else creates (and keeps) them there. */
export function serverTls(dir?: string): ServerTls {
  const target = dir ?? mkdtempSync(join(tmpdir(), 'crdb-sim-tls-'));
  const caFile = join(target, 'ca.crt');
  const certFile = join(target, 'node.crt');
  const keyFile = join(target, 'node.key');
  if (!(dir && existsSync(caFile) && existsSync(certFile) && existsSync(keyFile))) {
    mkdirSync(target, { recursive: true });
    const ca = createCa('Cockroach CA (simulator)');
    const leaf = issueServerCert(ca, ['localhost', 'node'], ['127.0.0.1']);
    writeFileSync(caFile, ca.certPem);
    writeFileSync(certFile, leaf.certPem);
    writeFileSync(keyFile, leaf.keyPem, { mode: 0o600 });
  }
  return {
    caFile,
    certPem: readFileSync(certFile, 'utf8'),
    keyPem: readFileSync(keyFile, 'utf8'),
    cleanup: () => {
      if (!dir) rmSync(target, { recursive: true, force: true });
    },
  };
}

export type TlsFaultKind = 'wrongHost' | 'expired' | 'unknownCa';

export interface TlsFaultServer {
  url: string;
  caFile: string;
  close(): Promise<void>;
}

export async function startTlsFaultServer(kind: TlsFaultKind): Promise<TlsFaultServer> {
  const dir = mkdtempSync(join(tmpdir(), 'crdb-sim-tlsfault-'));
  const givenCa = createCa('Cockroach CA (given)');
  const caFile = join(dir, 'ca.crt');
  writeFileSync(caFile, givenCa.certPem);
  const day = 86_400_000;
  const leaf =
    kind === 'wrongHost'
      ? issueServerCert(givenCa, ['wrong-host.sim.invalid'], [])
      : kind === 'expired'
        ? issueServerCert(givenCa, ['localhost'], ['127.0.0.1'], {
            notBefore: new Date(Date.now() - 30 * day),
            notAfter: new Date(Date.now() - day),
          })
        : issueServerCert(createCa('Some other CA'), ['localhost'], ['127.0.0.1']);
  const server = https.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, generatePrivateKey, issueCertificate, type KeyPair } from '../lib/pki.js';
import type { ServerPki } from './server.js';

export interface ClusterPki extends ServerPki {
  /** Client certificate of the cluster admin (CN kubernetes-admin, O system:masters). */
  readonly admin: KeyPair;
  /** A static bearer token for the admin, for clients that cannot use certificates. */
  readonly adminToken: string;
}

const DEFAULT_HOSTS = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];

function read(dir: string, name: string): string | undefined {
  const path = join(dir, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function write(dir: string, name: string, text: string): void {
  writeFileSync(join(dir, name), text, { mode: 0o600 });
}

function loadPair(dir: string, base: string, create: () => KeyPair): KeyPair {
  const cert = read(dir, `${base}.crt`);
  const key = read(dir, `${base}.key`);
  if (cert && key) return { cert, key };
  const pair = create();
  write(dir, `${base}.crt`, pair.cert);
  write(dir, `${base}.key`, pair.key);
  return pair;
}

/**
 * The cluster's certificates and keys, kept in `<dataDir>/pki` and created on first start: a CA,
 * the serving certificate (reissued when the host names it must cover change), the
 * service-account signing key, and the admin's client certificate and token.
 */
export function loadOrCreatePki(dataDir: string, options: { hosts?: readonly string[]; ips?: readonly string[] } = {}, keys: PreparedKeys = {}): ClusterPki {
  const dir = join(dataDir, 'pki');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = loadPair(dir, 'ca', () => createCertificateAuthority('vcluster-ts-ca', 3650, keys.ca));
  const hosts = [...new Set([...DEFAULT_HOSTS, ...(options.hosts ?? [])])].sort();
  const ips = [...new Set(['127.0.0.1', ...(options.ips ?? [])])].sort();
  const wanted = JSON.stringify({ hosts, ips });
  let serving: KeyPair;
  const current = read(dir, 'apiserver.names');
  const cert = read(dir, 'apiserver.crt');
  const key = read(dir, 'apiserver.key');
  if (cert && key && current === wanted) serving = { cert, key };
  else {
    serving = issueCertificate(ca, { commonName: 'kube-apiserver', dnsNames: hosts, ipAddresses: ips, usage: 'server' }, keys.serving);
    write(dir, 'apiserver.crt', serving.cert);
    write(dir, 'apiserver.key', serving.key);
    write(dir, 'apiserver.names', wanted);
  }
  let serviceAccountKey = read(dir, 'sa.key');
  if (!serviceAccountKey) {
    // P-256 (ES256): signing a pod's token takes a tenth of the CPU of RSA-2048, and a virtual
    // cluster signs one for every pod it syncs. Existing RSA keys keep working.
    serviceAccountKey = keys.serviceAccount ?? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    write(dir, 'sa.key', serviceAccountKey);
  }
  const admin = loadPair(dir, 'admin', () => issueCertificate(ca, { commonName: 'kubernetes-admin', organizations: ['system:masters'], usage: 'client' }, keys.admin));
  let adminToken = read(dir, 'admin.token')?.trim();
  if (!adminToken) {
    adminToken = randomBytes(32).toString('base64url');
    write(dir, 'admin.token', adminToken);
  }
  return { ca, serving, serviceAccountKey, admin, adminToken };
}

/** Private keys made ahead of time (in parallel) for whichever PKI files are missing. */
export interface PreparedKeys {
  readonly ca?: string;
  readonly serving?: string;
  readonly serviceAccount?: string;
  readonly admin?: string;
}

/** As loadOrCreatePki, generating the missing keys in parallel first (a first start is about 4x faster). */
export async function loadOrCreatePkiAsync(dataDir: string, options: { hosts?: readonly string[]; ips?: readonly string[] } = {}): Promise<ClusterPki> {
  const dir = join(dataDir, 'pki');
  const missing = (file: string): boolean => !existsSync(join(dir, file));
  const make = (needed: boolean): Promise<string | undefined> => (needed ? generatePrivateKey() : Promise.resolve(undefined));
  const [ca, serving, admin] = await Promise.all([make(missing('ca.key')), make(missing('apiserver.crt')), make(missing('admin.key'))]);
  return loadOrCreatePki(dataDir, options, {
    ...(ca ? { ca } : {}),
    ...(serving ? { serving } : {}),
    ...(admin ? { admin } : {}),
  });
}

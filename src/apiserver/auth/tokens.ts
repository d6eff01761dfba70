import { createPrivateKey, createPublicKey, randomUUID, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { UserInfo } from './types.js';

export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

export interface BoundObject {
  readonly kind: 'Pod' | 'Secret' | 'Node';
  readonly name: string;
  readonly uid: string;
}

export interface TokenClaims {
  readonly serviceAccount: ServiceAccountRef;
  readonly audiences: readonly string[];
  readonly expiresAt: Date;
  readonly boundObject?: BoundObject;
}

/**
 * The JWS algorithm kube-apiserver signs with for a service-account key: RS256 for RSA keys, ES256
 * for P-256 keys (the two kinds it accepts in --service-account-key-file that we support).
 */
export function signingAlgorithm(key: KeyObject): 'RS256' | 'ES256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  throw new Error(`the service-account key is ${key.asymmetricKeyType ?? 'unknown'}${curve ? ` (${curve})` : ''}; it must be an RSA or P-256 EC key`);
}

/**
 * Issues and verifies service-account tokens: JWTs (RS256 or ES256, after the key) with the claims
 * kube-apiserver puts in them (`sub: system:serviceaccount:<ns>:<name>`, the `kubernetes.io` claim
 * with namespace, service account and bound object).
 */
export class ServiceAccountTokens {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly algorithm: 'RS256' | 'ES256';

  constructor(
    privateKeyPem: string,
    readonly issuer = SERVICE_ACCOUNT_ISSUER,
    readonly defaultAudiences: readonly string[] = [SERVICE_ACCOUNT_ISSUER],
  ) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    this.algorithm = signingAlgorithm(this.privateKey);
  }

  issue(serviceAccount: ServiceAccountRef, options: { audiences?: readonly string[]; expirationSeconds?: number; boundObject?: BoundObject; now?: Date } = {}): Promise<{ token: string; expiresAt: Date }> {
    const now = options.now ?? new Date();
    const expiresAt = new Date(now.getTime() + (options.expirationSeconds ?? 3600) * 1000);
    const audiences = options.audiences && options.audiences.length > 0 ? options.audiences : this.defaultAudiences;
    const k8s: Record<string, unknown> = {
      namespace: serviceAccount.namespace,
      serviceaccount: { name: serviceAccount.name, uid: serviceAccount.uid },
    };
    if (options.boundObject) k8s[options.boundObject.kind.toLowerCase()] = { name: options.boundObject.name, uid: options.boundObject.uid };
    const seconds = Math.floor(now.getTime() / 1000);
    const claims = {
      aud: [...audiences],
      exp: Math.floor(expiresAt.getTime() / 1000),
      iat: seconds,
      iss: this.issuer,
      jti: randomUUID(),
      'kubernetes.io': k8s,
      nbf: seconds,
      sub: `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`,
    };
    return Promise.resolve({ token: this.sign(claims), expiresAt });
  }

  /**
   * A compact JWS of `claims`. Signed with node:crypto directly: jose signs through WebCrypto,
   * whose job queue costs several times the signature itself, and a virtual cluster signs a
   * token for every pod it syncs.
   */
  private sign(claims: Record<string, unknown>): string {
    const header = Buffer.from(JSON.stringify({ alg: this.algorithm, typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const input = `${header}.${payload}`;
    const signature = cryptoSign('sha256', Buffer.from(input), this.algorithm === 'ES256' ? { key: this.privateKey, dsaEncoding: 'ieee-p1363' } : this.privateKey);
    return `${input}.${signature.toString('base64url')}`;
  }

  /** The claims of a valid token, or undefined when it is not one of ours or has expired. */
  async verify(token: string, audiences?: readonly string[]): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer,
        audience: audiences && audiences.length > 0 ? [...audiences] : [...this.defaultAudiences],
        algorithms: [this.algorithm],
      });
      const k8s = payload['kubernetes.io'] as
        | { namespace?: string; serviceaccount?: { name?: string; uid?: string }; pod?: { name?: string; uid?: string }; secret?: { name?: string; uid?: string } }
        | undefined;
      const namespace = k8s?.namespace;
      const name = k8s?.serviceaccount?.name;
      const uid = k8s?.serviceaccount?.uid;
      if (!namespace || !name || !uid || payload.exp === undefined) return undefined;
      const bound = k8s.pod ?? k8s.secret;
      const boundKind = k8s.pod ? 'Pod' : 'Secret';
      return {
        serviceAccount: { namespace, name, uid },
        audiences: Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [],
        expiresAt: new Date(payload.exp * 1000),
        ...(bound?.name && bound.uid ? { boundObject: { kind: boundKind, name: bound.name, uid: bound.uid } } : {}),
      };
    } catch (e) {
      if (e instanceof joseErrors.JOSEError) return undefined;
      throw e;
    }
  }
}

export function serviceAccountUser(claims: TokenClaims): UserInfo {
  const { namespace, name, uid } = claims.serviceAccount;
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    ...(claims.boundObject?.kind === 'Pod'
      ? { extra: { 'authentication.kubernetes.io/pod-name': [claims.boundObject.name], 'authentication.kubernetes.io/pod-uid': [claims.boundObject.uid] } }
      : {}),
  };
}

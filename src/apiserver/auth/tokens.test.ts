import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { ServiceAccountTokens } from './tokens.js';

const robot = { namespace: 'team-a', name: 'robot', uid: '8d3c8b6e-0000-4000-8000-000000000001' };

const part = (token: string, index: number): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const header = (token: string): Record<string, unknown> => part(token, 0);

describe('ServiceAccountTokens', () => {
  // [key kind, PEM, JWS algorithm kube-apiserver would use]
  const keys: [string, string, string][] = [
    ['RSA (PKCS#1), older data dirs', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), 'RS256'],
    ['P-256 (SEC1), what new data dirs get', generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString(), 'ES256'],
    ['P-256 (PKCS#8)', generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'ES256'],
  ];
  for (const [what, pem, alg] of keys) {
    it(`signs with ${alg} for a ${what} key and verifies its own tokens only`, async () => {
      const tokens = new ServiceAccountTokens(pem);
      const now = new Date();
      const { token } = await tokens.issue(robot, { boundObject: { kind: 'Pod', name: 'web-0', uid: 'pod-uid' }, now });
      assert.deepEqual(header(token), { alg, typ: 'JWT' });
      const seconds = Math.floor(now.getTime() / 1000);
      const { jti, ...payload } = part(token, 1);
      assert.match(String(jti), /^[0-9a-f-]{36}$/);
      assert.deepEqual(payload, {
        aud: ['https://kubernetes.default.svc.cluster.local'],
        exp: seconds + 3600,
        iat: seconds,
        iss: 'https://kubernetes.default.svc.cluster.local',
        'kubernetes.io': { namespace: 'team-a', serviceaccount: { name: 'robot', uid: robot.uid }, pod: { name: 'web-0', uid: 'pod-uid' } },
        nbf: seconds,
        sub: 'system:serviceaccount:team-a:robot',
      });
      const claims = await tokens.verify(token);
      assert.deepEqual(claims?.serviceAccount, robot);
      assert.deepEqual(claims.boundObject, { kind: 'Pod', name: 'web-0', uid: 'pod-uid' });
      const other = new ServiceAccountTokens(pem === keys[0]?.[1] ? (keys[1]?.[1] ?? '') : (keys[0]?.[1] ?? ''));
      assert.equal(await other.verify(token), undefined, 'a token of another key is refused');
      assert.equal(await tokens.verify(token, ['some-other-audience']), undefined, 'a token for another audience is refused');
      const expired = await tokens.issue(robot, { expirationSeconds: 60, now: new Date(now.getTime() - 3_600_000) });
      assert.equal(await tokens.verify(expired.token), undefined, 'an expired token is refused');
      const [h, p] = token.split('.');
      assert.equal(await tokens.verify(`${h ?? ''}.${p ?? ''}.${Buffer.from('forged').toString('base64url')}`), undefined, 'a bad signature is refused');
    });
  }

  it('names the key kind it cannot sign with', () => {
    const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.throws(() => new ServiceAccountTokens(ed25519), /service-account key is ed25519; it must be an RSA or P-256 EC key/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    assert.throws(() => new ServiceAccountTokens(p384), /service-account key is ec \(secp384r1\)/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DESCRIPTION_ANNOTATION, desiredRootCaConfigMap, ROOT_CA_DESCRIPTION } from './root-ca.js';

describe('desiredRootCaConfigMap', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n';
  it('creates it with the CA and the description', () => {
    assert.deepEqual(desiredRootCaConfigMap('ns', pem, undefined), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt', namespace: 'ns', annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
      data: { 'ca.crt': pem },
    });
  });
  it('leaves a correct one alone', () => {
    assert.equal(desiredRootCaConfigMap('ns', pem, { metadata: { name: 'kube-root-ca.crt', annotations: { [DESCRIPTION_ANNOTATION]: 'mine' } }, data: { 'ca.crt': pem } }), undefined);
  });
  it('puts back the CA and drops other keys, keeping other annotations', () => {
    const fixed = desiredRootCaConfigMap('ns', pem, { metadata: { name: 'kube-root-ca.crt', resourceVersion: '3', annotations: { a: 'b' } }, data: { 'ca.crt': 'tampered', extra: 'x' } });
    assert.deepEqual(fixed?.data, { 'ca.crt': pem });
    assert.deepEqual(fixed.metadata?.annotations, { a: 'b', [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION });
    assert.equal(fixed.metadata.resourceVersion, '3');
  });
});

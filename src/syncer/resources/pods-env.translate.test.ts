import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { NameContext } from '../names.js';
import { serviceEnvironment, translateContainerEnv, translateFieldPath } from './pods-env.translate.js';

const ctx: NameContext = { vclusterName: 'suffix', hostNamespace: 'test' };

describe('translateFieldPath (downward API on the host pod)', () => {
  const cases: [string, string][] = [
    ['metadata.name', "metadata.annotations['vcluster.loft.sh/name']"],
    ['metadata.namespace', "metadata.annotations['vcluster.loft.sh/namespace']"],
    ['metadata.uid', "metadata.annotations['vcluster.loft.sh/uid']"],
    ['spec.serviceAccountName', "metadata.annotations['vcluster.loft.sh/service-account-name']"],
    ['metadata.labels', "metadata.annotations['vcluster.loft.sh/labels']"],
    ["metadata.labels['app']", "metadata.labels['app']"],
    ["metadata.labels['release']", "metadata.labels['vcluster.loft.sh/label-suffix-x-a4d451ec23']"],
    ["metadata.annotations['a']", "metadata.annotations['a']"],
    ['spec.nodeName', 'spec.nodeName'],
    ['status.podIP', 'status.podIP'],
  ];
  for (const [from, to] of cases) {
    it(from, () => {
      assert.equal(translateFieldPath(ctx, from), to);
    });
  }
});

describe('serviceEnvironment', () => {
  const services: Service[] = [
    { metadata: { name: 'my-svc' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] } },
    { metadata: { name: 'headless' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } },
    { metadata: { name: 'kubernetes' }, spec: { clusterIP: '10.0.0.99', ports: [{ name: 'https', port: 443 }] } },
  ];
  const kubernetes = {
    KUBERNETES_PORT: 'tcp://1.2.3.4:443',
    KUBERNETES_PORT_443_TCP: 'tcp://1.2.3.4:443',
    KUBERNETES_PORT_443_TCP_ADDR: '1.2.3.4',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_SERVICE_HOST: '1.2.3.4',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
  };
  it('without service links: only KUBERNETES_* at the vcluster service', () => {
    assert.deepEqual(Object.fromEntries(serviceEnvironment(undefined, services, '1.2.3.4')), kubernetes);
    assert.deepEqual(Object.fromEntries(serviceEnvironment(false, services, '1.2.3.4')), kubernetes);
  });
  it('with service links: the virtual services, KUBERNETES_* still at the vcluster service', () => {
    const env = Object.fromEntries(serviceEnvironment(true, services, '1.2.3.4'));
    assert.deepEqual(env, {
      ...kubernetes,
      MY_SVC_SERVICE_HOST: '10.0.0.1',
      MY_SVC_SERVICE_PORT: '80',
      MY_SVC_SERVICE_PORT_HTTP: '80',
      MY_SVC_SERVICE_PORT_DNS: '53',
      MY_SVC_PORT: 'tcp://10.0.0.1:80',
      MY_SVC_PORT_80_TCP: 'tcp://10.0.0.1:80',
      MY_SVC_PORT_80_TCP_PROTO: 'tcp',
      MY_SVC_PORT_80_TCP_PORT: '80',
      MY_SVC_PORT_80_TCP_ADDR: '10.0.0.1',
      MY_SVC_PORT_53_UDP: 'udp://10.0.0.1:53',
      MY_SVC_PORT_53_UDP_PROTO: 'udp',
      MY_SVC_PORT_53_UDP_PORT: '53',
      MY_SVC_PORT_53_UDP_ADDR: '10.0.0.1',
    });
  });
});

describe('translateContainerEnv', () => {
  const serviceEnv = new Map([
    ['B_VAR', 'b'],
    ['A_VAR', 'a'],
    ['OWN', 'from-service'],
  ]);
  const cases: {
    name: string;
    env: Parameters<typeof translateContainerEnv>[1];
    envFrom: Parameters<typeof translateContainerEnv>[2];
    expected: ReturnType<typeof translateContainerEnv>;
  }[] = [
    {
      name: 'service variables sorted, first; the container own names win',
      env: [{ name: 'OWN', value: 'mine' }],
      envFrom: undefined,
      expected: { env: [{ name: 'A_VAR', value: 'a' }, { name: 'B_VAR', value: 'b' }, { name: 'OWN', value: 'mine' }], envFrom: undefined },
    },
    {
      name: 'references to ConfigMaps and Secrets get host names',
      env: [
        { name: 'C', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k', optional: true } } },
        { name: 'S', valueFrom: { secretKeyRef: { name: 'sec', key: 'k' } } },
        { name: 'F', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
        { name: 'R', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      ],
      envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'P_' }, { secretRef: { name: 'sec', optional: true } }],
      expected: {
        env: [
          { name: 'A_VAR', value: 'a' },
          { name: 'B_VAR', value: 'b' },
          { name: 'OWN', value: 'from-service' },
          { name: 'C', valueFrom: { configMapKeyRef: { name: 'cfg-x-ns-x-suffix', key: 'k', optional: true } } },
          { name: 'S', valueFrom: { secretKeyRef: { name: 'sec-x-ns-x-suffix', key: 'k' } } },
          { name: 'F', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['vcluster.loft.sh/uid']" } } },
          { name: 'R', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        ],
        envFrom: [{ configMapRef: { name: 'cfg-x-ns-x-suffix' }, prefix: 'P_' }, { secretRef: { name: 'sec-x-ns-x-suffix', optional: true } }],
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(translateContainerEnv(ctx, c.env, c.envFrom, 'ns', serviceEnv), c.expected);
    });
  }
});

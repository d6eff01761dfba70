import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import { hostPodHostname, kubernetesHostAlias, rewriteHosts, translateDnsConfig } from './pods-dns.translate.js';

describe('translateDnsConfig', () => {
  const virtualDns = {
    dnsPolicy: 'None',
    dnsConfig: {
      nameservers: ['10.96.0.10'],
      searches: ['team.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      options: [{ name: 'ndots', value: '5' }],
    },
  };
  const cases: { name: string; spec: Pick<PodSpec, 'dnsPolicy' | 'dnsConfig' | 'hostNetwork'>; dnsIP?: string; domain?: string; expected: unknown }[] = [
    { name: 'ClusterFirst', spec: { dnsPolicy: 'ClusterFirst' }, expected: virtualDns },
    { name: 'ClusterFirstWithHostNet', spec: { dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true }, expected: virtualDns },
    { name: 'ClusterFirst on the host network falls back to Default', spec: { dnsPolicy: 'ClusterFirst', hostNetwork: true }, expected: { dnsPolicy: 'ClusterFirst' } },
    { name: 'Default is left alone', spec: { dnsPolicy: 'Default' }, expected: { dnsPolicy: 'Default' } },
    { name: 'None is left alone', spec: { dnsPolicy: 'None', dnsConfig: { nameservers: ['8.8.8.8'] } }, expected: { dnsPolicy: 'None', dnsConfig: { nameservers: ['8.8.8.8'] } } },
    { name: 'unset policy is left alone (upstream)', spec: {}, expected: {} },
    { name: 'no DNS IP known: unchanged', spec: { dnsPolicy: 'ClusterFirst' }, dnsIP: '', expected: { dnsPolicy: 'ClusterFirst' } },
    {
      name: "the pod's own config is kept after ours, without duplicates",
      spec: { dnsPolicy: 'ClusterFirst', dnsConfig: { nameservers: ['10.96.0.10', '1.1.1.1'], searches: ['svc.cluster.local', 'corp.example'], options: [{ name: 'edns0' }] } },
      expected: {
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['10.96.0.10', '1.1.1.1'],
          searches: ['team.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example'],
          options: [{ name: 'ndots', value: '5' }],
        },
      },
    },
    {
      name: 'another cluster domain',
      spec: { dnsPolicy: 'ClusterFirst' },
      domain: 'corp.local',
      expected: { dnsPolicy: 'None', dnsConfig: { nameservers: ['10.96.0.10'], searches: ['team.svc.corp.local', 'svc.corp.local', 'corp.local'], options: [{ name: 'ndots', value: '5' }] } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(translateDnsConfig(c.spec, 'team', c.domain ?? 'cluster.local', c.dnsIP ?? '10.96.0.10'), c.expected);
    });
  }
});

describe('kubernetesHostAlias and hostPodHostname', () => {
  it('alias names, canonical first', () => {
    assert.deepEqual(kubernetesHostAlias('1.2.3.4', 'cluster.local'), {
      ip: '1.2.3.4',
      hostnames: ['kubernetes.default.svc.cluster.local', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
    });
    assert.deepEqual(kubernetesHostAlias('1.2.3.4', '').hostnames, ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc']);
  });
  const hostnames: [string, string | undefined, string][] = [
    ['web-0', undefined, 'web-0'],
    ['my.pod.name', undefined, 'my-pod-name'],
    ['a'.repeat(62) + '.b', undefined, 'a'.repeat(62)],
    ['p', 'custom', 'custom'],
  ];
  for (const [name, own, expected] of hostnames) {
    it(`hostname of ${name.slice(0, 20)}`, () => {
      assert.equal(hostPodHostname(name, own), expected);
    });
  }
});

describe('rewriteHosts', () => {
  const spec: PodSpec = { containers: [{ name: 'a' }], initContainers: [{ name: 'init' }], ephemeralContainers: [{ name: 'e' }] };
  const options = { image: 'alpine:3.20', resources: { limits: { cpu: '100m' }, requests: {} }, runAsUser: 1001, runAsGroup: 1002 };
  it('adds the init container first, the volume, and mounts /etc/hosts everywhere else', () => {
    const out = rewriteHosts(spec, {}, 'web-0', 'web-0.svc.ns.svc.cluster.local', options);
    assert.equal(out.annotations['vcluster.loft.sh/hosts-rewritten'], 'true');
    assert.deepEqual(out.spec.volumes, [{ name: 'vcluster-rewrite-hosts', emptyDir: {} }]);
    const init = out.spec.initContainers ?? [];
    assert.deepEqual(
      init.map((c) => c.name),
      ['vcluster-rewrite-hosts', 'init'],
    );
    assert.deepEqual(init[0], {
      name: 'vcluster-rewrite-hosts',
      image: 'alpine:3.20',
      command: ['sh'],
      args: ['-c', "sed -E -e 's/^(\\d+.\\d+.\\d+.\\d+\\s+)web-0$/\\1 web-0.svc.ns.svc.cluster.local web-0/' /etc/hosts > /hosts/hosts"],
      securityContext: {
        runAsUser: 1001,
        runAsGroup: 1002,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        allowPrivilegeEscalation: false,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      resources: { limits: { cpu: '100m' } },
      volumeMounts: [{ mountPath: '/hosts', name: 'vcluster-rewrite-hosts' }],
    });
    const hostsMount = { mountPath: '/etc/hosts', name: 'vcluster-rewrite-hosts', subPath: 'hosts' };
    assert.deepEqual(init[1]?.volumeMounts, [hostsMount]);
    assert.deepEqual(out.spec.containers[0]?.volumeMounts, [hostsMount]);
    assert.deepEqual(out.spec.ephemeralContainers?.[0]?.volumeMounts, [hostsMount]);
  });
  it('a pod that opted out and was rewritten before is left alone', () => {
    const annotations = { 'vcluster.loft.sh/disable-subdomain-rewrite': 'true', 'vcluster.loft.sh/hosts-rewritten': 'true' };
    assert.deepEqual(rewriteHosts(spec, annotations, 'h', 'f', options).spec, spec);
  });
});

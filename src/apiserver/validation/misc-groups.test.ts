import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessage, gvk, updateMessage } from './testing.js';

const PDB = gvk('policy', 'v1', 'PodDisruptionBudget');
const PC = gvk('scheduling.k8s.io', 'v1', 'PriorityClass');
const SC = gvk('storage.k8s.io', 'v1', 'StorageClass');
const CSID = gvk('storage.k8s.io', 'v1', 'CSIDriver');
const VA = gvk('storage.k8s.io', 'v1', 'VolumeAttachment');
const LEASE = gvk('coordination.k8s.io', 'v1', 'Lease');
const EVV1 = gvk('events.k8s.io', 'v1', 'Event');
const ES = gvk('discovery.k8s.io', 'v1', 'EndpointSlice');
const RC = gvk('node.k8s.io', 'v1', 'RuntimeClass');
const TR = gvk('authentication.k8s.io', 'v1', 'TokenReview');
const SAR = gvk('authorization.k8s.io', 'v1', 'SubjectAccessReview');
const SSAR = gvk('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview');

const ns = (name = 'o') => ({ name, namespace: 'd', resourceVersion: '1' });
const cluster = (name: string) => ({ name, resourceVersion: '1' });
type Case = [string, ReturnType<typeof gvk>, Record<string, unknown>, string];

const creates: Case[] = [
  ['pdb ok', PDB, { metadata: ns(), spec: { minAvailable: 1, selector: { matchLabels: { a: 'b' } } } }, 'OK'],
  ['pdb percent above 100', PDB, { metadata: ns(), spec: { minAvailable: '150%' } }, 'PodDisruptionBudget.policy "o" is invalid: spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
  ['priority class ok', PC, { metadata: cluster('high'), value: 1000 }, 'OK'],
  ['priority class too high', PC, { metadata: cluster('high'), value: 2000000000 }, 'PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
  [
    'priority class reserved prefix',
    PC,
    { metadata: cluster('system-foo'), value: 1 },
    "PriorityClass.scheduling.k8s.io \"system-foo\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class",
  ],
  ['storage class ok', SC, { metadata: cluster('fast'), provisioner: 'kubernetes.io/no-provisioner' }, 'OK'],
  ['storage class provisioner', SC, { metadata: cluster('fast') }, 'StorageClass.storage.k8s.io "fast" is invalid: provisioner: Required value'],
  ['storage class reclaim', SC, { metadata: cluster('fast'), provisioner: 'x.io/y', reclaimPolicy: 'Foo' }, 'StorageClass.storage.k8s.io "fast" is invalid: reclaimPolicy: Unsupported value: "Foo": supported values: "Delete", "Retain"'],
  ['csi driver ok', CSID, { metadata: cluster('x.csi.io'), spec: {} }, 'OK'],
  [
    'volume attachment required fields',
    VA,
    { metadata: cluster('va'), spec: { nodeName: 'n1' } },
    'VolumeAttachment.storage.k8s.io "va" is invalid: [spec.attacher: Required value, spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName]',
  ],
  ['lease ok', LEASE, { metadata: ns(), spec: { holderIdentity: 'x', leaseDurationSeconds: 15 } }, 'OK'],
  ['lease duration', LEASE, { metadata: ns(), spec: { leaseDurationSeconds: 0 } }, 'Lease.coordination.k8s.io "o" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
  [
    'events.k8s.io event ok',
    EVV1,
    { metadata: ns('e'), eventTime: '2024-01-01T00:00:00.000000Z', reportingController: 'k8s.io/x', reportingInstance: 'i', action: 'A', reason: 'R', type: 'Normal', regarding: { kind: 'Pod', namespace: 'd', name: 'p' } },
    'OK',
  ],
  [
    'events.k8s.io event strict rules',
    EVV1,
    { metadata: ns('e') },
    'Event.events.k8s.io "e" is invalid: [involvedObject.namespace: Invalid value: "": does not match event.namespace, eventTime: Required value, type: Invalid value: "": has invalid value: ]',
  ],
  ['endpoint slice ok', ES, { metadata: ns(), addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ port: 80 }] }, 'OK'],
  [
    'endpoint slice address family',
    ES,
    { metadata: ns(), addressType: 'IPv4', endpoints: [{ addresses: ['fd00::1'] }] },
    'EndpointSlice.discovery.k8s.io "o" is invalid: endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
  ],
  [
    'endpoint slice address type',
    ES,
    { metadata: ns(), addressType: 'Foo', endpoints: [] },
    'EndpointSlice.discovery.k8s.io "o" is invalid: addressType: Unsupported value: "Foo": supported values: "FQDN", "IPv4", "IPv6"',
  ],
  ['runtime class ok', RC, { metadata: cluster('gvisor'), handler: 'runsc' }, 'OK'],
  [
    'runtime class handler',
    RC,
    { metadata: cluster('gvisor'), handler: 'Run_SC' },
    "RuntimeClass.node.k8s.io \"gvisor\" is invalid: handler: Invalid value: \"Run_SC\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ],
  ['token review (no metadata needed)', TR, { spec: { token: 'abc' } }, 'OK'],
  [
    'subject access review needs a user or group',
    SAR,
    { spec: { resourceAttributes: { verb: 'get' } } },
    'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
  ],
  [
    'subject access review attributes are exclusive',
    SAR,
    { spec: { user: 'a', resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/' } } },
    'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/", Verb:""}: cannot be specified in combination with resourceAttributes',
  ],
  [
    'self subject access review needs attributes',
    SSAR,
    { spec: {} },
    'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
  ],
];

describe('policy, scheduling, storage, coordination, events, discovery, node, reviews', () => {
  for (const [name, g, obj, want] of creates) it(name, () => { assert.equal(createMessage(g, obj), want); });

  it('priority class value is immutable', () => {
    assert.equal(updateMessage(PC, { metadata: cluster('high'), value: 2 }, { metadata: cluster('high'), value: 1 }), 'PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.');
  });
  it('storage class parameters are immutable', () => {
    assert.equal(
      updateMessage(SC, { metadata: cluster('fast'), provisioner: 'x.io/y', parameters: { a: 'c' } }, { metadata: cluster('fast'), provisioner: 'x.io/y', parameters: { a: 'b' } }),
      'StorageClass.storage.k8s.io "fast" is invalid: parameters: Forbidden: updates to parameters are forbidden.',
    );
  });
});

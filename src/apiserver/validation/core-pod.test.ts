import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefaults } from '../defaults/index.js';
import { computePodQOS } from './core-pod.js';
import { createMessage, gvk, pod, POD, simplePod, updateMessage } from './testing.js';

const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUANTITY_RE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const P = (m: string): string => `Pod "x" is invalid: ${m}`;

describe('Pod create', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['minimal pod', simplePod(), 'OK'],
    ['image missing', pod({ containers: [{ name: 'c' }] }), P('spec.containers[0].image: Required value')],
    ['no containers', pod({ containers: [] }), P('spec.containers: Required value')],
    ['no spec at all', pod({}), P('spec.containers: Required value')],
    ['container name missing', pod({ containers: [{ image: 'x' }] }), P('spec.containers[0].name: Required value')],
    ['container name not a label', pod({ containers: [{ name: 'My_C', image: 'x' }] }), P(`spec.containers[0].name: Invalid value: "My_C": ${LABEL}`)],
    ['duplicate containers', pod({ containers: [{ name: 'c', image: 'x' }, { name: 'c', image: 'x' }] }), P('spec.containers[1].name: Duplicate value: "c"')],
    [
      'init container clashes with container',
      pod({ initContainers: [{ name: 'c', image: 'x' }], containers: [{ name: 'c', image: 'x' }] }),
      P('spec.initContainers[0].name: Duplicate value: "c"'),
    ],
    ['image with whitespace', simplePod({ image: ' nginx' }), P('spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace')],
    ['containerPort missing', simplePod({ ports: [{ containerPort: 0 }] }), P('spec.containers[0].ports[0].containerPort: Required value')],
    [
      'port out of range, bad protocol',
      simplePod({ ports: [{ containerPort: 70000, protocol: 'ICMP' }] }),
      P(
        '[spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"]',
      ),
    ],
    ['hostPort out of range', simplePod({ ports: [{ containerPort: 80, hostPort: 70000 }] }), P('spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive')],
    [
      'duplicate port names',
      simplePod({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }),
      P('spec.containers[0].ports[1].name: Duplicate value: "http"'),
    ],
    [
      'uppercase port name',
      simplePod({ ports: [{ name: 'HTTP', containerPort: 80 }] }),
      P(
        '[spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)]',
      ),
    ],
    ['env name required', simplePod({ env: [{ name: '' }] }), P('spec.containers[0].env[0].name: Required value')],
    ['relaxed env names', simplePod({ env: [{ name: '1A', value: 'x' }] }), 'OK'],
    [
      'env value and valueFrom',
      simplePod({ env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }),
      P('spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty'),
    ],
    [
      'env fieldRef unsupported',
      simplePod({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.bogus' } } }] }),
      P('spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.bogus": error converting fieldPath: field label not supported: spec.bogus'),
    ],
    [
      'requests above limits',
      simplePod({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }),
      P('spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'),
    ],
    [
      'memory requests above limits',
      simplePod({ resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } }),
      P('spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi'),
    ],
    ['requests within limits', simplePod({ resources: { requests: { cpu: '0.5' }, limits: { cpu: '1' } } }), 'OK'],
    ['negative request', simplePod({ resources: { requests: { cpu: '-1' } } }), P('spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0')],
    [
      'malformed quantity',
      simplePod({ resources: { limits: { memory: '1GB' } } }),
      P(`[spec.containers[0].resources.limits[memory]: Invalid value: "1GB": ${QUANTITY_RE}, spec.containers[0].resources.requests[memory]: Invalid value: "1GB": ${QUANTITY_RE}]`),
    ],
    [
      'unknown resource name',
      simplePod({ resources: { requests: { foo: '1' } } }),
      P(
        '[spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource type or fully qualified, spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource for containers]',
      ),
    ],
    ['extended resource', simplePod({ resources: { limits: { 'example.com/gpu': '1' } } }), 'OK'],
    ['volume name required', pod({ containers: [{ name: 'c', image: 'x' }], volumes: [{ emptyDir: {} }] }), P('spec.volumes[0].name: Required value')],
    [
      'duplicate volumes',
      pod({ containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }] }),
      P('spec.volumes[1].name: Duplicate value: "a"'),
    ],
    [
      'two volume sources',
      pod({ containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'a', emptyDir: {}, hostPath: { path: '/x' } }] }),
      P('spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'),
    ],
    ['configMap volume without name', pod({ containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'a', configMap: {} }] }), P('spec.volumes[0].configMap.name: Required value')],
    ['secret volume without name', pod({ containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'a', secret: {} }] }), P('spec.volumes[0].secret.secretName: Required value')],
    ['hostPath without path', pod({ containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'a', hostPath: { path: '' } }] }), P('spec.volumes[0].hostPath.path: Required value')],
    ['mount of unknown volume', simplePod({ volumeMounts: [{ name: 'v', mountPath: '/x' }] }), P('spec.containers[0].volumeMounts[0].name: Not found: "v"')],
    [
      'mountPath required',
      pod({ containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'a' }] }], volumes: [{ name: 'a', emptyDir: {} }] }),
      P('spec.containers[0].volumeMounts[0].mountPath: Required value'),
    ],
    [
      'mountPath unique',
      pod({ containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'a', mountPath: '/x' }, { name: 'a', mountPath: '/x' }] }], volumes: [{ name: 'a', emptyDir: {} }] }),
      P('spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/x": must be unique'),
    ],
    [
      'restartPolicy and dnsPolicy enums',
      simplePod({}, { restartPolicy: 'Sometimes', dnsPolicy: 'Bogus' }),
      P(
        '[spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never", spec.dnsPolicy: Unsupported value: "Bogus": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]',
      ),
    ],
    ['dnsPolicy None needs dnsConfig', simplePod({}, { dnsPolicy: 'None' }), P('spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None')],
    ['dnsPolicy None with nameserver', simplePod({}, { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } }), 'OK'],
    [
      'imagePullPolicy enum',
      simplePod({ imagePullPolicy: 'Sometimes' }),
      P('spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'),
    ],
    ['activeDeadlineSeconds 0', simplePod({}, { activeDeadlineSeconds: 0 }), P('spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive')],
    ['hostname not a label', simplePod({}, { hostname: 'A_B' }), P(`spec.hostname: Invalid value: "A_B": ${LABEL}`)],
    ['serviceAccountName', simplePod({}, { serviceAccountName: 'A_B' }), P(`spec.serviceAccountName: Invalid value: "A_B": ${SUBDOMAIN}`)],
    [
      'toleration operator enum',
      simplePod({}, { tolerations: [{ key: 'a', operator: 'Bogus' }] }),
      P('spec.tolerations[0].operator: Unsupported value: "Bogus": supported values: "Equal", "Exists"'),
    ],
    [
      'toleration Exists with value',
      simplePod({}, { tolerations: [{ key: 'a', operator: 'Exists', value: 'x' }] }),
      P(`spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"a", Operator:"Exists", Value:"x", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when \`operator\` is 'Exists'`),
    ],
    [
      'tolerationSeconds needs NoExecute',
      simplePod({}, { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] }),
      P('spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set'),
    ],
    ['probe without handler', simplePod({ livenessProbe: {} }), P('spec.containers[0].livenessProbe: Required value: must specify a handler type')],
    [
      'probe with two handlers',
      simplePod({ livenessProbe: { exec: { command: ['x'] }, tcpSocket: { port: 80 } } }),
      P('spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'),
    ],
    [
      'liveness successThreshold',
      simplePod({ livenessProbe: { exec: { command: ['x'] }, successThreshold: 2 } }),
      P('spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'),
    ],
    ['runAsUser negative', simplePod({ securityContext: { runAsUser: -1 } }), P('spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive')],
    ['negative grace period is allowed', simplePod({}, { terminationGracePeriodSeconds: -1 }), 'OK'],
    [
      'hugepages need cpu or memory',
      simplePod({ resources: { limits: { 'hugepages-2Mi': '2Mi' } } }),
      P('spec.containers[0].resources: Forbidden: HugePages require cpu or memory'),
    ],
    ['nodeName cannot be set with scheduling gates', simplePod({}, { nodeName: 'n', schedulingGates: [{ name: 'g' }] }), P('spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared')],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(POD, obj), want); });

  it('bad pod name', () => {
    assert.equal(createMessage(POD, pod({ containers: [{ name: 'c', image: 'x' }] }, 'My_Pod')), `Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN}`);
  });
});

describe('Pod update', () => {
  const old = simplePod({ image: 'nginx:1' }, { tolerations: [{ key: 'a', operator: 'Exists' }], terminationGracePeriodSeconds: -1 });
  const FORBIDDEN =
    'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
  const table: [string, Record<string, unknown>, string][] = [
    ['image change', simplePod({ image: 'nginx:2' }, { tolerations: [{ key: 'a', operator: 'Exists' }], terminationGracePeriodSeconds: -1 }), 'OK'],
    ['labels change', { ...old, metadata: { ...(old.metadata as object), labels: { a: 'b' } } }, 'OK'],
    [
      'toleration added',
      simplePod({ image: 'nginx:1' }, { tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }], terminationGracePeriodSeconds: -1 }),
      'OK',
    ],
    ['activeDeadlineSeconds set', simplePod({ image: 'nginx:1' }, { tolerations: [{ key: 'a', operator: 'Exists' }], terminationGracePeriodSeconds: -1, activeDeadlineSeconds: 30 }), 'OK'],
    ['grace period negative to 1', simplePod({ image: 'nginx:1' }, { tolerations: [{ key: 'a', operator: 'Exists' }], terminationGracePeriodSeconds: 1 }), 'OK'],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(updateMessage(POD, obj, old), want); });

  it('other spec changes are forbidden, with a description of the change', () => {
    const next = simplePod({ image: 'nginx:1', command: ['sh'] }, { tolerations: [{ key: 'a', operator: 'Exists' }], terminationGracePeriodSeconds: -1 });
    const msg = updateMessage(POD, next, old);
    assert.ok(msg.startsWith(P(FORBIDDEN)), msg);
    assert.match(msg, /containers\[0\]\.command/);
  });

  it('removing a toleration is forbidden', () => {
    const next = simplePod({ image: 'nginx:1' }, { terminationGracePeriodSeconds: -1 });
    assert.equal(updateMessage(POD, next, old), P('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'));
  });

  it('activeDeadlineSeconds may only decrease once set', () => {
    const o = simplePod({}, { activeDeadlineSeconds: 10 });
    assert.equal(updateMessage(POD, simplePod({}, { activeDeadlineSeconds: 5 }), o), 'OK');
    assert.equal(
      updateMessage(POD, simplePod({}, { activeDeadlineSeconds: 20 }), o),
      P('spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value'),
    );
  });
});

describe('QoS class', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['BestEffort', {}, 'BestEffort'],
    ['Guaranteed', { resources: { limits: { cpu: '1', memory: '1Gi' } } }, 'Guaranteed'],
    ['Guaranteed with equal requests', { resources: { requests: { cpu: '1000m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }, 'Guaranteed'],
    ['Burstable', { resources: { requests: { cpu: '100m' } } }, 'Burstable'],
    ['Burstable without memory limit', { resources: { limits: { cpu: '1' } } }, 'Burstable'],
  ];
  // QoS is computed on the defaulted pod (requests default to limits).
  for (const [name, extra, want] of table) it(name, () => { assert.equal(computePodQOS(applyDefaults(POD, simplePod(extra))), want); });
  it('limits without requests on a raw pod are Burstable', () => {
    assert.equal(computePodQOS(simplePod({ resources: { limits: { cpu: '1', memory: '1Gi' } } })), 'Burstable');
  });
});

describe('PodTemplate and ReplicationController', () => {
  const RC = gvk('', 'v1', 'ReplicationController');
  const PT = gvk('', 'v1', 'PodTemplate');
  it('pod template validates its template', () => {
    assert.equal(createMessage(PT, { metadata: { name: 't', namespace: 'd' }, template: { spec: { containers: [{ name: 'c' }] } } }), 'PodTemplate "t" is invalid: template.spec.containers[0].image: Required value');
  });
  it('rc defaults its selector from the template labels', () => {
    assert.equal(createMessage(RC, { metadata: { name: 'r', namespace: 'd' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } }), 'OK');
  });
  it('rc selector must match template labels', () => {
    assert.equal(
      createMessage(RC, { metadata: { name: 'r', namespace: 'd' }, spec: { selector: { a: 'c' }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } }),
      'ReplicationController "r" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"a":"b"}: `selector` does not match template `labels`',
    );
  });
  it('rc template restartPolicy must be Always', () => {
    assert.equal(
      createMessage(RC, { metadata: { name: 'r', namespace: 'd' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } } }),
      'ReplicationController "r" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessage, DEPLOYMENT, gvk, podTemplate, updateMessage } from './testing.js';

const RS = gvk('apps', 'v1', 'ReplicaSet');
const STS = gvk('apps', 'v1', 'StatefulSet');
const DS = gvk('apps', 'v1', 'DaemonSet');
const CR = gvk('apps', 'v1', 'ControllerRevision');
const m = (name = 'o') => ({ name, namespace: 'd', resourceVersion: '1' });
const sel = { matchLabels: { app: 'a' } };
const dep = (spec: Record<string, unknown>) => ({ metadata: m(), spec: { selector: sel, template: podTemplate({ app: 'a' }), ...spec } });
const D = (msg: string): string => `Deployment.apps "o" is invalid: ${msg}`;

describe('Deployment', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['ok', dep({}), 'OK'],
    ['negative replicas', dep({ replicas: -1 }), D('spec.replicas: Invalid value: -1: must be greater than or equal to 0')],
    [
      'selector required',
      dep({ selector: undefined, template: podTemplate({ app: 'other' }) }),
      D('[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`]'),
    ],
    [
      'empty selector',
      dep({ selector: {} }),
      D('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'),
    ],
    ['selector does not match', dep({ template: podTemplate({ app: 'other' }) }), D('spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`')],
    [
      'template without labels',
      dep({ template: { spec: { containers: [{ name: 'c', image: 'x' }] } } }),
      D('spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`'),
    ],
    ['matchExpressions selector', dep({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] } }), 'OK'],
    ['invalid template', dep({ template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c' }] } } }), D('spec.template.spec.containers[0].image: Required value')],
    ['template restartPolicy', dep({ template: podTemplate({ app: 'a' }, { restartPolicy: 'Never' }) }), D('spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"')],
    [
      'Recreate with rollingUpdate',
      dep({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      D("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"),
    ],
    ['Recreate', dep({ strategy: { type: 'Recreate' } }), 'OK'],
    [
      'both zero',
      dep({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      D('spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'),
    ],
    [
      'bad percents',
      dep({ strategy: { rollingUpdate: { maxSurge: '25', maxUnavailable: '120%' } } }),
      D(
        "[spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"25\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%'), spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: must not be greater than 100%]",
      ),
    ],
    [
      'unknown strategy',
      dep({ strategy: { type: 'Foo' } }),
      D('spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Foo", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'),
    ],
    ['progress deadline vs minReadySeconds', dep({ minReadySeconds: 700 }), D('spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds')],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(DEPLOYMENT, obj), want); });

  const old = dep({ template: podTemplate({ app: 'a', b: 'c' }) });
  it('selector is immutable', () => {
    assert.equal(
      updateMessage(DEPLOYMENT, dep({ selector: { matchLabels: { app: 'a', b: 'c' } }, template: podTemplate({ app: 'a', b: 'c' }) }), old),
      D('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"a", "b":"c"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'),
    );
  });
  it('replicas and template may change', () => {
    assert.equal(updateMessage(DEPLOYMENT, dep({ replicas: 3, template: podTemplate({ app: 'a', b: 'd' }, { containers: [{ name: 'c', image: 'nginx:2' }] }) }), old), 'OK');
  });
});

describe('ReplicaSet, StatefulSet, DaemonSet', () => {
  it('replica set ok', () => { assert.equal(createMessage(RS, { metadata: m(), spec: { selector: sel, template: podTemplate({ app: 'a' }) } }), 'OK'); });
  it('replica set mismatch', () => {
    assert.equal(
      createMessage(RS, { metadata: m(), spec: { selector: sel, template: podTemplate({ app: 'b' }) } }),
      'ReplicaSet.apps "o" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`',
    );
  });
  it('stateful set ok', () => { assert.equal(createMessage(STS, { metadata: m(), spec: { selector: sel, serviceName: 's', template: podTemplate({ app: 'a' }) } }), 'OK'); });
  it('stateful set names are DNS labels', () => {
    assert.equal(createMessage(STS, { metadata: m('a.b'), spec: { selector: sel, template: podTemplate({ app: 'a' }) } }), 'StatefulSet.apps "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots');
  });
  it('stateful set podManagementPolicy', () => {
    assert.equal(
      createMessage(STS, { metadata: m(), spec: { selector: sel, podManagementPolicy: 'Foo', template: podTemplate({ app: 'a' }) } }),
      "StatefulSet.apps \"o\" is invalid: spec.podManagementPolicy: Invalid value: \"Foo\": must be 'OrderedReady' or 'Parallel'",
    );
  });
  it('stateful set spec updates are limited', () => {
    const old = { metadata: m(), spec: { selector: sel, serviceName: 's', template: podTemplate({ app: 'a' }) } };
    assert.equal(
      updateMessage(STS, { metadata: m(), spec: { selector: sel, serviceName: 'other', template: podTemplate({ app: 'a' }) } }, old),
      "StatefulSet.apps \"o\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    assert.equal(updateMessage(STS, { metadata: m(), spec: { replicas: 5, selector: sel, serviceName: 's', template: podTemplate({ app: 'a' }) } }, old), 'OK');
  });
  it('daemon set ok', () => { assert.equal(createMessage(DS, { metadata: m(), spec: { selector: sel, template: podTemplate({ app: 'a' }) } }), 'OK'); });
  it('daemon set rolling update needs one of maxUnavailable / maxSurge', () => {
    assert.equal(
      createMessage(DS, { metadata: m(), spec: { selector: sel, updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }, template: podTemplate({ app: 'a' }) } }),
      'DaemonSet.apps "o" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    );
  });
  it('controller revision needs a revision number >= 0', () => {
    assert.equal(createMessage(CR, { metadata: m(), data: {}, revision: 1 }), 'OK');
    assert.equal(createMessage(CR, { metadata: m(), data: {}, revision: -1 }), 'ControllerRevision.apps "o" is invalid: revision: Invalid value: -1: must be greater than or equal to 0');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessage, gvk, updateMessage } from './testing.js';

const CRD = gvk('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition');
const schema = { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } };
const v = (extra: Record<string, unknown> = {}) => ({ name: 'v1', served: true, storage: true, schema, ...extra });
const crd = (spec: Record<string, unknown>, name = 'widgets.example.com') => ({
  metadata: { name, resourceVersion: '1' },
  spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions: [v()], ...spec },
});
const C = (msg: string, name = 'widgets.example.com'): string => `CustomResourceDefinition.apiextensions.k8s.io "${name}" is invalid: ${msg}`;
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('CustomResourceDefinition', () => {
  const table: [string, Record<string, unknown>, string][] = [
    ['ok', crd({}), 'OK'],
    ['status and scale subresources', crd({ versions: [v({ subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } } })] }), 'OK'],
    ['preserve unknown fields at the root', crd({ versions: [v({ schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } })] }), 'OK'],
    ['name must be plural.group', crd({}, 'widgets'), C('metadata.name: Invalid value: "widgets": must be spec.names.plural+"."+spec.group', 'widgets')],
    ['scope enum', crd({ scope: 'Global' }), C('spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"')],
    [
      'no storage version',
      crd({ versions: [] }),
      C(
        '[spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{}: must have exactly one version marked as storage version, status.storedVersions: Invalid value: []string(nil): must have at least one stored version]',
      ),
    ],
    ['schema required', crd({ versions: [v({ schema: undefined })] }), C('spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required')],
    [
      'root must be an object',
      crd({ versions: [v({ schema: { openAPIV3Schema: { type: 'string' } } })] }),
      C('spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root'),
    ],
    [
      'structural: types required',
      crd({ versions: [v({ schema: { openAPIV3Schema: { type: 'object', properties: { spec: { properties: { a: { type: 'string' } } } } } } })] }),
      C('spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields'),
    ],
    ['group needs a dot', crd({ group: 'example' }, 'widgets.example'), C('spec.group: Invalid value: "example": should be a domain with at least one dot', 'widgets.example')],
    [
      'protected groups need approval',
      crd({ group: 'foo.k8s.io' }, 'widgets.foo.k8s.io'),
      C(
        'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
        'widgets.foo.k8s.io',
      ),
    ],
    ['version names', crd({ versions: [v({ name: 'V1' })] }), C(`spec.versions[0].name: Invalid value: "V1": ${DNS1035}`)],
    [
      'scale paths',
      crd({ versions: [v({ subresources: { scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: '.status.replicas' } } })] }),
      C('spec.versions[0].subresources.scale.specReplicasPath: Invalid value: "spec.replicas": must be a simple json path starting with .'),
    ],
    [
      'printer column type',
      crd({ versions: [v({ additionalPrinterColumns: [{ name: 'Size', type: 'bogus', jsonPath: '.spec.size' }] })] }),
      C('spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "bogus": must be one of boolean,date,integer,number,string'),
    ],
  ];
  for (const [name, obj, want] of table) it(name, () => { assert.equal(createMessage(CRD, obj), want); });

  it('two storage versions', () => {
    const msg = createMessage(CRD, crd({ versions: [v(), v({ name: 'v2' })] }));
    assert.match(msg, /spec\.versions: Invalid value: .*: must have exactly one version marked as storage version/);
  });
  it('duplicate version names', () => {
    assert.match(createMessage(CRD, crd({ versions: [v(), v({ storage: false })] })), /must contain unique version names/);
  });

  const old = crd({});
  it('group is immutable', () => { assert.equal(updateMessage(CRD, crd({ group: 'other.com' }), old), C('spec.group: Invalid value: "other.com": field is immutable')); });
  it('versions may be added', () => { assert.equal(updateMessage(CRD, crd({ versions: [v(), v({ name: 'v2', storage: false })] }), old), 'OK'); });
});

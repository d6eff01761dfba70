import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentRef, wellKnown } from '../names.js';
import type { SchemaNode } from '../types.js';
import { SchemaConversionError, convertModules, withSiblings } from './convert.js';
import type { ConvertTables, RawModule } from './convert.js';

const noTables: Partial<ConvertTables> = { fieldFormats: {}, fieldPatchMeta: {}, definitionMapType: {}, mergedDefinitions: {} };

function module(pkg: string, definitions: Record<string, unknown>, imports: Record<string, string> = {}): RawModule {
  return {
    pkg,
    definitions,
    resolve: (name) => (name in definitions ? `${pkg}.${name}` : imports[name]),
  };
}

const meta = module('io.k8s.apimachinery.pkg.apis.meta.v1', {
  ObjectMeta: { type: 'object', description: 'meta', properties: { name: { type: 'string' }, generation: { type: 'number' } } },
  Time: { type: 'string', description: 'a time' },
});

function convert(mod: RawModule, tables: Partial<ConvertTables> = {}): Record<string, SchemaNode> {
  return convertModules([meta, mod], { groupVersions: [{ group: '', version: 'v1' }], tables: { ...noTables, ...tables } });
}

const imports = { ObjectMeta: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', Time: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time' };
const widget = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): RawModule =>
  module('io.k8s.api.test.v1', { Widget: { type: 'object', description: 'A widget.', properties }, ...extra }, imports);

describe('convertModules', () => {
  const cases: { name: string; properties: Record<string, unknown>; field: string; expected: SchemaNode; tables?: Partial<ConvertTables> }[] = [
    {
      name: 'a bare reference gets the full component name',
      properties: { metadata: { $ref: '#/definitions/ObjectMeta' } },
      field: 'metadata',
      expected: { $ref: componentRef('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta') },
    },
    {
      name: 'a described reference is wrapped in allOf',
      properties: { since: { $ref: '#/definitions/Time', description: 'when' } },
      field: 'since',
      expected: { allOf: [{ $ref: componentRef(wellKnown.time) }], description: 'when' },
    },
    {
      name: 'number | string becomes IntOrString',
      properties: { port: { type: ['number', 'string'], description: 'port' } },
      field: 'port',
      expected: { allOf: [{ $ref: componentRef(wellKnown.intOrString) }], description: 'port' },
    },
    {
      name: 'numbers are int32 unless the table says otherwise',
      properties: { replicas: { type: 'number' } },
      field: 'replicas',
      expected: { type: 'integer', format: 'int32' },
    },
    {
      name: 'int64 from the table, on list items too',
      properties: { groups: { type: 'array', items: { type: 'number' } } },
      field: 'groups',
      expected: { type: 'array', items: { type: 'integer', format: 'int64' } },
      tables: { fieldFormats: { 'io.k8s.api.test.v1.Widget': { groups: 'int64' } } },
    },
    {
      name: 'double from the table',
      properties: { ratio: { type: 'number' } },
      field: 'ratio',
      expected: { type: 'number', format: 'double' },
      tables: { fieldFormats: { 'io.k8s.api.test.v1.Widget': { ratio: 'double' } } },
    },
    {
      name: 'bytes on map values',
      properties: { data: { type: 'object', additionalProperties: { type: 'string' } } },
      field: 'data',
      expected: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      tables: { fieldFormats: { 'io.k8s.api.test.v1.Widget': { data: 'byte' } } },
    },
    {
      name: 'literal apiVersion becomes a plain string',
      properties: { apiVersion: { type: 'string', const: 'test/v1', description: 'version' } },
      field: 'apiVersion',
      expected: { description: 'version', type: 'string' },
    },
    {
      name: 'patch meta on a list',
      properties: { items: { type: 'array', items: { type: 'string' } } },
      field: 'items',
      expected: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      tables: { fieldPatchMeta: { 'io.k8s.api.test.v1.Widget': { items: { 'x-kubernetes-list-type': 'set' } } } },
    },
    {
      name: 'patch meta on a bare reference wraps it',
      properties: { metadata: { $ref: '#/definitions/ObjectMeta' } },
      field: 'metadata',
      expected: { allOf: [{ $ref: componentRef(wellKnown.objectMeta) }], 'x-kubernetes-patch-strategy': 'retainKeys' },
      tables: { fieldPatchMeta: { 'io.k8s.api.test.v1.Widget': { metadata: { 'x-kubernetes-patch-strategy': 'retainKeys' } } } },
    },
    {
      name: 'unknown is any value',
      properties: { cells: { type: 'array', items: {} } },
      field: 'cells',
      expected: { type: 'array', items: {} },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = convert(widget(c.properties), c.tables);
      assert.deepEqual(out['io.k8s.api.test.v1.Widget']?.properties?.[c.field], c.expected);
    });
  }

  it('derives the GVK from apiVersion and kind literals', () => {
    const out = convert(widget({ apiVersion: { type: 'string', const: 'test.example.com/v2' }, kind: { type: 'string', const: 'Widget' } }));
    assert.deepEqual(out['io.k8s.api.test.v1.Widget']?.['x-kubernetes-group-version-kind'], [
      { group: 'test.example.com', kind: 'Widget', version: 'v2' },
    ]);
    const core = convert(widget({ apiVersion: { type: 'string', const: 'v1' }, kind: { type: 'string', const: 'Widget' } }));
    assert.deepEqual(core['io.k8s.api.test.v1.Widget']?.['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Widget', version: 'v1' }]);
  });

  it('renders the special types and adds IntOrString', () => {
    const out = convert(widget({}));
    assert.deepEqual(out[wellKnown.time], { description: 'a time', type: 'string', format: 'date-time' });
    assert.equal(out[wellKnown.intOrString]?.format, 'int-or-string');
    assert.equal(out['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']?.properties?.['generation']?.type, 'integer');
  });

  it('folds helper definitions into their target', () => {
    const out = convert(widget({ a: { type: 'string' } }, { WidgetExtras: { type: 'object', properties: { b: { type: 'boolean' } }, required: ['b'] } }), {
      mergedDefinitions: { 'io.k8s.api.test.v1.WidgetExtras': 'io.k8s.api.test.v1.Widget' },
    });
    assert.deepEqual(Object.keys(out['io.k8s.api.test.v1.Widget']?.properties ?? {}), ['a', 'b']);
    assert.deepEqual(out['io.k8s.api.test.v1.Widget']?.required, ['b']);
    assert.equal(out['io.k8s.api.test.v1.WidgetExtras'], undefined);
  });

  const failures: [string, RawModule, Partial<ConvertTables>, RegExp][] = [
    ['an unknown keyword', widget({ a: { type: 'string', pattern: 'x' } }), {}, /unexpected keyword pattern/],
    ['a reference to an unknown type', widget({ a: { $ref: '#/definitions/Nope' } }), {}, /cannot tell which package declares Nope/],
    ['an unexpected union', widget({ a: { type: ['boolean', 'string'] } }), {}, /unexpected union type/],
    ['a patch-meta entry for a missing field', widget({}), { fieldPatchMeta: { 'io.k8s.api.test.v1.Widget': { nope: { 'x-kubernetes-list-type': 'atomic' } } } }, /has no field nope/],
    ['a format entry for a missing field', widget({}), { fieldFormats: { 'io.k8s.api.test.v1.Widget': { nope: 'int64' } } }, /has no field nope/],
  ];
  for (const [what, mod, tables, message] of failures) {
    it(`rejects ${what}`, () => {
      assert.throws(() => convert(mod, tables), (e: unknown) => e instanceof SchemaConversionError && message.test(e.message));
    });
  }

  it('withSiblings leaves a node alone when there is nothing to add', () => {
    const node = { $ref: '#/components/schemas/x' };
    assert.equal(withSiblings(node, {}), node);
    assert.deepEqual(withSiblings({ type: 'string' }, { description: 'd' }), { type: 'string', description: 'd' });
  });
});

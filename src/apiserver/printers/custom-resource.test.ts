import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printCustomResourceTable, type AdditionalPrinterColumn } from './custom-resource.js';
import type { Json } from './types.js';

const now = new Date('2024-06-01T12:00:00Z');

const widget = (name: string, extra: Json = {}): Json => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name, namespace: 'default', resourceVersion: '5', creationTimestamp: '2024-06-01T11:58:00Z' },
  spec: { replicas: 3, size: 'large', ratio: 0.75, enabled: true, tags: ['a', 'b'], selector: { app: 'w' } },
  status: {
    readyReplicas: 2,
    lastSync: '2024-06-01T11:55:00Z',
    conditions: [{ type: 'Synced', status: 'True' }, { type: 'Ready', status: 'False', reason: 'Waiting' }],
  },
  ...extra,
});

const columns: AdditionalPrinterColumn[] = [
  { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status', description: 'Readiness' },
  { name: 'Size', type: 'string', jsonPath: '.spec.size', priority: 1 },
  { name: 'Last Sync', type: 'date', jsonPath: '.status.lastSync' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

describe('printCustomResourceTable', () => {
  it('adds Name first, then exactly the CRD columns', () => {
    const table = printCustomResourceTable(columns, [widget('w1')], { now, listMeta: { resourceVersion: '77' } });
    assert.deepEqual(table.columnDefinitions, [
      {
        name: 'Name', type: 'string', format: 'name', priority: 0,
        description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
      },
      { name: 'Replicas', type: 'integer', format: '', priority: 0, description: 'Custom resource definition column (in JSONPath format): .spec.replicas' },
      { name: 'Ready', type: 'string', format: '', priority: 0, description: 'Readiness' },
      { name: 'Size', type: 'string', format: '', priority: 1, description: 'Custom resource definition column (in JSONPath format): .spec.size' },
      { name: 'Last Sync', type: 'date', format: '', priority: 0, description: 'Custom resource definition column (in JSONPath format): .status.lastSync' },
      { name: 'Age', type: 'date', format: '', priority: 0, description: 'Custom resource definition column (in JSONPath format): .metadata.creationTimestamp' },
    ]);
    assert.deepEqual(table.metadata, { resourceVersion: '77' });
    assert.deepEqual(table.rows[0]?.cells, ['w1', 3, 'False', 'large', '5m', '2m']);
    assert.deepEqual(table.rows[0].object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: widget('w1').metadata });
  });

  it('gives a version without printer columns a single Age column', () => {
    const table = printCustomResourceTable([], [widget('w1'), { metadata: { name: 'young' } }], { now });
    assert.deepEqual(table.columnDefinitions.map((c) => [c.name, c.type]), [['Name', 'string'], ['Age', 'date']]);
    assert.match(table.columnDefinitions[1]?.description ?? '', /^CreationTimestamp is a timestamp/);
    // A missing timestamp is no value at all for a JSONPath column (kube prints an empty cell).
    assert.deepEqual(table.rows.map((r) => r.cells), [['w1', '2m'], ['young', null]]);
  });

  const cellCases: { name: string; column: AdditionalPrinterColumn; obj?: Json; want: unknown }[] = [
    { name: 'missing value', column: { name: 'X', type: 'string', jsonPath: '.spec.missing' }, want: null },
    { name: 'first match only', column: { name: 'X', type: 'string', jsonPath: '.spec.tags[*]' }, want: 'a' },
    { name: 'object as JSON', column: { name: 'X', type: 'string', jsonPath: '.spec.selector' }, want: '{"app":"w"}' },
    { name: 'list as JSON', column: { name: 'X', type: 'string', jsonPath: '.spec.tags' }, want: '["a","b"]' },
    { name: 'number printed in a string column', column: { name: 'X', type: 'string', jsonPath: '.spec.ratio' }, want: '0.75' },
    { name: 'boolean printed in a string column', column: { name: 'X', type: 'string', jsonPath: '.spec.enabled' }, want: 'true' },
    { name: 'null in a string column', column: { name: 'X', type: 'string', jsonPath: '.spec.n' }, obj: { metadata: { name: 'n' }, spec: { n: null } }, want: '<no value>' },
    { name: 'integer truncates numbers', column: { name: 'X', type: 'integer', jsonPath: '.spec.ratio' }, want: 0 },
    { name: 'integer of a string is empty', column: { name: 'X', type: 'integer', jsonPath: '.spec.size' }, want: null },
    { name: 'number', column: { name: 'X', type: 'number', jsonPath: '.spec.ratio' }, want: 0.75 },
    { name: 'boolean', column: { name: 'X', type: 'boolean', jsonPath: '.spec.enabled' }, want: true },
    { name: 'boolean of a string is empty', column: { name: 'X', type: 'boolean', jsonPath: '.spec.size' }, want: null },
    { name: 'date that does not parse', column: { name: 'X', type: 'date', jsonPath: '.spec.size' }, want: '<invalid>' },
    { name: 'date of a number is empty', column: { name: 'X', type: 'date', jsonPath: '.spec.replicas' }, want: null },
    { name: 'empty date', column: { name: 'X', type: 'date', jsonPath: '.spec.d' }, obj: { metadata: { name: 'n' }, spec: { d: '' } }, want: '<unknown>' },
    { name: 'unknown type', column: { name: 'X', type: 'object', jsonPath: '.spec.selector' }, want: null },
    { name: 'evaluation error', column: { name: 'X', type: 'string', jsonPath: '.spec.tags[9]' }, want: null },
    { name: 'label', column: { name: 'X', type: 'string', jsonPath: '.metadata.labels.app' }, obj: { metadata: { name: 'n', labels: { app: 'web' } } }, want: 'web' },
  ];
  for (const c of cellCases) {
    it(`cell: ${c.name}`, () => {
      const table = printCustomResourceTable([c.column], [c.obj ?? widget('w')], { now });
      assert.deepEqual(table.rows[0]?.cells.slice(1), [c.want]);
    });
  }

  it('stops at the first column whose JSONPath does not parse, as kube does', () => {
    const table = printCustomResourceTable(
      [
        { name: 'A', type: 'integer', jsonPath: '.spec.replicas' },
        { name: 'Bad', type: 'string', jsonPath: '.spec[' },
        { name: 'C', type: 'string', jsonPath: '.spec.size' },
      ],
      [widget('w')],
      { now },
    );
    assert.deepEqual(table.columnDefinitions.map((c) => c.name), ['Name', 'A']);
    assert.deepEqual(table.rows[0]?.cells, ['w', 3]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtobufDecodeError } from './errors.js';
import { messageSpec } from './schema.js';
import { messageToJson } from './to-json.js';
import { pb } from './testing/wire-builder.js';
import type { PbField } from './testing/wire-builder.js';
import { decodeMessage } from './wire.js';

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const TIME = `${META}.Time`;
const MICRO_TIME = `${META}.MicroTime`;
const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const FIELDS_V1 = `${META}.FieldsV1`;
const EXTRA_VALUE = 'k8s.io.api.authentication.v1.ExtraValue';

function toJson(type: string, fields: readonly PbField[]): unknown {
  return messageToJson(decodeMessage(pb(fields), messageSpec(type)), 'f');
}

const seconds = (s: number | string): PbField => [1, { varint: s }];
const nanos = (n: number): PbField => [2, { varint: n }];

describe('Go JSON forms', () => {
  const ok: { name: string; type: string; fields: readonly PbField[]; want: unknown }[] = [
    { name: 'Time: empty message is the zero time', type: TIME, fields: [], want: null },
    { name: 'Time: the epoch', type: TIME, fields: [seconds(0)], want: '1970-01-01T00:00:00Z' },
    {
      name: 'Time: whole seconds only',
      type: TIME,
      fields: [seconds(1700000000), nanos(999999999)],
      want: '2023-11-14T22:13:20Z',
    },
    { name: "Time: Go's zero time", type: TIME, fields: [seconds(-62135596800)], want: null },
    {
      name: 'Time: nanoseconds folded into the zero time',
      type: TIME,
      fields: [seconds(-62135596801), nanos(1_000_000_000)],
      want: null,
    },
    {
      name: 'Time: negative nanoseconds borrow a second',
      type: TIME,
      fields: [seconds(10), nanos(-1)],
      want: '1970-01-01T00:00:09Z',
    },
    {
      name: 'Time: before the epoch',
      type: TIME,
      fields: [seconds(-1)],
      want: '1969-12-31T23:59:59Z',
    },
    {
      name: 'Time: year 0',
      type: TIME,
      fields: [seconds(-62167219200)],
      want: '0000-01-01T00:00:00Z',
    },
    {
      name: 'Time: year 9999',
      type: TIME,
      fields: [seconds(253402300799)],
      want: '9999-12-31T23:59:59Z',
    },
    {
      name: 'MicroTime: six digits, truncated',
      type: MICRO_TIME,
      fields: [seconds(1700000000), nanos(123456789)],
      want: '2023-11-14T22:13:20.123456Z',
    },
    {
      name: 'MicroTime: whole second',
      type: MICRO_TIME,
      fields: [seconds(1700000000)],
      want: '2023-11-14T22:13:20.000000Z',
    },
    { name: 'MicroTime: empty message', type: MICRO_TIME, fields: [], want: null },
    { name: 'Quantity: absent string is zero', type: QUANTITY, fields: [], want: '0' },
    ...[
      '1',
      '1Gi',
      '500m',
      '1.5',
      '+1e3',
      '-2',
      '.5',
      '1.',
      '1E',
      '100Ki',
      '2e-3',
      '10n',
      '3u',
      '0.1k',
    ].map((q) => ({
      name: `Quantity: ${q}`,
      type: QUANTITY,
      fields: [[1, q]] as const,
      want: q,
    })),
    { name: 'IntOrString: empty is int 0', type: INT_OR_STRING, fields: [], want: 0 },
    {
      name: 'IntOrString: int',
      type: INT_OR_STRING,
      fields: [
        [1, { varint: 0 }],
        [2, { varint: 8080 }],
      ],
      want: 8080,
    },
    {
      name: 'IntOrString: negative int',
      type: INT_OR_STRING,
      fields: [[2, { varint: -1 }]],
      want: -1,
    },
    {
      name: 'IntOrString: string',
      type: INT_OR_STRING,
      fields: [
        [1, { varint: 1 }],
        [3, 'http'],
      ],
      want: 'http',
    },
    {
      name: 'IntOrString: string type without a string',
      type: INT_OR_STRING,
      fields: [
        [1, { varint: 1 }],
        [2, { varint: 5 }],
      ],
      want: '',
    },
    { name: 'FieldsV1: absent raw', type: FIELDS_V1, fields: [], want: null },
    {
      name: 'FieldsV1: raw JSON',
      type: FIELDS_V1,
      fields: [[1, Buffer.from('{"f:metadata":{"f:labels":{}}}')]],
      want: { 'f:metadata': { 'f:labels': {} } },
    },
    {
      name: 'ExtraValue: items',
      type: EXTRA_VALUE,
      fields: [
        [1, 'a'],
        [1, 'b'],
      ],
      want: ['a', 'b'],
    },
    { name: 'ExtraValue: none is nil', type: EXTRA_VALUE, fields: [], want: null },
  ];
  for (const c of ok) {
    it(c.name, () => {
      assert.deepStrictEqual(toJson(c.type, c.fields), c.want);
    });
  }

  const bad: { name: string; type: string; fields: readonly PbField[]; message: RegExp }[] = [
    {
      name: 'Time: year 10000',
      type: TIME,
      fields: [seconds(253402300800)],
      message: /^f: time .* outside years 0-9999/,
    },
    {
      name: 'Time: before year 0',
      type: TIME,
      fields: [seconds(-62167219201)],
      message: /outside years/,
    },
    {
      name: 'MicroTime: year 10000',
      type: MICRO_TIME,
      fields: [seconds(253402300800)],
      message: /outside years/,
    },
    ...['', 'lots', '1 Gi', '1GiB', '1e', 'e3', '1..2', '--1', '1Ki5', '.', '0x10', '1ki'].map(
      (q) => ({
        name: `Quantity: ${JSON.stringify(q)}`,
        type: QUANTITY,
        fields: [[1, q]] as const,
        message: /is not a valid resource quantity/,
      }),
    ),
    {
      name: 'IntOrString: type 2',
      type: INT_OR_STRING,
      fields: [[1, { varint: 2 }]],
      message: /^f: IntOrString type 2/,
    },
    {
      name: 'FieldsV1: not JSON',
      type: FIELDS_V1,
      fields: [[1, Buffer.from('{"a":')]],
      message: /not valid JSON/,
    },
    {
      name: 'FieldsV1: empty raw',
      type: FIELDS_V1,
      fields: [[1, new Uint8Array(0)]],
      message: /not valid JSON/,
    },
    {
      name: 'FieldsV1: not UTF-8',
      type: FIELDS_V1,
      fields: [[1, Uint8Array.of(0x22, 0xff, 0x22)]],
      message: /not valid JSON/,
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      assert.throws(
        () => toJson(c.type, c.fields),
        (e: unknown) =>
          e instanceof ProtobufDecodeError &&
          e.reason === 'InvalidValue' &&
          c.message.test(e.message),
      );
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtobufDecodeError } from './errors.js';
import type { ProtobufDecodeErrorReason } from './errors.js';
import { compileSchema, messageSpec } from './schema.js';
import type { MessageSpec } from './schema.js';
import { messageToJson } from './to-json.js';
import { packedVarints, pb, tag } from './testing/wire-builder.js';
import type { PbField } from './testing/wire-builder.js';
import { decodeMessage } from './wire.js';

const CORE = 'k8s.io.api.core.v1';
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

function decode(type: string | MessageSpec, fields: readonly PbField[] | Uint8Array): unknown {
  const spec = typeof type === 'string' ? messageSpec(type) : type;
  return messageToJson(decodeMessage(fields instanceof Uint8Array ? fields : pb(fields), spec), '');
}

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('wire decoding', () => {
  const ok: {
    name: string;
    type: string;
    fields: readonly PbField[] | Uint8Array;
    want: unknown;
  }[] = [
    {
      name: 'the last of a repeated scalar wins',
      type: `${META}.OwnerReference`,
      fields: [
        [3, 'a'],
        [3, 'b'],
      ],
      want: { apiVersion: '', kind: '', name: 'b', uid: '' },
    },
    {
      name: 'a repeated singular message is merged',
      type: 'k8s.io.api.policy.v1.PodDisruptionBudgetSpec',
      fields: [
        [
          2,
          [
            [
              1,
              [
                [1, 'a'],
                [2, '1'],
              ],
            ],
          ],
        ],
        [
          2,
          [
            [
              1,
              [
                [1, 'b'],
                [2, '2'],
              ],
            ],
          ],
        ],
      ],
      want: { selector: { matchLabels: { a: '1', b: '2' } } },
    },
    {
      name: 'unknown fields of every wire type are skipped',
      type: `${META}.OwnerReference`,
      fields: [
        [99, { varint: 7 }],
        [100, 'x'],
        [101, { wire: 1, raw: new Uint8Array(8) }],
        [102, { wire: 5, raw: new Uint8Array(4) }],
        [103, { wire: 3, raw: Buffer.concat([pb([[1, 'in group']]), tag(103, 4)]) }],
        [3, 'kept'],
      ],
      want: { apiVersion: '', kind: '', name: 'kept', uid: '' },
    },
    {
      name: 'repeated varints, packed and not, in wire order',
      type: `${CORE}.PodSecurityContext`,
      fields: [
        [4, packedVarints([1, 2])],
        [4, { varint: 3 }],
        [4, packedVarints([])],
        [4, packedVarints([-4])],
      ],
      want: { supplementalGroups: [1, 2, 3, -4] },
    },
    {
      name: 'negative int64 (ten-byte varints)',
      type: `${CORE}.PodSecurityContext`,
      fields: [
        [2, { varint: -1 }],
        [5, { varint: '-9007199254740991' }],
      ],
      want: { runAsUser: -1, fsGroup: -9007199254740991 },
    },
    {
      name: 'negative int32',
      type: `${CORE}.ContainerPort`,
      fields: [[3, { varint: -1 }]],
      want: { containerPort: -1 },
    },
    {
      name: 'a map of messages with a missing value gets the zero message',
      type: `${CORE}.ResourceQuotaSpec`,
      fields: [
        [
          1,
          [
            [1, 'pods'],
            [2, [[1, '10']]],
          ],
        ],
        [1, [[1, 'cpu']]],
      ],
      want: { hard: { cpu: '0', pods: '10' } },
    },
  ];
  for (const c of ok) {
    it(c.name, () => {
      assert.deepStrictEqual(decode(c.type, c.fields), c.want);
    });
  }

  it('map entries: missing key or value, duplicate key (last wins), unknown field; keys sorted', () => {
    const got = decode(`${CORE}.ConfigMap`, [
      [
        2,
        [
          [1, 'z'],
          [2, 'first'],
        ],
      ],
      [
        2,
        [
          [1, 'z'],
          [2, 'last'],
          [9, 'ignored'],
        ],
      ],
      [2, [[2, 'no key']]],
      [2, [[1, 'no value']]],
      [
        3,
        [
          [1, 'bin'],
          [2, bytes(0, 255)],
        ],
      ],
      [3, [[1, 'nothing']]],
    ]);
    assert.equal(
      JSON.stringify(got),
      '{"metadata":{"creationTimestamp":null},"data":{"":"no key","no value":"","z":"last"},"binaryData":{"bin":"AP8=","nothing":""}}',
    );
  });

  it('does not let a map key named __proto__ touch the prototype', () => {
    const got = decode(`${CORE}.ConfigMap`, [
      [
        2,
        [
          [1, '__proto__'],
          [2, 'x'],
        ],
      ],
    ]) as { data: Record<string, unknown> };
    assert.equal(Object.getPrototypeOf(got.data), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(got.data, '__proto__')?.value, 'x');
  });

  const bad: {
    name: string;
    type: string | MessageSpec;
    fields: readonly PbField[] | Uint8Array;
    reason: ProtobufDecodeErrorReason;
    message: RegExp;
  }[] = [
    {
      name: 'varint for a string',
      type: `${META}.OwnerReference`,
      fields: [[3, { varint: 1 }]],
      reason: 'Malformed',
      message: /^name: wrong wire type 0 \(expected 2\)/,
    },
    {
      name: 'string for a bool',
      type: `${META}.OwnerReference`,
      fields: [[6, 'yes']],
      reason: 'Malformed',
      message: /^controller: wrong wire type 2/,
    },
    {
      name: 'fixed64 for a message',
      type: `${META}.ObjectMeta`,
      fields: [[8, { wire: 1, raw: new Uint8Array(8) }]],
      reason: 'Malformed',
      message: /^creationTimestamp: wrong wire type 1/,
    },
    {
      name: 'varint for a repeated message',
      type: `${META}.ObjectMeta`,
      fields: [
        [13, [[3, 'a']]],
        [13, { varint: 1 }],
      ],
      reason: 'Malformed',
      message: /^ownerReferences\[1\]: wrong wire type 0/,
    },
    {
      name: 'fixed32 for a repeated string',
      type: `${META}.ObjectMeta`,
      fields: [[14, { wire: 5, raw: new Uint8Array(4) }]],
      reason: 'Malformed',
      message: /^finalizers\[0\]: wrong wire type 5/,
    },
    {
      name: 'varint for a map entry',
      type: `${META}.ObjectMeta`,
      fields: [[11, { varint: 1 }]],
      reason: 'Malformed',
      message: /^labels: wrong wire type 0/,
    },
    {
      name: 'varint for a map key',
      type: `${META}.ObjectMeta`,
      fields: [[11, [[1, { varint: 1 }]]]],
      reason: 'Malformed',
      message: /^labels: wrong wire type 0/,
    },
    {
      name: 'varint for a map value',
      type: `${META}.ObjectMeta`,
      fields: [
        [
          11,
          [
            [1, 'k'],
            [2, { varint: 1 }],
          ],
        ],
      ],
      reason: 'Malformed',
      message: /^labels: wrong wire type 0/,
    },
    {
      name: 'field number 0',
      type: `${META}.ObjectMeta`,
      fields: bytes(0x02, 0x00),
      reason: 'Malformed',
      message: /field number 0/,
    },
    {
      name: 'wire type 7',
      type: `${META}.ObjectMeta`,
      fields: bytes(0x0f, 0x00),
      reason: 'Malformed',
      message: /wire type/,
    },
    {
      name: 'wire type 6 on an unknown field',
      type: `${META}.ObjectMeta`,
      fields: tag(99, 6),
      reason: 'Malformed',
      message: /truncated or garbled/,
    },
    {
      name: 'an end-group tag with no group',
      type: `${META}.ObjectMeta`,
      fields: tag(99, 4),
      reason: 'Malformed',
      message: /truncated or garbled/,
    },
    {
      name: 'a length past the end',
      type: `${META}.ObjectMeta`,
      fields: bytes(0x0a, 0x05, 0x61),
      reason: 'Malformed',
      message: /^name: truncated or garbled/,
    },
    {
      name: 'a nested length past the end of its parent',
      type: `${META}.ObjectMeta`,
      fields: [
        [17, bytes(0x22, 0x09, 0x08)],
        [3, 'trailing'],
      ],
      reason: 'Malformed',
      message: /^managedFields\[0\]\.time: length 9 runs past the end of the enclosing message/,
    },
    {
      name: 'a string running across the end of its message',
      type: `${META}.ObjectMeta`,
      fields: Buffer.concat([bytes(0x6a, 0x03, 0x1a, 0x05, 0x61), pb([[3, 'bcdefgh']])]),
      reason: 'Malformed',
      message: /^ownerReferences\[0\]\.name/,
    },
    {
      name: 'a truncated varint',
      type: `${META}.ObjectMeta`,
      fields: bytes(0x38, 0xff),
      reason: 'Malformed',
      message: /^generation: truncated or garbled/,
    },
    {
      name: 'an eleven-byte varint',
      type: `${META}.ObjectMeta`,
      fields: bytes(0x38, ...new Array<number>(10).fill(0xff), 0x01),
      reason: 'Malformed',
      message: /^generation/,
    },
    {
      name: 'an int64 beyond 2^53',
      type: `${META}.ObjectMeta`,
      fields: [[7, { varint: '9007199254740993' }]],
      reason: 'InvalidValue',
      message: /^generation: integer 9007199254740993/,
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      assert.throws(
        () => decode(c.type, c.fields),
        (e: unknown) =>
          e instanceof ProtobufDecodeError && e.reason === c.reason && c.message.test(e.message),
      );
    });
  }

  it('refuses messages nested past the depth limit', () => {
    const recursive = compileSchema([
      'syntax = "proto2"; package t; message R { optional R r = 1 [(go.pointer) = true]; optional string s = 2; }',
    ]).get('t.R');
    assert.ok(recursive);
    let body = pb([[2, 'leaf']]);
    assert.deepEqual(decode(recursive, [[1, body]]), { r: { s: 'leaf' } });
    for (let i = 0; i < 120; i++) body = pb([[1, body]]);
    assert.throws(() => decode(recursive, body), /nested too deeply/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSchema, messageSpec } from './schema.js';
import { messageToJson } from './to-json.js';
import { pb } from './testing/wire-builder.js';
import type { PbField } from './testing/wire-builder.js';
import { decodeMessage } from './wire.js';

const CORE = 'k8s.io.api.core.v1';

const TEST_SCHEMA = compileSchema([
  `syntax = "proto2";
   package t;
   message Inner { optional string s = 1; }
   message Embedded { optional string e = 1; optional int32 n = 2 [(go.omitempty) = false]; }
   message Fields {
     optional string s = 1;
     optional string sAlways = 2 [(go.omitempty) = false];
     optional string sPtr = 3 [(go.pointer) = true];
     optional string sPtrAlways = 4 [(go.pointer) = true, (go.omitempty) = false];
     optional int32 i = 5;
     optional int64 iAlways = 6 [(go.omitempty) = false];
     optional bool b = 7;
     optional bool bPtr = 8 [(go.pointer) = true];
     optional bytes raw = 9;
     optional bytes rawAlways = 10 [(go.omitempty) = false];
     repeated string list = 11;
     repeated string listAlways = 12 [(go.omitempty) = false];
     map<string, string> m = 13;
     map<string, string> mAlways = 14 [(go.omitempty) = false];
     optional Inner struct = 15;
     optional Inner structPtr = 16 [(go.pointer) = true];
     optional Inner structPtrAlways = 17 [(go.pointer) = true, (go.omitempty) = false];
     optional Embedded embedded = 18 [(go.embedded) = true];
     optional string after = 19;
   }`,
]);

function toJson(type: string, fields: readonly PbField[]): unknown {
  const spec = TEST_SCHEMA.get(type) ?? messageSpec(type);
  return messageToJson(decodeMessage(pb(fields), spec), '');
}

describe("Go encoding/json's rules for the decoded struct", () => {
  const cases: { name: string; type: string; fields: readonly PbField[]; want: string }[] = [
    {
      name: 'nothing on the wire: zero values, nils and zero structs',
      type: 't.Fields',
      fields: [],
      want: '{"sAlways":"","sPtrAlways":null,"iAlways":0,"rawAlways":null,"listAlways":null,"mAlways":null,"struct":{},"structPtrAlways":null,"n":0}',
    },
    {
      name: 'zero values on the wire',
      type: 't.Fields',
      fields: [
        [1, ''],
        [2, ''],
        [3, ''],
        [4, ''],
        [5, { varint: 0 }],
        [6, { varint: 0 }],
        [7, { varint: 0 }],
        [8, { varint: 0 }],
        [9, new Uint8Array(0)],
        [10, new Uint8Array(0)],
        [15, []],
        [16, []],
        [17, []],
        [18, []],
      ],
      want: '{"sAlways":"","sPtr":"","sPtrAlways":"","iAlways":0,"bPtr":false,"rawAlways":"","listAlways":null,"mAlways":null,"struct":{},"structPtr":{},"structPtrAlways":{},"n":0}',
    },
    {
      name: 'values, with the embedded struct inline at its place',
      type: 't.Fields',
      fields: [
        [19, 'last'],
        [
          18,
          [
            [1, 'inline'],
            [2, { varint: 4 }],
          ],
        ],
        [17, [[1, 'c']]],
        [16, [[1, 'b']]],
        [15, [[1, 'a']]],
        [
          14,
          [
            [1, 'y'],
            [2, '2'],
          ],
        ],
        [
          13,
          [
            [1, 'x'],
            [2, '1'],
          ],
        ],
        [12, 'q'],
        [11, 'p'],
        [11, ''],
        [10, Uint8Array.of(1)],
        [9, Uint8Array.of(0xfb, 0xff)],
        [8, { varint: 1 }],
        [7, { varint: 1 }],
        [6, { varint: -6 }],
        [5, { varint: 5 }],
        [4, 'd'],
        [3, 'c'],
        [2, 'b'],
        [1, 'a'],
      ],
      want:
        '{"s":"a","sAlways":"b","sPtr":"c","sPtrAlways":"d","i":5,"iAlways":-6,"b":true,"bPtr":true,"raw":"+/8=","rawAlways":"AQ==",' +
        '"list":["p",""],"listAlways":["q"],"m":{"x":"1"},"mAlways":{"y":"2"},"struct":{"s":"a"},"structPtr":{"s":"b"},' +
        '"structPtrAlways":{"s":"c"},"e":"inline","n":4,"after":"last"}',
    },
    {
      name: 'a Deployment spec with nothing set',
      type: 'k8s.io.api.apps.v1.DeploymentSpec',
      fields: [],
      want: '{"selector":null,"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}},"strategy":{}}',
    },
    {
      name: 'a Probe: ProbeHandler is embedded',
      type: `${CORE}.Probe`,
      fields: [
        [1, [[1, [[1, 'true']]]]],
        [2, { varint: 3 }],
      ],
      want: '{"exec":{"command":["true"]},"initialDelaySeconds":3}',
    },
    {
      name: 'a ConfigMapKeySelector: LocalObjectReference is embedded',
      type: `${CORE}.ConfigMapKeySelector`,
      fields: [
        [1, [[1, 'cm']]],
        [2, 'k'],
      ],
      want: '{"name":"cm","key":"k"}',
    },
    {
      name: 'an emptyDir volume is an empty object, not left out',
      type: `${CORE}.Volume`,
      fields: [
        [1, 'scratch'],
        [2, [[2, []]]],
      ],
      want: '{"name":"scratch","emptyDir":{}}',
    },
    {
      name: 'ServicePort: targetPort is a struct (IntOrString), written when zero',
      type: `${CORE}.ServicePort`,
      fields: [[3, { varint: 80 }]],
      want: '{"port":80,"targetPort":0}',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(JSON.stringify(toJson(c.type, c.fields)), c.want);
    });
  }
});

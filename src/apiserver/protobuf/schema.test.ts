import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { protobufMessageFor, supportedProtobufKinds } from './kinds.js';
import { protoSources } from './proto/index.js';
import { compileSchema, messageSpec, messageSpecs } from './schema.js';

describe('protobuf schema', () => {
  it('compiles, and every supported kind has its message', () => {
    assert.ok(messageSpecs().size > 200);
    for (const key of supportedProtobufKinds()) {
      const slash = key.lastIndexOf('/');
      const name = protobufMessageFor(key.slice(0, slash), key.slice(slash + 1));
      assert.ok(name !== undefined, key);
      const spec = messageSpec(name);
      const [first] = spec.fields;
      assert.equal(first?.name, 'metadata', key);
      assert.equal(first.id, 1, key);
    }
    assert.equal(protobufMessageFor('v1', 'Pod'), undefined);
  });

  it('has no field number twice in a message, and only JSON-style names', () => {
    for (const spec of messageSpecs().values()) {
      assert.equal(spec.fieldsById.size, spec.fields.length, spec.fullName);
      for (const f of spec.fields)
        assert.match(f.name, /^[a-zA-Z][a-zA-Z0-9]*$/, `${spec.fullName}.${f.name}`);
    }
  });

  it('records the Go facts the JSON depends on', () => {
    const field = (message: string, name: string) =>
      messageSpec(message).fields.find((f) => f.name === name);
    const facts: [message: string, field: string, want: Record<string, unknown>][] = [
      [
        'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta',
        'name',
        { id: 1, pointer: false, omitempty: true },
      ],
      [
        'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta',
        'deletionGracePeriodSeconds',
        { id: 10, pointer: true },
      ],
      ['k8s.io.api.apps.v1.DeploymentSpec', 'replicas', { id: 1, pointer: true }],
      ['k8s.io.api.apps.v1.DeploymentSpec', 'selector', { id: 2, pointer: true, omitempty: false }],
      [
        'k8s.io.api.core.v1.PodSpec',
        'containers',
        { id: 2, cardinality: 'repeated', omitempty: false },
      ],
      ['k8s.io.api.core.v1.Probe', 'handler', { id: 1, embedded: true }],
      ['k8s.io.api.core.v1.Secret', 'data', { id: 2, cardinality: 'map' }],
      ['k8s.io.api.authentication.v1.BoundObjectReference', 'uid', { id: 4 }],
    ];
    for (const [message, name, want] of facts) {
      const f = field(message, name);
      assert.ok(f, `${message}.${name}`);
      for (const [k, v] of Object.entries(want))
        assert.equal(f[k as keyof typeof f], v, `${message}.${name}.${k}`);
    }
  });

  it('has one .proto source per package', () => {
    assert.equal(
      new Set(protoSources.map((s) => /package ([\w.]+);/.exec(s)?.[1])).size,
      protoSources.length,
    );
  });

  const rejected: { name: string; proto: string; message: RegExp }[] = [
    {
      name: 'an enum',
      proto: 'enum E { A = 0; } message M { optional E e = 1; }',
      message: /enums are not supported|only messages/,
    },
    { name: 'a oneof', proto: 'message M { oneof o { string a = 1; } }', message: /oneofs/ },
    {
      name: 'a double',
      proto: 'message M { optional double d = 1; }',
      message: /scalar type double/,
    },
    {
      name: 'an int map key',
      proto: 'message M { map<int32, string> m = 1; }',
      message: /map keys must be strings/,
    },
    {
      name: 'an unknown option',
      proto: 'message M { optional string s = 1 [(go.nullable) = true]; }',
      message: /unexpected option \(go.nullable\)/,
    },
    {
      name: 'a non-boolean flag',
      proto: 'message M { optional string s = 1 [(go.pointer) = "yes"]; }',
      message: /must be true or false/,
    },
    {
      name: 'a repeated pointer',
      proto: 'message M { repeated string s = 1 [(go.pointer) = true]; }',
      message: /singular fields only/,
    },
    {
      name: 'an embedded scalar',
      proto: 'message M { optional string s = 1 [(go.embedded) = true]; }',
      message: /only a plain struct/,
    },
    {
      name: 'an unknown form',
      proto: 'message M { option (go.json) = "duration"; optional int64 d = 1; }',
      message: /^Error: t.M: unknown \(go.json\) form "duration"/,
    },
    {
      name: 'a form with the wrong fields',
      proto: 'message M { option (go.json) = "time"; optional int32 seconds = 1; }',
      message: /do not fit the \(go.json\) form time/,
    },
    {
      name: 'a nested message',
      proto: 'message M { message N {} optional N n = 1; }',
      message: /nested declarations/,
    },
  ];
  for (const c of rejected) {
    it(`rejects ${c.name}`, () => {
      assert.throws(() => compileSchema([`syntax = "proto2"; package t; ${c.proto}`]), c.message);
    });
  }
});

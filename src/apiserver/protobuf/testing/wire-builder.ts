/** Hand-built protobuf bytes for tests, by field number, independent of the decoder's schema. */
import protobuf from 'protobufjs';
import type { Writer } from 'protobufjs';

export type PbValue =
  /** Length-delimited UTF-8. */
  | string
  /** Length-delimited bytes. */
  | Uint8Array
  /** A length-delimited nested message. */
  | readonly PbField[]
  /** A varint (a string for integers beyond 2^53). */
  | { readonly varint: number | string }
  /** Any wire type, followed by exactly these bytes. */
  | { readonly wire: number; readonly raw: Uint8Array };

export type PbField = readonly [id: number, value: PbValue];

export function pb(fields: readonly PbField[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const [id, value] of fields) writeField(w, id, value);
  return w.finish();
}

function writeField(w: Writer, id: number, value: PbValue): void {
  if (typeof value === 'string') {
    w.uint32((id << 3) | 2).string(value);
  } else if (value instanceof Uint8Array) {
    w.uint32((id << 3) | 2).bytes(value);
  } else if (isFieldList(value)) {
    w.uint32((id << 3) | 2).bytes(pb(value));
  } else if ('varint' in value) {
    w.uint32(id << 3).int64(value.varint);
  } else {
    w.uint32((id << 3) | value.wire).raw(value.raw);
  }
}

function isFieldList(value: PbValue): value is readonly PbField[] {
  return Array.isArray(value);
}

/** A field tag (for hand-made groups and other odd shapes). */
export function tag(id: number, wire: number): Uint8Array {
  return protobuf.Writer.create()
    .uint32((id << 3) | wire)
    .finish();
}

/** Varint-encoded values, for packed repeated fields. */
export function packedVarints(values: readonly number[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const v of values) w.int64(v);
  return w.finish();
}

const MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** `k8s\0` + runtime.Unknown{typeMeta{apiVersion, kind}, raw, …extra}. */
export function envelope(
  apiVersion: string,
  kind: string,
  raw: Uint8Array,
  extra: readonly PbField[] = [],
): Uint8Array {
  const unknown = pb([
    [
      1,
      [
        [1, apiVersion],
        [2, kind],
      ],
    ],
    [2, raw],
    ...extra,
  ]);
  return Buffer.concat([MAGIC, unknown]);
}

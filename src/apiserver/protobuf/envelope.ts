/**
 * Kubernetes' protobuf framing: the 4-byte magic `k8s\0`, then a `runtime.Unknown` whose TypeMeta
 * names the object's apiVersion/kind and whose `raw` holds the object's own message.
 */
import { ProtobufDecodeError } from './errors.js';
import { messageSpec } from './schema.js';
import { decodeMessage, isMessage } from './wire.js';
import type { DecodedMessage } from './wire.js';

const PROTOBUF_MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

/** The media type of Kubernetes' protobuf encoding. */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

export interface ProtobufEnvelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Uint8Array;
  readonly contentEncoding: string;
  readonly contentType: string;
}

export function hasProtobufMagic(body: Uint8Array): boolean {
  return body.length >= PROTOBUF_MAGIC.length && PROTOBUF_MAGIC.every((b, i) => body[i] === b);
}

/** Unwraps the envelope; the raw object is not decoded here. */
export function decodeEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (!hasProtobufMagic(body)) {
    const message = 'body does not start with the protobuf prefix "k8s\\x00"';
    throw new ProtobufDecodeError('BadMagic', message);
  }
  const unknown = decodeMessage(
    body.subarray(PROTOBUF_MAGIC.length),
    messageSpec('k8s.io.apimachinery.pkg.runtime.Unknown'),
  );
  const typeMeta = messageField(unknown, 1);
  const apiVersion = typeMeta === undefined ? '' : stringField(typeMeta, 1);
  const kind = typeMeta === undefined ? '' : stringField(typeMeta, 2);
  if (kind === '') throw new ProtobufDecodeError('Malformed', 'the object has no kind');
  if (apiVersion === '') {
    throw new ProtobufDecodeError('Malformed', `the ${kind} has no apiVersion`);
  }
  const raw = unknown.fields.get(2);
  return {
    apiVersion,
    kind,
    raw:
      raw?.cardinality === 'singular' && raw.value instanceof Uint8Array
        ? raw.value
        : new Uint8Array(0),
    contentEncoding: stringField(unknown, 3),
    contentType: stringField(unknown, 4),
  };
}

function messageField(msg: DecodedMessage, id: number): DecodedMessage | undefined {
  const data = msg.fields.get(id);
  if (data?.cardinality !== 'singular') return undefined;
  return isMessage(data.value) ? data.value : undefined;
}

function stringField(msg: DecodedMessage, id: number): string {
  const data = msg.fields.get(id);
  return data?.cardinality === 'singular' && typeof data.value === 'string' ? data.value : '';
}

/**
 * Decoding of Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`) into the
 * JSON object the client would have sent as JSON. kubectl sends protobuf, with no JSON fallback,
 * for `create <generator>`, `create token`, `auth can-i` and `auth whoami`.
 */
import { decodeEnvelope, PROTOBUF_CONTENT_TYPE } from './envelope.js';
import { ProtobufDecodeError } from './errors.js';
import { protobufMessageFor } from './kinds.js';
import { messageSpec } from './schema.js';
import { structToJson } from './to-json.js';
import type { JsonObject } from './to-json.js';
import { decodeMessage } from './wire.js';

export { PROTOBUF_CONTENT_TYPE, hasProtobufMagic } from './envelope.js';
export { ProtobufDecodeError, isProtobufDecodeError } from './errors.js';
export type { ProtobufDecodeErrorReason } from './errors.js';
export { supportedProtobufKinds } from './kinds.js';

/**
 * Decodes a protobuf request body into the object as Kubernetes JSON: `kind` and `apiVersion`
 * from the envelope, then the fields as Go's encoding/json writes the decoded Go struct. For
 * kubectl 1.32 this equals `kubectl create … --dry-run=client -o json` for the same arguments,
 * `"creationTimestamp": null` and `"status": {}` included.
 *
 * @throws ProtobufDecodeError for anything but a well-formed body of a supported kind.
 */
export function decodeProtobufObject(body: Uint8Array): JsonObject {
  try {
    const envelope = decodeEnvelope(body);
    const { apiVersion, kind, contentEncoding, contentType } = envelope;
    if (contentEncoding !== '') {
      const message = `content encoding ${JSON.stringify(contentEncoding)} is not supported`;
      throw new ProtobufDecodeError('UnsupportedEncoding', message);
    }
    if (contentType !== '' && contentType !== PROTOBUF_CONTENT_TYPE) {
      const message = `embedded content type ${JSON.stringify(contentType)} is not supported`;
      throw new ProtobufDecodeError('UnsupportedEncoding', message);
    }
    const messageName = protobufMessageFor(apiVersion, kind);
    if (messageName === undefined) {
      const message = `${kind} in ${apiVersion} cannot be sent as protobuf to this server; send JSON`;
      throw new ProtobufDecodeError('UnsupportedKind', message);
    }
    const decoded = decodeMessage(envelope.raw, messageSpec(messageName));
    return structToJson(decoded, '', { kind, apiVersion });
  } catch (e) {
    if (e instanceof ProtobufDecodeError) throw e;
    // Nothing else is expected; a bad body must still never take the server down.
    const detail = e instanceof Error ? e.message : String(e);
    const message = `cannot decode protobuf body: ${detail}`;
    throw new ProtobufDecodeError('Malformed', message, undefined, { cause: e });
  }
}

/**
 * Why a protobuf request body was refused:
 * - `BadMagic`: the body does not start with the `k8s\0` prefix of Kubernetes' protobuf encoding;
 * - `Malformed`: truncated or garbled bytes, a field with the wrong wire type, a missing kind;
 * - `InvalidValue`: well-formed bytes holding a value Kubernetes cannot represent in JSON (a bad
 *   quantity, a time outside years 0–9999, an integer JavaScript cannot hold exactly, …);
 * - `UnsupportedKind`: an apiVersion/kind this server has no protobuf schema for;
 * - `UnsupportedEncoding`: a `runtime.Unknown` envelope whose raw bytes are not plain protobuf.
 */
export type ProtobufDecodeErrorReason =
  'BadMagic' | 'Malformed' | 'InvalidValue' | 'UnsupportedKind' | 'UnsupportedEncoding';

/** A protobuf request body that cannot be turned into a Kubernetes JSON object. */
export class ProtobufDecodeError extends Error {
  override readonly name = 'ProtobufDecodeError';

  constructor(
    readonly reason: ProtobufDecodeErrorReason,
    message: string,
    /** Where in the object the problem is (`spec.template.spec.containers[0].ports`), if known. */
    readonly path?: string,
    options?: ErrorOptions,
  ) {
    super(path === undefined || path === '' ? message : `${path}: ${message}`, options);
  }

  /**
   * The HTTP status for the Kubernetes Status answer: 415 (UnsupportedMediaType) when the body is
   * fine but this server cannot take that kind or encoding as protobuf (the client may send JSON
   * instead), 400 (BadRequest) for bytes that are wrong.
   */
  get httpStatus(): 400 | 415 {
    return this.reason === 'UnsupportedKind' || this.reason === 'UnsupportedEncoding' ? 415 : 400;
  }
}

export function isProtobufDecodeError(e: unknown): e is ProtobufDecodeError {
  return e instanceof ProtobufDecodeError;
}

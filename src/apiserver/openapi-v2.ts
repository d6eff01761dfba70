/**
 * /openapi/v2: a Swagger 2.0 document without definitions. kubectl validates `kind: List`
 * client-side against this document (its field-validation check never covers List), and skips
 * any kind the document does not define; every item is still validated by this server, which
 * kubectl asks for with fieldValidation=Strict. Serving schemas is /openapi/v3's job.
 */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
/** What older clients ask for; not a valid media type to answer with (Go's mime parser rejects the '@'). */
const OPENAPI_V2_PROTOBUF_DEPRECATED = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

const TITLE = 'Kubernetes';

function field(tag: number, payload: Buffer): Buffer {
  // Length-delimited fields only; every payload here is far below 128 bytes, so one length byte.
  if (payload.length > 127) throw new Error('openapi v2 field too long');
  return Buffer.concat([Buffer.from([(tag << 3) | 2, payload.length]), payload]);
}

/** The document as gnostic's OpenAPIv2 Document message: swagger (1), info (2: title 1, version 2), paths (8). */
export function openApiV2Protobuf(version: string): Buffer {
  const info = Buffer.concat([field(1, Buffer.from(TITLE)), field(2, Buffer.from(version))]);
  return Buffer.concat([field(1, Buffer.from('2.0')), field(2, info), field(8, Buffer.alloc(0))]);
}

export function openApiV2Json(version: string): object {
  return { swagger: '2.0', info: { title: TITLE, version }, paths: {}, definitions: {} };
}

export function wantsProtobuf(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const type = part.trim().split(';')[0]?.trim();
    return type === OPENAPI_V2_PROTOBUF || type === OPENAPI_V2_PROTOBUF_DEPRECATED;
  });
}

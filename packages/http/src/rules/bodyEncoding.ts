/** A body as records and Lambda responses carry it: text, or base64 for bytes that are not UTF-8. */
export interface EncodedBody {
  body?: string;
  isBase64Encoded: boolean;
}

// `fatal` refuses bytes that are not UTF-8, and `ignoreBOM` keeps a leading BOM in the text:
// whatever decodes encodes back to the same bytes.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes as text when they are UTF-8 (readable in the store), else as base64: either way they come back byte for byte. */
export function encodeBody(bytes: Uint8Array): EncodedBody {
  if (bytes.byteLength === 0) return { isBase64Encoded: false };
  try {
    return { body: utf8.decode(bytes), isBase64Encoded: false };
  } catch {
    return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), isBase64Encoded: true };
  }
}

/** The bytes of an encoded body. */
export function decodeBody(encoded: EncodedBody): Buffer {
  if (encoded.body === undefined) return Buffer.alloc(0);
  return Buffer.from(encoded.body, encoded.isBase64Encoded ? 'base64' : 'utf8');
}

/** The size of an encoded body in bytes, without decoding it. */
export function encodedBodyBytes(encoded: EncodedBody): number {
  if (encoded.body === undefined) return 0;
  return Buffer.byteLength(encoded.body, encoded.isBase64Encoded ? 'base64' : 'utf8');
}

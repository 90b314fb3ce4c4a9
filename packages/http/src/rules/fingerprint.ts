import { createHash } from 'node:crypto';
import { canonicalJson } from '@idem/core';

/** A compiled `fingerprintJmesPath`. */
export interface FingerprintSelection {
  search(value: unknown): unknown;
}

/**
 * The request's fingerprint (draft section 2.4): a digest of the body's bytes, or, with a
 * selection, the selected part of the JSON body. `body` is what `HttpRequest.readBody` gives:
 * bytes, UTF-8 text, or a value a body parser made, which is digested as canonical JSON so that
 * key order does not matter. A body that is not JSON is fingerprinted whole under a selection
 * too, so two different bodies under one key are never taken for the same request.
 */
export function fingerprint(body: unknown, selection?: FingerprintSelection): unknown {
  if (body === undefined || body === null || body === '' || (body instanceof Uint8Array && body.byteLength === 0)) {
    return selection ? selection.search(null) : null;
  }
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    return selection ? selection.search(body) : digest(Buffer.from(canonicalJson(body)));
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (!selection) return digest(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return { unparsedBody: digest(bytes) };
  }
  return selection.search(parsed);
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

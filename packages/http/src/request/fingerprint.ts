import { createHash } from 'node:crypto';
import { canonicalJson } from '@idem/core';
import type { HttpRequest } from './readRequest.js';

/** A compiled `fingerprintJmesPath`. */
export interface FingerprintSelection {
  search(value: unknown): unknown;
}

/**
 * The request's fingerprint (draft section 2.4): a digest of the body's bytes, base64 decoded
 * first so that the encoding API Gateway chose does not matter; or, with a selection, the
 * selected part of the JSON body. A body that is not JSON is fingerprinted whole, so two
 * different bodies under one key are never taken for the same request.
 */
export function fingerprint(request: HttpRequest, selection?: FingerprintSelection): unknown {
  const { body } = request;
  if (body === undefined || body === null || body === '') return selection ? selection.search(null) : null;
  if (typeof body !== 'string') {
    // A parser middleware ran before this one and left the body parsed.
    return selection ? selection.search(body) : digest(Buffer.from(canonicalJson(body)));
  }
  const bytes = request.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (!selection) return digest(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { unparsedBody: digest(bytes) };
  }
  return selection.search(parsed);
}

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

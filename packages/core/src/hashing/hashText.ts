import * as crypto from 'node:crypto';

const availableHashes = new Set(crypto.getHashes().map((name) => name.toLowerCase()));

/** How a digest is written: idem's keys use hex, Powertools' base64 (with padding). */
export type DigestEncoding = 'hex' | 'base64';

type OneShotHash = (algorithm: string, data: string, outputEncoding: DigestEncoding) => string;

/**
 * `crypto.hash` (Node 20.12+) digests in one call, without building a Hash object: a third
 * cheaper per key. Same digests as createHash for every algorithm; older Node falls back.
 */
const oneShotHash = (crypto as unknown as { hash?: OneShotHash }).hash;

/** True when `node:crypto` offers the hash algorithm. */
export function isHashAlgorithm(name: string): boolean {
  return availableHashes.has(name.toLowerCase());
}

/** Digest of the text's UTF-8 bytes with the given `node:crypto` algorithm, hex unless told. */
export function hashText(algorithm: string, text: string, encoding: DigestEncoding = 'hex'): string {
  return oneShotHash ? oneShotHash(algorithm, text, encoding) : crypto.createHash(algorithm).update(text).digest(encoding);
}

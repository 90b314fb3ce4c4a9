import { createHash, getHashes } from 'node:crypto';

const availableHashes = new Set(getHashes().map((name) => name.toLowerCase()));

/** True when `node:crypto` offers the hash algorithm. */
export function isHashAlgorithm(name: string): boolean {
  return availableHashes.has(name.toLowerCase());
}

/** Hex digest of the text with the given `node:crypto` algorithm. */
export function hashText(algorithm: string, text: string): string {
  return createHash(algorithm).update(text).digest('hex');
}

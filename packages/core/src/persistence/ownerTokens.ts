import { randomUUID } from 'node:crypto';

/**
 * This process's part of every owner token it makes: random, so no two processes (or worker
 * threads, each of which loads this module anew) share one.
 */
const processPart = randomUUID();
let claimsMade = 0;

/**
 * A fresh owner token for a claim: unique among all claims of all processes, which is all that
 * fencing needs (a token is compared, never guessed at). A counter after a per-process random
 * part costs a tenth of a `randomUUID()` per claim.
 */
export function newOwnerToken(): string {
  claimsMade += 1;
  return `${processPart}.${claimsMade.toString(36)}`;
}

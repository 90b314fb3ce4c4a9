import type { HttpIdempotencyOptions } from '@idem/http';

/** What requests come through: a Lambda event source, or a server on a socket. */
export interface RequestSource {
  name: string;
  /** How the source carries repeated header lines: one joined value, separate values, or only the last. */
  repeatedHeaders: 'joined' | 'separate' | 'last';
  /** Options a deployment of this source needs to know its callers. */
  callerOptions: Partial<HttpIdempotencyOptions>;
}

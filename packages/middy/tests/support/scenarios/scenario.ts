import type { Subject } from '../subjects.js';

/** One behaviour of the state machine; it must hold whichever way the handler was made idempotent. */
export interface Scenario {
  name: string;
  run(subject: Subject): Promise<void>;
}

/** The payload most scenarios send. */
export const order = { orderId: 'o-1', amount: 5 };

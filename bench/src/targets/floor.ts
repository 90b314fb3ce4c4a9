import { hash } from 'node:crypto';
import { chargePayment } from '../fixtures/apiGatewayEvent.js';
import type { IdempotentHandler, ScenarioTarget } from './ScenarioTarget.js';

/** A record as the floor keeps it: what a replay and a claim check need, nothing more. */
interface FloorRecord {
  status: 'INPROGRESS' | 'COMPLETED';
  expiry: number;
  responseText?: string;
}

/**
 * The least an idempotent call must do, and no more: hash the serialized key selection, replay a
 * stored response or write the claim, run the handler, write the result as JSON text. No
 * validation, expiry checks, fencing or error mapping: no library can be faster on a Map, so
 * Powertools/floor is the most any library could reach.
 */
export function floorHandler(): IdempotentHandler {
  const records = new Map<string, FloorRecord>();
  return async (event, context) => {
    const key = `payments#${hash('md5', JSON.stringify(event.body), 'hex')}`;
    const stored = records.get(key);
    if (stored?.responseText !== undefined) return JSON.parse(stored.responseText);
    records.set(key, { status: 'INPROGRESS', expiry: Date.now() + 3_600_000 });
    const response = await chargePayment(event, context);
    records.delete(key);
    records.set(key, { status: 'COMPLETED', expiry: Date.now() + 3_600_000, responseText: JSON.stringify(response) });
    return response;
  };
}

/** The floor as a target beside idem and Powertools on the memory store; it has no local cache. */
export const floorMemory: ScenarioTarget = {
  library: 'floor',
  client: '',
  async prepare() {
    return { handler: floorHandler(), close: async () => undefined };
  },
};

import type { APIGatewayProxyEvent } from 'aws-lambda';
import { apiGatewayEvent } from './fixtures/apiGatewayEvent.js';

/** One workload, run the same way on every target. */
export interface Scenario {
  readonly id: string;
  /** Row name in the report. */
  readonly title: string;
  readonly useLocalCache: boolean;
  /** True when every call carries a payload never seen before; false when all repeat one. */
  readonly uniquePayloads: boolean;
  /** Calls in flight at once: 1 is one caller awaiting each call; more is a busy process. */
  readonly inFlight: number;
}

export const firstCalls: Scenario = {
  id: 'first-calls',
  title: 'first calls (unique payloads)',
  useLocalCache: false,
  uniquePayloads: true,
  inFlight: 1,
};
export const repeats: Scenario = {
  id: 'repeats',
  title: 'repeats (same payload)',
  useLocalCache: false,
  uniquePayloads: false,
  inFlight: 1,
};
export const localCacheRepeats: Scenario = {
  id: 'local-cache-repeats',
  title: 'repeats from the local cache',
  useLocalCache: true,
  uniquePayloads: false,
  inFlight: 1,
};
export const firstCalls64: Scenario = { ...firstCalls, id: 'first-calls-64', title: 'first calls, 64 in flight', inFlight: 64 };
export const repeats64: Scenario = { ...repeats, id: 'repeats-64', title: 'repeats, 64 in flight', inFlight: 64 };

/** Every scenario id, for the command line. */
export const scenarioIds = [firstCalls, repeats, localCacheRepeats, firstCalls64, repeats64].map((scenario) => scenario.id);

/**
 * The events for `count` calls, built before the clock starts. Unique payloads differ by order
 * id; `tag` keeps one measurement's warm-up keys apart from its timed keys. A repeating scenario
 * gets one event, which the calls cycle through.
 */
export function eventsFor(scenario: Scenario, tag: string, count: number): APIGatewayProxyEvent[] {
  if (!scenario.uniquePayloads) return [apiGatewayEvent('ord-repeated')];
  const events = new Array<APIGatewayProxyEvent>(count);
  for (let i = 0; i < count; i++) events[i] = apiGatewayEvent(`ord-${tag}-${i}`);
  return events;
}

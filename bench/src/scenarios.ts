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
}

export const scenarios: readonly Scenario[] = [
  { id: 'first-calls', title: 'first calls (unique payloads)', useLocalCache: false, uniquePayloads: true },
  { id: 'repeats', title: 'repeats (same payload)', useLocalCache: false, uniquePayloads: false },
  { id: 'local-cache-repeats', title: 'repeats from the local cache', useLocalCache: true, uniquePayloads: false },
];

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

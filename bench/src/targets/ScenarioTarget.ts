import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** The libraries compared side by side. */
export type Library = 'idem' | 'powertools';

/** An idempotent Lambda handler as a scenario calls it. */
export type IdempotentHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

/** How a scenario wants the handler built. */
export interface HandlerOptions {
  useLocalCache: boolean;
}

/** A handler ready to measure, on a store of its own. */
export interface PreparedHandler {
  handler: IdempotentHandler;
  /** Frees the store (closes connections, stops servers); the memory store has nothing to free. */
  close(): Promise<void>;
}

/**
 * One store as one library uses it. `prepare` builds a fresh store and a freshly wrapped handler
 * for every measurement, so no measurement sees another's records.
 */
export interface ScenarioTarget {
  /** Store name in the report, e.g. `memory`. */
  readonly store: string;
  readonly library: Library;
  prepare(options: HandlerOptions): Promise<PreparedHandler>;
}

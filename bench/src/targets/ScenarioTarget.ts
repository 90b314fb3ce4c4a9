import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** The libraries compared side by side. */
export type Library = 'idem' | 'powertools';

/** Who runs a target: one of the libraries, or the floor (the essential work alone, see floor.ts). */
export type Contender = Library | 'floor';

/** An idempotent Lambda handler as a scenario calls it. */
export type IdempotentHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

/** How a scenario wants the handler built. */
export interface HandlerOptions {
  useLocalCache: boolean;
}

/** A handler ready to measure, on a store of its own. */
export interface PreparedHandler {
  handler: IdempotentHandler;
  /** Frees the store (closes connections, drops tables); the memory store has nothing to free. */
  close(): Promise<void>;
  /**
   * Store operations (Redis commands, DynamoDB requests) sent while `action` ran, for stores
   * whose operations are round trips. Counting may slow the store: never used while timing.
   */
  countOperations?(action: () => Promise<unknown>): Promise<number>;
}

/**
 * One store as one library uses it through one client. `prepare` builds a fresh store (flushed
 * database, new table) and a freshly wrapped handler for every measurement, so no measurement
 * sees another's records.
 */
export interface ScenarioTarget {
  readonly library: Contender;
  /** The client library, e.g. `ioredis`; empty for the memory store. */
  readonly client: string;
  prepare(options: HandlerOptions): Promise<PreparedHandler>;
}

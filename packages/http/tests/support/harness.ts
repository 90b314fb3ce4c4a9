import { MemoryPersistenceLayer } from '@idem/core';
import { type HttpIdempotencyOptions, type HttpResponse, makeHttpIdempotent } from '@idem/http';
import { httpIdempotency } from '@idem/http/middy';
import middyNewest from 'middy-newest';
import middyOldest from 'middy-oldest';
import { type EventSource, httpEvent, lambdaContext, type RequestSpec } from './events.js';

type Handler = (event: any, context: any) => Promise<unknown>;

/** One way of making a handler idempotent: the wrapper or the middleware. */
export interface Runner {
  name: string;
  build(handler: Handler, options: HttpIdempotencyOptions): (event: unknown, context: unknown) => Promise<any>;
}

export const runners: Runner[] = [
  { name: 'makeHttpIdempotent', build: (handler, options) => makeHttpIdempotent(handler, options) },
  // The oldest and newest Middy the peer range allows.
  { name: 'httpIdempotency on Middy 6.0.0', build: (handler, options) => middyOldest(handler).use(httpIdempotency(options)) },
  { name: 'httpIdempotency on Middy 7', build: (handler, options) => middyNewest(handler).use(httpIdempotency(options)) },
];

/** The handler's answer to its nth call. */
export type Respond = (call: { n: number; event: any }) => unknown;

/** Creates an order: a response with a header that must replay and one that never may. */
export const created: Respond = ({ n }) => ({
  statusCode: 201,
  headers: {
    'Content-Type': 'application/json',
    Location: `/orders/${n}`,
    'Set-Cookie': `session=s${n}; HttpOnly`,
    'X-Request-Id': `r${n}`,
  },
  body: JSON.stringify({ orderId: n }),
});

/** An API under test: `send` invokes it with the source's event, changed by the spec. */
export interface Api {
  send(spec?: RequestSpec): Promise<HttpResponse>;
  /** How many times the handler ran. */
  readonly calls: number;
}

export interface ScenarioContext {
  source: EventSource;
  runner: Runner;
  api(options?: Partial<HttpIdempotencyOptions>, respond?: Respond): Api;
}

export function scenarioContext(source: EventSource, runner: Runner): ScenarioContext {
  const persistenceStore = new MemoryPersistenceLayer();
  return {
    source,
    runner,
    api(options = {}, respond = created) {
      let calls = 0;
      const handler: Handler = async (event) => respond({ n: ++calls, event });
      const invoke = runner.build(handler, { persistenceStore, keyPrefix: 'orders', ...source.callerOptions, ...options });
      return {
        send: (spec = {}) => invoke(httpEvent(source, spec), lambdaContext()),
        get calls() {
          return calls;
        },
      };
    },
  };
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

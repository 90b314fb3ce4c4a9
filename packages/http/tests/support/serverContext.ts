import type { IdempotencyStore } from '@idem/core';
import { type Api, created, type ScenarioContext } from './harness.js';
import { type Listening, type Route, type ServerFrontEnd, sendRequest } from './servers.js';

let prefixes = 0;

/**
 * The scenario context of a server front end: each `api()` starts a server of its own on a
 * loopback port, over the given store, under a key prefix no other scenario uses.
 */
export function serverScenarioContext(frontEnd: ServerFrontEnd, persistenceStore: IdempotencyStore): ScenarioContext {
  const servers: Array<Promise<Listening>> = [];
  const keyPrefix = `orders-${process.pid}-${++prefixes}`;
  return {
    source: frontEnd,
    storeFailureAfterHandler: 'report',
    api(options = {}, respond = created): Api {
      let calls = 0;
      const route: Route = async (event) => respond({ n: ++calls, event });
      const server = frontEnd.listen({ persistenceStore, keyPrefix, ...frontEnd.callerOptions, ...options }, route);
      servers.push(server);
      return {
        send: async (spec = {}) => sendRequest((await server).url, spec),
        get calls() {
          return calls;
        },
      };
    },
    async expectHandlerError(sent) {
      expect((await sent).statusCode).toBe(500);
    },
    async close() {
      for (const server of await Promise.allSettled(servers)) if (server.status === 'fulfilled') await server.value.close();
    },
  };
}

import { IdempotencyConfig as PowertoolsConfig, makeIdempotent as powertoolsMakeIdempotent } from '@aws-lambda-powertools/idempotency';
import { IdempotencyConfig, makeIdempotent, MemoryPersistenceLayer } from '@idem/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { paymentResponse } from '../fixtures/apiGatewayEvent.js';
import { PowertoolsMemoryLayer } from './PowertoolsMemoryLayer.js';
import type { IdempotentHandler, ScenarioTarget } from './ScenarioTarget.js';

/** The function made idempotent: all the time measured is the library's, none is the handler's. */
async function chargePayment(_event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> {
  return paymentResponse;
}

/** idem on its embedded MemoryPersistenceLayer. */
export const idemMemory: ScenarioTarget = {
  store: 'memory',
  library: 'idem',
  async prepare({ useLocalCache }) {
    const handler = makeIdempotent(chargePayment, {
      persistenceStore: new MemoryPersistenceLayer(),
      config: new IdempotencyConfig({ eventKeyJmesPath: 'body', useLocalCache }),
    });
    return { handler, close: async () => undefined };
  },
};

/** Powertools on a Map-backed BasePersistenceLayer doing the same work as idem's memory store. */
export const powertoolsMemory: ScenarioTarget = {
  store: 'memory',
  library: 'powertools',
  async prepare({ useLocalCache }) {
    const handler = powertoolsMakeIdempotent(chargePayment, {
      persistenceStore: new PowertoolsMemoryLayer(),
      config: new PowertoolsConfig({ eventKeyJmesPath: 'body', useLocalCache }),
    }) as IdempotentHandler;
    return { handler, close: async () => undefined };
  },
};

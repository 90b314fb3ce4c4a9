import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsMakeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { chargePayment } from '../fixtures/apiGatewayEvent.js';
import { PowertoolsMemoryLayer } from './PowertoolsMemoryLayer.js';
import type { IdempotentHandler, ScenarioTarget } from './ScenarioTarget.js';

/** idem on its embedded MemoryPersistenceLayer. */
export const idemMemory: ScenarioTarget = {
  library: 'idem',
  client: '',
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
  library: 'powertools',
  client: '',
  async prepare({ useLocalCache }) {
    const handler = powertoolsMakeIdempotent(chargePayment, {
      persistenceStore: new PowertoolsMemoryLayer(),
      config: new PowertoolsConfig({ eventKeyJmesPath: 'body', useLocalCache }),
    }) as IdempotentHandler;
    return { handler, close: async () => undefined };
  },
};

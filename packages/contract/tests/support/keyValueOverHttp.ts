import { type ContractRunner, describePersistenceContract, type PersistenceAttributeNames } from '@idem/contract';
import { KeyValuePersistenceLayer } from '../../../../examples/custom-store/KeyValuePersistenceLayer.js';
import { HttpKeyValueClient, startKeyValueServer } from './httpKeyValue.js';

/** The hooks of the runner the suite runs in, which start and stop the server. */
export interface ServerHooks {
  beforeAll(hook: () => Promise<void>): void;
  afterAll(hook: () => Promise<void> | undefined): void;
}

/**
 * The walk-through's store with every primitive going through a socket, to a server the
 * runner's hooks start: the suite fakes only Date, so real network round trips (and their
 * timers) must keep working under it. The factory cannot make a layer until the server is up.
 */
export function describeKeyValueOverHttp(name: string, hooks: ServerHooks, runner?: ContractRunner): void {
  let server: Awaited<ReturnType<typeof startKeyValueServer>> | undefined;
  hooks.beforeAll(async () => {
    server = await startKeyValueServer();
  });
  hooks.afterAll(() => server?.close());

  const clients = new WeakMap<KeyValuePersistenceLayer, HttpKeyValueClient>();
  const newLayer = (attributes?: PersistenceAttributeNames) => {
    if (!server) throw new Error('the key-value server is not started yet');
    const client = new HttpKeyValueClient(server.url);
    const layer = new KeyValuePersistenceLayer({ client, ...attributes });
    clients.set(layer, client);
    return layer;
  };
  describePersistenceContract(name, () => newLayer(), {
    runner,
    factoryWithAttributes: (attributes) => newLayer(attributes),
    inspectStoredAttributes: async (layer, key) => {
      const value = await clients.get(layer)?.storedValue(key);
      return value === undefined || value === null ? undefined : JSON.parse(value);
    },
    expiryEnforcement: {
      kind: 'ttl',
      storedExpiryMs: async (layer, key) => (await clients.get(layer)?.storedExpiryMs(key)) ?? undefined,
    },
  });
}

import { describePersistenceContract, type PersistenceAttributeNames } from '@idem/contract';
import { KeyValuePersistenceLayer } from '../../../examples/custom-store/KeyValuePersistenceLayer.js';
import { HttpKeyValueClient, startKeyValueServer } from './support/httpKeyValue.js';

// The walk-through's store again, but every primitive goes through a socket: the suite fakes only
// Date, so real network round trips (and their timers) must keep working under it.
let server: Awaited<ReturnType<typeof startKeyValueServer>>;
beforeAll(async () => {
  server = await startKeyValueServer();
});
afterAll(() => server.close());

const clients = new WeakMap<KeyValuePersistenceLayer, HttpKeyValueClient>();
function newLayer(attributes?: PersistenceAttributeNames): KeyValuePersistenceLayer {
  const client = new HttpKeyValueClient(server.url);
  const layer = new KeyValuePersistenceLayer({ client, ...attributes });
  clients.set(layer, client);
  return layer;
}

describePersistenceContract('KeyValuePersistenceLayer over HTTP', () => newLayer(), {
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

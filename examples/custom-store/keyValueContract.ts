import type { PersistenceAttributeNames, PersistenceContractOptions } from '@idem/contract';
import { InMemoryKeyValueClient } from './InMemoryKeyValueClient.js';
import { KeyValuePersistenceLayer } from './KeyValuePersistenceLayer.js';

// Each layer gets its own client, remembered here so the probes can ask the backend what it holds.
const clients = new WeakMap<KeyValuePersistenceLayer, InMemoryKeyValueClient>();

/** A fresh layer over a fresh backend, with custom attribute names when given. */
export function newLayer(attributes?: PersistenceAttributeNames): KeyValuePersistenceLayer {
  const client = new InMemoryKeyValueClient();
  const layer = new KeyValuePersistenceLayer({ client, ...attributes });
  clients.set(layer, client);
  return layer;
}

/** How the suite looks inside the backend: what the store can do, it sees for itself. */
export const keyValueContract: PersistenceContractOptions<KeyValuePersistenceLayer> = {
  factoryWithAttributes: (attributes) => newLayer(attributes),
  inspectStoredAttributes: async (layer, key) => {
    const value = clients.get(layer)?.storedValue(key);
    return value === undefined ? undefined : JSON.parse(value);
  },
  expiryEnforcement: {
    kind: 'ttl',
    storedExpiryMs: async (layer, key) => clients.get(layer)?.storedExpiryMs(key),
  },
};

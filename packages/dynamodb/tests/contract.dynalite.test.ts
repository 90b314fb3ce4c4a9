import { describePersistenceContract } from '@idem/contract';
import { contractLayers, useDynalite } from './support.js';

const server = useDynalite();
const simple = contractLayers(server, {});
const composite = contractLayers(server, { keyAttr: 'pk', sortKeyAttr: 'sk', staticPkValue: 'idempotency#contract' });

describePersistenceContract('DynamoDBPersistenceLayer on dynalite, simple key', () => simple.newLayer(), {
  returnsExistingRecordOnConflict: false, // dynalite ignores ALL_OLD: see contract.allOld.test.ts
  factoryWithAttributes: (attributes) => simple.newLayer(attributes),
  inspectStoredAttributes: simple.inspectStoredAttributes,
  expiryEnforcement: { kind: 'ttl', storedExpiryMs: simple.storedExpiryMs },
});

describePersistenceContract('DynamoDBPersistenceLayer on dynalite, composite key', () => composite.newLayer(), {
  returnsExistingRecordOnConflict: false,
  factoryWithAttributes: (attributes) => composite.newLayer(attributes),
  inspectStoredAttributes: composite.inspectStoredAttributes,
  expiryEnforcement: { kind: 'ttl', storedExpiryMs: composite.storedExpiryMs },
});

import { describePersistenceContract } from '@idem/contract';
import { contractLayers, useDynalite } from './support.js';

const server = useDynalite();
const simple = contractLayers(server, {});
const composite = contractLayers(server, { keyAttr: 'pk', sortKeyAttr: 'sk', staticPkValue: 'idempotency#contract' });
const powertools = contractLayers(server, { compatibility: 'powertools' });
const powertoolsComposite = contractLayers(server, {
  compatibility: 'powertools',
  keyAttr: 'pk',
  sortKeyAttr: 'sk',
  staticPkValue: 'idempotency#contract',
});

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

// Powertools' format keeps every guarantee of the contract: the owner token fences idem's writes
// from an attribute Powertools ignores.
describePersistenceContract("DynamoDBPersistenceLayer in compatibility 'powertools', simple key", () => powertools.newLayer(), {
  returnsExistingRecordOnConflict: false,
  factoryWithAttributes: (attributes) => powertools.newLayer(attributes),
  inspectStoredAttributes: powertools.inspectStoredAttributes,
  expiryEnforcement: { kind: 'ttl', storedExpiryMs: powertools.storedExpiryMs },
});

describePersistenceContract(
  "DynamoDBPersistenceLayer in compatibility 'powertools', composite key",
  () => powertoolsComposite.newLayer(),
  {
    returnsExistingRecordOnConflict: false,
    factoryWithAttributes: (attributes) => powertoolsComposite.newLayer(attributes),
    inspectStoredAttributes: powertoolsComposite.inspectStoredAttributes,
    expiryEnforcement: { kind: 'ttl', storedExpiryMs: powertoolsComposite.storedExpiryMs },
  }
);

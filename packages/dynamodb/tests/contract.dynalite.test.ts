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

// dynalite ignores ALL_OLD: contract.allOld.test.ts runs the suite on that path.
const onDynalite = { returnsExistingRecordOnConflict: false };

describePersistenceContract('DynamoDBPersistenceLayer on dynalite, simple key', () => simple.newLayer(), {
  ...onDynalite,
  ...simple.suiteOptions,
});

describePersistenceContract('DynamoDBPersistenceLayer on dynalite, composite key', () => composite.newLayer(), {
  ...onDynalite,
  ...composite.suiteOptions,
});

// Powertools' format keeps every guarantee of the contract: the owner token fences idem's writes
// from an attribute Powertools ignores.
describePersistenceContract("DynamoDBPersistenceLayer in compatibility 'powertools', simple key", () => powertools.newLayer(), {
  ...onDynalite,
  ...powertools.suiteOptions,
});

describePersistenceContract(
  "DynamoDBPersistenceLayer in compatibility 'powertools', composite key",
  () => powertoolsComposite.newLayer(),
  { ...onDynalite, ...powertoolsComposite.suiteOptions }
);

import { describePersistenceContract } from '@idem/contract';
import { allOldClient, contractLayers, useDynalite } from './support.js';

// The whole contract on the ALL_OLD path: dynalite holds the table, and every refused claim
// carries the old item, as DynamoDB returns it.
const server = useDynalite();
const restores: Array<() => void> = [];
afterAll(() => {
  for (const restore of restores) restore();
});
const allOld = contractLayers(server, { sortKeyAttr: 'sk', staticPkValue: 'idempotency#contract' }, (started) => {
  const { client, restore } = allOldClient(started);
  restores.push(restore);
  return client;
});
const allOldPowertools = contractLayers(server, { compatibility: 'powertools' }, (started) => {
  const { client, restore } = allOldClient(started);
  restores.push(restore);
  return client;
});

describePersistenceContract(
  'DynamoDBPersistenceLayer, composite key, refused claims return the old item',
  () => allOld.newLayer(),
  allOld.suiteOptions
);

describePersistenceContract(
  "DynamoDBPersistenceLayer in compatibility 'powertools', refused claims return the old item",
  () => allOldPowertools.newLayer(),
  allOldPowertools.suiteOptions
);

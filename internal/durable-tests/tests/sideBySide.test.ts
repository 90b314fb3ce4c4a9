import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDurableExecution } from '@aws/durable-execution-sdk-js';
import { DynamoDBPersistenceLayer as PowertoolsDynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent as powertoolsMakeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import {
  libraries,
  measureSideBySide,
  noSideEffects,
  orderWorkflow,
  renderSideBySide,
  runExecution,
  type SideBySideResults,
  setupDurableTestEnvironment,
  sideBySideSection,
  startDynamoDBTable,
  teardownDurableTestEnvironment,
} from '@idem/durable-tests';
import middyNewest from 'middy-newest';
import middyOldest from 'middy-oldest';

// The side-by-side table of docs/durable-functions.md is measured here, every run: the docs can
// only say what idem and Powertools 2.35 do today. After a change, `pnpm --filter
// @idem/durable-tests render` writes the new table; read its diff before committing it.

const docPath = join(__dirname, '../../../docs/durable-functions.md');
let results: SideBySideResults;

beforeAll(async () => {
  results = await measureSideBySide();
}, 180_000);

it('measures what the table of docs/durable-functions.md says', () => {
  const documented = sideBySideSection(readFileSync(docPath, 'utf8'));
  expect(documented).toBe(renderSideBySide(results));
});

it("idem's wrapper and middleware come to the same in every situation", () => {
  const column = (name: string) => results.map(({ outcomes }) => outcomes[libraries.findIndex((l) => l.name === name)]);
  expect(column('idem Middy middleware')).toEqual(column('idem `makeIdempotent`'));
});

describe('what the docs say beside the table', () => {
  beforeAll(setupDurableTestEnvironment);
  afterAll(teardownDurableTestEnvironment);

  it.each([
    ['6.0.0', middyOldest],
    ['7', middyNewest],
  ])(
    "Powertools' middleware on Middy %s inside withDurableExecution fails every execution before the handler",
    async (_major, middy) => {
      const table = await startDynamoDBTable();
      try {
        const effects = noSideEffects();
        const inner = (middy as typeof middyNewest)(orderWorkflow(effects) as never).use(
          powertoolsMakeHandlerIdempotent({
            persistenceStore: new PowertoolsDynamoDBPersistenceLayer({
              tableName: table.tableName,
              awsSdkV3Client: table.client,
            }),
          })
        );
        const handler = withDurableExecution((event: unknown, context) => inner(event as never, context as never));
        const outcome = await runExecution(handler, { orderId: 'o-1', amount: 10 });
        expect(outcome.getError().errorType).toBe('IdempotencyPersistenceLayerError');
        expect(effects.handlerRuns).toBe(0);
      } finally {
        await table.stop();
      }
    }
  );
});

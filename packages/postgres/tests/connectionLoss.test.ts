import { createHash } from 'node:crypto';
import { canonicalJson, IdempotencyConfig, IdempotencyPersistenceLayerError, makeIdempotent } from '@idem/core';
import pg from 'pg';
import {
  clientKinds,
  layerOnNewTable,
  type OpenClient,
  openClient,
  untilWaitingOnLock,
  usePostgresDatabase,
} from './support/postgresKit.js';

const database = usePostgresDatabase();
const keyOf = (keyPrefix: string, id: string) => `${keyPrefix}#${createHash('md5').update(canonicalJson(id)).digest('hex')}`;

describe.each(clientKinds)('a connection killed mid-call with pg_terminate_backend, through %s', (kind) => {
  let open: OpenClient;
  let blocker: pg.Client;
  const applicationName = `idem-killed-${kind}`;
  beforeAll(async () => {
    open = openClient(kind, database(), { applicationName });
    const { host, port, user, database: name } = database();
    blocker = new pg.Client({ host, port, user, database: name });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker.end();
    await open.close();
  });

  it('fails the call with IdempotencyPersistenceLayerError carrying the cause, before the function runs; the next call runs it once', async () => {
    const layer = await layerOnNewTable(open.client);
    const chargeCard = jest.fn(async (order: { id: string }) => ({ charged: order.id }));
    const call = makeIdempotent(chargeCard, {
      persistenceStore: layer,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }),
      keyPrefix: 'chargeCard',
    });
    // An uncommitted row of the same key holds the claim's INSERT in a lock wait: the claim is in
    // flight on the server when its session is terminated.
    await blocker.query('BEGIN');
    await blocker.query(`INSERT INTO ${layer.quotedTableName} (id, status, expiration) VALUES ($1, 'COMPLETED', 1)`, [
      keyOf('chargeCard', 'o-1'),
    ]);
    const killed = call({ id: 'o-1' });
    const outcome = killed.then(
      () => undefined,
      (error: unknown) => error
    );
    await untilWaitingOnLock(database(), applicationName);
    expect(await database().terminateSessions(applicationName)).toBeGreaterThan(0);
    await blocker.query('ROLLBACK');

    const error = await outcome;
    expect(error).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect((error as Error).message).toMatch(/claim the idempotency record/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(chargeCard).not.toHaveBeenCalled();

    // The pool (or postgres.js) opens a new session; nothing of the killed one is left.
    await expect(call({ id: 'o-1' })).resolves.toEqual({ charged: 'o-1' });
    await expect(call({ id: 'o-1' })).resolves.toEqual({ charged: 'o-1' });
    expect(chargeCard).toHaveBeenCalledTimes(1);
  });
});

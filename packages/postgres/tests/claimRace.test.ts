import { createHash } from 'node:crypto';
import { canonicalJson, IdempotencyAlreadyInProgressError, makeIdempotent } from '@idem/core';
import pg from 'pg';
import {
  clientKinds,
  identity,
  layerOnNewTable,
  type OpenClient,
  openClient,
  untilWaitingOnLock,
  usePostgresDatabase,
} from './support/postgresKit.js';

const database = usePostgresDatabase();

// The one case the claim statement cannot answer with the record: another transaction commits
// the key after the statement's snapshot. A second session holds its uncommitted insert until
// the claim waits on it, then commits, so the race happens every time instead of by chance.
describe.each(clientKinds)('a claim that loses to a key committed after its snapshot, through %s', (kind) => {
  let open: OpenClient;
  let rival: pg.Client;
  const applicationName = `idem-race-${kind}`;
  beforeAll(async () => {
    open = openClient(kind, database(), { applicationName });
    const { host, port, user, database: name } = database();
    rival = new pg.Client({ host, port, user, database: name });
    await rival.connect();
  });
  afterAll(async () => {
    await rival.end();
    await open.close();
  });

  /** Runs `claim` while the rival's row of `key` is uncommitted, and commits it once the claim waits. */
  async function raceAgainstRival<T>(table: string, key: string, claim: () => Promise<T>): Promise<T> {
    await rival.query('BEGIN');
    await rival.query(
      `INSERT INTO ${table} (id, status, expiration, in_progress_expiration, owner) VALUES ($1, 'INPROGRESS', $2, $3, 'rival')`,
      [key, Math.floor(Date.now() / 1000) + 3600, Date.now() + 60_000]
    );
    const claiming = claim();
    await untilWaitingOnLock(database(), applicationName);
    await rival.query('COMMIT');
    return claiming;
  }

  it('is refused with the rival’s record, read by a second statement, and writes nothing', async () => {
    const layer = await layerOnNewTable(open.client);
    const request = identity();
    const outcome = await raceAgainstRival(layer.quotedTableName, request.idempotencyKey, () =>
      layer.claim(request, { expiresAfterSeconds: 3600, leaseMs: 60_000 })
    );
    expect(outcome).toMatchObject({ kind: 'refused', existingRecord: { ownerToken: 'rival', status: 'INPROGRESS' } });
    await expect(layer.fetch(request.idempotencyKey)).resolves.toMatchObject({ ownerToken: 'rival', status: 'INPROGRESS' });
  });

  it('makes a wrapped call report the rival’s call in progress, without running the function', async () => {
    const layer = await layerOnNewTable(open.client);
    const chargeCard = jest.fn(async (_order: string) => 'charged');
    const call = makeIdempotent(chargeCard, { persistenceStore: layer, keyPrefix: 'race' });
    const key = `race#${createHash('md5').update(canonicalJson('o-1')).digest('hex')}`;
    const outcome = await raceAgainstRival(layer.quotedTableName, key, () => call('o-1').then(String, (error: unknown) => error));
    expect(outcome).toBeInstanceOf(IdempotencyAlreadyInProgressError);
    expect(outcome).toHaveProperty('existingRecord.ownerToken', 'rival');
    expect(chargeCard).not.toHaveBeenCalled();
  });
});

import { randomBytes } from 'node:crypto';
import type { CachePersistenceLayer } from '@idem/cache';
import {
  encryptedResponses,
  IdempotencyConfig,
  IdempotencyPersistenceConsistencyError,
  makeIdempotent,
  type ResponseEncryptionKey,
} from '@idem/core';
import { type RedisServer, startRedis } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { recordFigure } from '../src/figures.js';
import { type CallOutcome, outcomeOf, tally } from '../src/outcomes.js';
import { idempotencyKeyOf, type OpenStore, openStore } from '../src/stores.js';

const secretField = 'iban DE89 3704 0044 0532 0130 00';
const keyPrefix = `encrypted-${Date.now()}`;
const oldKey: ResponseEncryptionKey = { id: '2026-01', key: randomBytes(32) };
const newKey: ResponseEncryptionKey = { id: '2026-07', key: randomBytes(32) };

let server: RedisServer | undefined;

beforeAll(async () => {
  server = await startRedis();
});

afterAll(async () => {
  await server?.stop();
});

/**
 * One "deployment": a fresh client, layer and config with the given keys, as a process restart
 * with a new key list would have. Returns the wrapped function and what it ran.
 */
async function deploy(keys: ResponseEncryptionKey[]) {
  const store = await openStore({ kind: 'redis', port: (server as RedisServer).port });
  const ran: string[] = [];
  const payout = makeIdempotent(
    async (request: { payoutId: string }) => {
      ran.push(request.payoutId);
      return { payoutId: request.payoutId, beneficiary: secretField, amount: 1200 };
    },
    {
      persistenceStore: store.layer,
      keyPrefix,
      config: new IdempotencyConfig({ responseSerializer: encryptedResponses({ keys }) }),
    }
  );
  const raw = async (payoutId: string): Promise<string | null> =>
    (store.raw as Redis).get((store.layer as CachePersistenceLayer).storageKey(idempotencyKeyOf(keyPrefix, { payoutId })));
  return { store, payout, ran, raw };
}

const expected = (payoutId: string) => JSON.stringify({ payoutId, beneficiary: secretField, amount: 1200 });

describe('encryptedResponses on a real Redis store', () => {
  it('stores no plaintext, and a key rotation across a restart of the layer keeps old records readable', async () => {
    const started = Date.now();
    const outcomes: CallOutcome[] = [];
    const stores = new Set<OpenStore>();
    const close = async (store: OpenStore): Promise<void> => {
      stores.delete(store);
      await store.close();
    };
    try {
      // Before the rotation: only the old key.
      const before = await deploy([oldKey]);
      stores.add(before.store);
      outcomes.push(await outcomeOf('p-1', () => before.payout({ payoutId: 'p-1' })));
      const storedBefore = await before.raw('p-1');
      await close(before.store);

      // After a restart with the new key added last: old records decrypt, new ones use the new key.
      const rotated = await deploy([oldKey, newKey]);
      stores.add(rotated.store);
      outcomes.push(await outcomeOf('p-1', () => rotated.payout({ payoutId: 'p-1' })));
      outcomes.push(await outcomeOf('p-2', () => rotated.payout({ payoutId: 'p-2' })));
      const storedAfter = await rotated.raw('p-2');
      await close(rotated.store);

      // Once the old key is retired: new records still replay, an old one is refused, not misread.
      const retired = await deploy([newKey]);
      stores.add(retired.store);
      const p2 = await outcomeOf('p-2', () => retired.payout({ payoutId: 'p-2' }));
      const p1 = await outcomeOf('p-1', () => retired.payout({ payoutId: 'p-1' }));
      outcomes.push(p2, p1);

      recordFigure({
        id: 'security.encryption',
        section: 'Security',
        title: 'encryptedResponses: no plaintext in the store; key rotation across a restart of the layer',
        store: 'Redis 7 standalone (ioredis)',
        applied:
          'a response holding an IBAN stored under key 2026-01; the layer restarted with [2026-01, 2026-07], then with [2026-07] only',
        ...tally(outcomes),
        executions: before.ran.length + rotated.ran.length + retired.ran.length,
        keys: 2,
        recordsLeftInProgress: 0,
        notes: [
          `Raw stored values hold no plaintext response (${(storedBefore ?? '').length} and ${(storedAfter ?? '').length} bytes); ` +
            'the old record replayed after the restart; with the old key retired it raised IdempotencyPersistenceConsistencyError.',
        ],
        durationMs: Date.now() - started,
      });

      for (const stored of [storedBefore, storedAfter]) {
        expect(stored).not.toBeNull();
        expect(stored).not.toContain('DE89');
        expect(stored).not.toContain('beneficiary');
        expect(stored).not.toContain('1200');
      }
      expect(storedBefore).toContain(`"keyId":"${oldKey.id}"`);
      expect(storedAfter).toContain(`"keyId":"${newKey.id}"`);
      expect(outcomes.slice(0, 3)).toEqual([
        { key: 'p-1', result: expected('p-1') },
        { key: 'p-1', result: expected('p-1') },
        { key: 'p-2', result: expected('p-2') },
      ]);
      expect(before.ran).toEqual(['p-1']);
      expect(rotated.ran).toEqual(['p-2']);
      expect(p2).toEqual({ key: 'p-2', result: expected('p-2') });
      expect(p1).toEqual({ key: 'p-1', error: IdempotencyPersistenceConsistencyError.name });
      expect(retired.ran).toEqual([]);
    } finally {
      await Promise.all([...stores].map(close));
    }
  }, 20_000);
});

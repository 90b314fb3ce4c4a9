import type { CachePersistenceLayer } from '@idem/cache';
import {
  type BasePersistenceLayer,
  IdempotencyConfig,
  type IdempotencyConfigOptions,
  type IdempotencyRecord,
  jsonLogListener,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { type RedisServer, startRedis } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { recordFigure } from '../src/figures.js';
import { type CallOutcome, outcomeOf, tally } from '../src/outcomes.js';
import { idempotencyKeyOf, type OpenStore, openStore } from '../src/stores.js';

const payloadSecret = 'PAYLOAD-SECRET-4111-1111-1111-1111';
const responseSecret = 'RESPONSE-SECRET-tok_9f8e7d';
const secrets = [payloadSecret, responseSecret];

/** A memory store whose writes fail with an error that quotes what it was writing, as some drivers do. */
class FailingStore extends MemoryPersistenceLayer {
  public failing = new Set<'put' | 'update' | 'delete'>();
  private fail(operation: string, record: IdempotencyRecord): never {
    throw new Error(`${operation} failed for ${JSON.stringify(record)} (card ${payloadSecret}, data ${responseSecret})`);
  }
  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    if (this.failing.has('put')) this.fail('PutItem', record);
    return super._putRecord(record);
  }
  protected override async _updateRecord(record: IdempotencyRecord): Promise<void> {
    if (this.failing.has('update')) this.fail('UpdateItem', record);
    return super._updateRecord(record);
  }
  protected override async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    if (this.failing.has('delete')) this.fail('DeleteItem', record);
    return super._deleteRecord(record);
  }
}

let server: RedisServer | undefined;
let store: OpenStore | undefined;

beforeAll(async () => {
  server = await startRedis();
  store = await openStore({ kind: 'redis', port: server.port });
});

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

/** Everything written to the console and to stdout/stderr while `body` runs. */
async function captureOutput(body: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')))
  );
  const writes = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    })
  );
  try {
    await body();
  } finally {
    for (const spy of [...spies, ...writes]) spy.mockRestore();
  }
  return lines;
}

interface Charge {
  orderId: string;
  card: string;
  amount: number;
}

/**
 * Every path a call can take, with the secret card number in the payload and the secret token
 * in the response (and in the function's own error): completed, replayed, in progress,
 * validation failure, function error, claim lost, and store errors on claim, completion and release.
 */
async function everyPath(extra: IdempotencyConfigOptions): Promise<{ outcomes: CallOutcome[]; runs: number }> {
  const outcomes: CallOutcome[] = [];
  let runs = 0;
  const prefix = `logs-${Date.now()}-${Math.random()}`;
  const config = new IdempotencyConfig({ payloadValidationJmesPath: 'amount', eventKeyJmesPath: '[orderId, card]', ...extra });
  const finishers: Array<() => void> = [];
  const wrap = (layer: BasePersistenceLayer, keyPrefix: string, behaviour: 'answer' | 'wait' | 'throw') =>
    makeIdempotent(
      async (charge: Charge) => {
        runs++;
        if (behaviour === 'throw') throw new Error(`card ${charge.card} declined, token ${responseSecret}`);
        if (behaviour === 'wait') await new Promise<void>((resolve) => finishers.push(resolve));
        return { orderId: charge.orderId, token: responseSecret, card: charge.card };
      },
      { persistenceStore: layer, keyPrefix, config }
    );
  const redisLayer = (store as OpenStore).layer;
  const charge = (orderId: string, amount = 10): Charge => ({ orderId, card: payloadSecret, amount });

  const answer = wrap(redisLayer, `${prefix}-answer`, 'answer');
  outcomes.push(await outcomeOf('completed', () => answer(charge('o1'))));
  outcomes.push(await outcomeOf('replayed', () => answer(charge('o1'))));
  outcomes.push(await outcomeOf('validation', () => answer(charge('o1', 99))));
  outcomes.push(await outcomeOf('function error', () => wrap(redisLayer, `${prefix}-throw`, 'throw')(charge('o2'))));

  const waiting = wrap(redisLayer, `${prefix}-wait`, 'wait');
  const held = outcomeOf('claim lost', () => waiting(charge('o3')));
  for (let attempt = 0; attempt < 100 && finishers.length < 1; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  outcomes.push(await outcomeOf('in progress', () => waiting(charge('o3'))));
  // Behind the first call's back: its record is deleted and another call takes the key.
  const key = idempotencyKeyOf(`${prefix}-wait`, ['o3', payloadSecret]);
  await ((store as OpenStore).raw as Redis).del((redisLayer as CachePersistenceLayer).storageKey(key));
  const taker = outcomeOf('new owner', () => waiting(charge('o3')));
  for (let attempt = 0; attempt < 100 && finishers.length < 2; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  finishers[0]?.();
  outcomes.push(await held);
  finishers[1]?.();
  outcomes.push(await taker);

  const failing = new FailingStore();
  failing.failing = new Set(['put']);
  outcomes.push(await outcomeOf('claim store error', () => wrap(failing, `${prefix}-f1`, 'answer')(charge('o4'))));
  failing.failing = new Set(['update']);
  outcomes.push(await outcomeOf('complete store error', () => wrap(failing, `${prefix}-f2`, 'answer')(charge('o5'))));
  failing.failing = new Set(['delete']);
  outcomes.push(await outcomeOf('release store error', () => wrap(failing, `${prefix}-f3`, 'throw')(charge('o6'))));
  return { outcomes, runs };
}

describe('log output through every path, with secrets in payload, response and errors', () => {
  it.each<[string, IdempotencyConfigOptions]>([
    ['by default (no onEvent)', {}],
    ['with jsonLogListener() as onEvent', { onEvent: jsonLogListener() }],
  ])(
    '%s holds no payload or response',
    async (setting, extra) => {
      const started = Date.now();
      let outcomes: CallOutcome[] = [];
      let runs = 0;
      const lines = await captureOutput(async () => {
        ({ outcomes, runs } = await everyPath(extra));
      });
      const leaking = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
      recordFigure({
        id: `security.logs.${extra.onEvent ? 'jsonLogListener' : 'default'}`,
        section: 'Security',
        title: 'No payloads or responses in log output',
        store: 'Redis 7 standalone (ioredis), and a memory store whose writes fail with errors quoting the record',
        applied: `${setting}: completed, replayed, validation failure, function error, in progress, claim lost, new owner, store errors on claim, completion and release; card number in the payload, token in the response and in the errors`,
        ...tally(outcomes),
        executions: runs,
        keys: outcomes.length,
        recordsLeftInProgress: 0,
        notes: [
          `${lines.length} log lines captured, ${leaking.length} holding a secret. The 2 plain Errors are the function's own, ` +
            'rethrown unchanged (one after a release that failed); the library does not log them.',
        ],
        durationMs: Date.now() - started,
      });

      expect(Object.fromEntries(outcomes.map((outcome) => [outcome.key, 'error' in outcome ? outcome.error : 'result']))).toEqual(
        {
          completed: 'result',
          replayed: 'result',
          validation: 'IdempotencyValidationError',
          'function error': 'Error',
          'in progress': 'IdempotencyAlreadyInProgressError',
          'claim lost': 'result',
          'new owner': 'result',
          'claim store error': 'IdempotencyPersistenceLayerError',
          'complete store error': 'IdempotencyPersistenceLayerError',
          'release store error': 'Error',
        }
      );
      // The capture sees the warnings and events, so an empty capture cannot pass for a clean one.
      expect(lines.some((line) => line.includes('"source":"idem"'))).toBe(true);
      expect(leaking).toEqual([]);
    },
    20_000
  );
});

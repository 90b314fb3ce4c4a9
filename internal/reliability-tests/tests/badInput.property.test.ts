import { CachePersistenceLayer } from '@idem/cache';
import {
  type BasePersistenceLayer,
  canonicalJson,
  IdempotencyConfig,
  IdempotencyUnknownError,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { type RedisServer, startRedis } from '@idem/test-servers';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { recordFigure } from '../src/figures.js';

// Payloads and results of every shape JavaScript has, JSON or not: BigInt, Date, Map, Set,
// typed and sparse arrays, boxed values, null prototypes, -0, NaN, undefined members.
const anyValue = fc.anything({
  maxDepth: 3,
  maxKeys: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withBoxedValues: true,
  withNullPrototype: true,
});
/** A pool of payloads and a sequence of calls, each picking one and saying what the function returns. */
const callPlan = fc.record({
  payloads: fc.array(fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyValue), { minLength: 1, maxLength: 5 }),
  calls: fc.array(fc.record({ pick: fc.nat(), result: fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyValue) }), {
    minLength: 1,
    maxLength: 12,
  }),
});
type CallPlan = typeof callPlan extends fc.Arbitrary<infer Plan> ? Plan : never;

/**
 * What makes two payloads the same request: their JSON form with keys sorted. None when JSON
 * cannot carry the payload: BigInt, or a Map or Set anywhere, whose entries JSON would drop.
 */
function payloadIdentity(payload: unknown): string | undefined {
  if (holdsCollection(payload, new Set())) return undefined;
  try {
    return canonicalJson(payload);
  } catch {
    return undefined;
  }
}

function holdsCollection(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  if (value instanceof Map || value instanceof Set) return true;
  seen.add(value);
  return Object.values(value).some((member) => holdsCollection(member, seen));
}

/** Totals over every property run of one store, for the document. */
interface PropertyTotals {
  calls: number;
  executions: number;
  results: number;
  replays: number;
  errors: Record<string, number>;
}

/**
 * Runs the plan through one wrapped function and returns the first broken promise, if any:
 * - every outcome is a result or an IdempotencyUnknownError subclass;
 * - a result comes from an execution for a payload with the same identity (no cross-payload replay);
 * - once a payload's result was stored, every later call with its identity gets that result (as JSON).
 */
async function violation(
  layer: BasePersistenceLayer,
  plan: CallPlan,
  run: number,
  totals: PropertyTotals
): Promise<string | undefined> {
  const produced: Array<{ identity: string | undefined; returned: unknown }> = [];
  const storedByIdentity = new Map<string, number>();
  const fn = makeIdempotent(
    async (payload: unknown, result: unknown) => {
      const stamp = produced.length;
      const returned = { stamp, result };
      produced.push({ identity: payloadIdentity(payload), returned });
      return returned;
    },
    {
      persistenceStore: layer,
      keyPrefix: `property-${run}-${Date.now()}`,
      // A payload without a key is refused, not run without idempotency, so every result is checkable.
      config: new IdempotencyConfig({ throwOnNoIdempotencyKey: true }),
    }
  );
  for (const call of plan.calls) {
    const payload = plan.payloads[call.pick % plan.payloads.length];
    const identity = payloadIdentity(payload);
    totals.calls++;
    let outcome: unknown;
    try {
      outcome = await fn(payload, call.result);
    } catch (error) {
      if (!(error instanceof IdempotencyUnknownError)) return `untyped error ${String(error)} for payload ${String(identity)}`;
      totals.errors[error.name] = (totals.errors[error.name] ?? 0) + 1;
      // An empty payload has no key (IdempotencyKeyError) even when its JSON matches a stored one's.
      const replayDue = identity !== undefined && storedByIdentity.has(identity) && error.name !== 'IdempotencyKeyError';
      if (replayDue) return `error ${error.name} where a stored result should replay`;
      continue;
    }
    totals.results++;
    if (identity === undefined) return `a payload JSON cannot carry got a result: ${String(outcome)}`;
    const stamp = (outcome as { stamp?: unknown })?.stamp;
    if (typeof stamp !== 'number') return `a result no execution produced: ${String(outcome)}`;
    const source = produced[stamp];
    if (!source) return `a result no execution produced: ${String(outcome)}`;
    if (source.identity !== identity)
      return `payload ${String(identity)} replayed the result of payload ${String(source.identity)}`;
    if (JSON.stringify(outcome) !== JSON.stringify(source.returned))
      return `replay differs from the stored result for ${String(identity)}`;
    const first = storedByIdentity.get(identity);
    if (first !== undefined && first !== stamp) return `payload ${identity} ran again instead of replaying result ${first}`;
    if (first !== undefined) totals.replays++;
    storedByIdentity.set(identity, stamp);
  }
  totals.executions += produced.length;
  return undefined;
}

let server: RedisServer | undefined;
let redis: Redis | undefined;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: true });
  await redis.connect();
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const stores: Array<[id: string, label: string, numRuns: number, layer: () => BasePersistenceLayer]> = [
  ['memory', 'MemoryPersistenceLayer', 300, () => new MemoryPersistenceLayer()],
  [
    'redis',
    'Redis 7 standalone (ioredis)',
    100,
    () => new CachePersistenceLayer({ client: redis as Redis, storageKeyPrefix: 'idem:' }),
  ],
];

describe.each(stores)('arbitrary payloads and results through makeIdempotent on %s', (id, label, numRuns, layer) => {
  it('give a result or a typed idem error, never a crash, a cross-payload replay or a replay that differs from the first result', async () => {
    const totals: PropertyTotals = { calls: 0, executions: 0, results: 0, replays: 0, errors: {} };
    const started = Date.now();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(callPlan, async (plan) => {
        expect(await violation(layer(), plan, run++, totals)).toBeUndefined();
      }),
      { numRuns }
    );
    recordFigure({
      id: `property.${id}`,
      section: 'Bad input',
      title: 'Arbitrary payloads and results (fast-check): a result or a typed error, never a crash or a wrong replay',
      store: label,
      applied: `${numRuns} fast-check runs, each up to 12 sequential calls over up to 5 payloads of any JavaScript shape, returning values of any shape`,
      calls: totals.calls,
      executions: totals.executions,
      keys: 0,
      results: totals.results,
      errors: totals.errors,
      recordsLeftInProgress: 0,
      notes: [`${totals.replays} results were replays of an earlier call's stored result, each equal to it as JSON.`],
      durationMs: Date.now() - started,
    });
  }, 60_000);
});

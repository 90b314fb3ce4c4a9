import { CachePersistenceLayer } from '@idem/cache';
import type { ReplicaAcknowledgements } from '@idem/cache/types';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { type ReplicatedRedis, startReplicatedRedis } from '@idem/test-servers';
import { Redis } from 'ioredis';
import { recordFigure } from '../src/figures.js';
import { type CallOutcome, outcomeOf, tally } from '../src/outcomes.js';
import { failFastRedisOptions, idempotencyKeyOf } from '../src/stores.js';
import { atTime, sleep } from './support/clock.js';

// A real failover of a primary with one replica (redis-server --replicaof): calls complete or are
// still running, the primary is SIGKILLed, the replica promoted (REPLICAOF NO ONE), and every key
// is called again on it. "Held" runs keep the writes off the replica for certain: the replication
// stream waits in a proxy between the two and is dropped with the primary.
const completedKeys = ['paid-0', 'paid-1', 'paid-2'];
const runningKeys = ['running-0', 'running-1', 'running-2'];
const leaseSeconds = 10;
const acknowledgements: ReplicaAcknowledgements = { replicas: 1, timeoutMs: 500 };

interface FailoverRun {
  outcomes: CallOutcome[];
  /** The keys whose function ran, once per run, during the calls (the checks after the lease left out). */
  runs: string[];
  /** Running keys whose record was INPROGRESS on the promoted replica at the end. */
  leftInProgress: string[];
  /** Of those, the ones a call after their lease ran again (through a layer without the option). */
  lapsed: string[];
  /** What the same late calls got with the option: the promoted server has no replica to acknowledge them. */
  lapsedWithOption: CallOutcome[];
  /** Milliseconds of the first completed call, claim and completion together. */
  firstCallMs: number;
  durationMs: number;
}

async function runFailover(
  replicaAcknowledgements: ReplicaAcknowledgements | undefined,
  hold: boolean,
  failover: boolean
): Promise<FailoverRun> {
  const started = Date.now();
  const servers: ReplicatedRedis = await startReplicatedRedis();
  const clients: Redis[] = [];
  const layerOn = async (port: number, acknowledged: ReplicaAcknowledgements | undefined) => {
    // WAITs on one connection queue behind each other (WAIT blocks the connection): room for several.
    const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, ...failFastRedisOptions, commandTimeout: 5_000 });
    await redis.connect();
    clients.push(redis);
    return new CachePersistenceLayer({ client: redis, storageKeyPrefix: 'idem:', replicaAcknowledgements: acknowledged });
  };
  try {
    const runs: string[] = [];
    const gates: Array<() => void> = [];
    let holdRunning = true;
    const body = async (payload: { orderId: string }) => {
      runs.push(payload.orderId);
      if (holdRunning && payload.orderId.startsWith('running')) await new Promise<void>((resolve) => gates.push(resolve));
      return { orderId: payload.orderId, run: runs.length };
    };
    const keyPrefix = `failover-${Date.now()}`;
    const config = new IdempotencyConfig({ inProgressExpiresAfterSeconds: leaseSeconds });
    const onPrimary = makeIdempotent(body, {
      persistenceStore: await layerOn(servers.primary.port, replicaAcknowledgements),
      keyPrefix,
      config,
    });
    if (hold) servers.holdReplication();

    const firstStarted = performance.now();
    const first = await outcomeOf(completedKeys[0] as string, () => onPrimary({ orderId: completedKeys[0] as string }));
    const firstCallMs = performance.now() - firstStarted;
    const before = [
      first,
      ...(await Promise.all(completedKeys.slice(1).map((key) => outcomeOf(key, () => onPrimary({ orderId: key }))))),
    ];
    const running = runningKeys.map((key) => outcomeOf(key, () => onPrimary({ orderId: key })));
    await untilStarted(gates, runningKeys.length, Promise.all(running));
    if (!failover) {
      for (const open of gates) open();
      return {
        outcomes: [...before, ...(await Promise.all(running))],
        runs,
        leftInProgress: [],
        lapsed: [],
        lapsedWithOption: [],
        firstCallMs,
        durationMs: Date.now() - started,
      };
    }

    await servers.failover();
    const promotedLayer = await layerOn(servers.replica.port, replicaAcknowledgements);
    const onPromoted = makeIdempotent(body, { persistenceStore: promotedLayer, keyPrefix, config });
    const retries = Promise.all(
      [...completedKeys, ...runningKeys].map((key) => outcomeOf(key, () => onPromoted({ orderId: key })))
    );
    // A retry that claimed a running key runs too: let those start before every run may finish.
    await untilStarted(gates, runningKeys.length * 2, retries);
    for (const open of gates) open();
    const after = await retries;
    const outcomes = [...before, ...after, ...(await Promise.all(running))];

    const leftInProgress: string[] = [];
    for (const key of runningKeys) {
      const record = await promotedLayer.fetch(idempotencyKeyOf(keyPrefix, { orderId: key })).catch(() => undefined);
      if (record?.getStatus() === 'INPROGRESS') leftInProgress.push(key);
    }
    // Past the lease (Date moved; the layer compares leases with the caller's clock) each such key is free again.
    const lapsed: string[] = [];
    const runsOfTheCalls = [...runs];
    holdRunning = false;
    const onPromotedWithout = makeIdempotent(body, {
      persistenceStore: await layerOn(servers.replica.port, undefined),
      keyPrefix,
      config,
    });
    const lapsedWithOption = await atTime(Date.now() + (leaseSeconds + 1) * 1000, async () => {
      const withOption = await Promise.all(leftInProgress.map((key) => outcomeOf(key, () => onPromoted({ orderId: key }))));
      for (const key of leftInProgress) {
        const outcome = await outcomeOf(key, () => onPromotedWithout({ orderId: key }));
        if ('result' in outcome) lapsed.push(key);
      }
      return withOption;
    });
    return {
      outcomes,
      runs: runsOfTheCalls,
      leftInProgress,
      lapsed,
      lapsedWithOption,
      firstCallMs,
      durationMs: Date.now() - started,
    };
  } finally {
    for (const client of clients) client.disconnect();
    await servers.stop();
  }
}

/** Until `count` functions wait at their gates, or `calls` have all settled (those that failed to claim never start). */
async function untilStarted(gates: unknown[], count: number, calls: Promise<unknown>): Promise<void> {
  let settled = false;
  void calls.then(() => {
    settled = true;
  });
  for (let waited = 0; waited < 5000 && gates.length < count && !settled; waited += 10) await sleep(10);
}

const store = 'Redis 7 primary + 1 replica (ioredis)';

function describeErrors(outcomes: CallOutcome[]): string {
  const errors = Object.entries(tally(outcomes).errors);
  return errors.length === 0 ? 'no error' : errors.map(([name, count]) => `${name} ${count}×`).join(', ');
}
const applied = (option: string, replication: string) =>
  `${completedKeys.length} keys completed and ${runningKeys.length} still running (${option}; ${replication}), ` +
  'then the primary SIGKILLed, the replica promoted, and every key called again on it';

describe('a failover to a replica, with and without replicaAcknowledgements', () => {
  it('without it, writes the replica had not received are lost: every key runs again, the running ones while their first run goes on', async () => {
    const run = await runFailover(undefined, true, true);
    const executionsPerKey = (key: string) => run.runs.filter((ran) => ran === key).length;
    recordFigure({
      id: 'failover.redis.replicaAcknowledgements.off',
      section: 'Failover',
      title: 'A real failover to a replica, with and without replicaAcknowledgements',
      store,
      applied: applied('no replicaAcknowledgements', 'replication held back, as a lagging replica'),
      ...tally(run.outcomes),
      executions: run.runs.length,
      keys: completedKeys.length + runningKeys.length,
      recordsLeftInProgress: run.leftInProgress.length,
      notes: [
        `${completedKeys.filter((key) => executionsPerKey(key) === 2).length} of ${completedKeys.length} completed keys ran again instead of replaying; ` +
          `${runningKeys.filter((key) => executionsPerKey(key) === 2).length} of ${runningKeys.length} running keys ran a second time while the first run went on; ` +
          "the first runs' completions failed against the dead primary.",
      ],
      durationMs: run.durationMs,
    });

    for (const key of [...completedKeys, ...runningKeys]) expect(executionsPerKey(key)).toBe(2);
  }, 60_000);

  it('with it, every acknowledged claim and result survives: completed keys replay, running keys are refused as in progress until their lease ends', async () => {
    const run = await runFailover(acknowledgements, false, true);
    const after = run.outcomes.slice(completedKeys.length, completedKeys.length * 2 + runningKeys.length);
    const replays = after.filter((outcome) => completedKeys.includes(outcome.key) && 'result' in outcome).length;
    const refused = after.filter(
      (outcome) =>
        runningKeys.includes(outcome.key) && 'error' in outcome && outcome.error === 'IdempotencyAlreadyInProgressError'
    ).length;
    recordFigure({
      id: 'failover.redis.replicaAcknowledgements.on',
      section: 'Failover',
      title: 'A real failover to a replica, with and without replicaAcknowledgements',
      store,
      applied: applied(
        `replicaAcknowledgements { replicas: 1, timeoutMs: ${acknowledgements.timeoutMs} }`,
        'replication flowing'
      ),
      ...tally(run.outcomes),
      executions: run.runs.length,
      keys: completedKeys.length + runningKeys.length,
      recordsLeftInProgress: run.leftInProgress.length,
      notes: [
        `${replays} of ${completedKeys.length} completed keys replayed on the promoted replica; ${refused} of ${runningKeys.length} running keys were refused as in progress; ` +
          "the first runs' completions failed against the dead primary, so their claims stayed until their lease passed.",
        `After the lease, a call with the option got ${describeErrors(run.lapsedWithOption)}: the promoted server has no replica ` +
          `until one attaches, so no new claim is acknowledged; without it, ${run.lapsed.length} of ${run.leftInProgress.length} ran.`,
      ],
      durationMs: run.durationMs,
    });

    expect(run.runs.sort()).toEqual([...completedKeys, ...runningKeys].sort());
    expect(replays).toBe(completedKeys.length);
    expect(refused).toBe(runningKeys.length);
    expect(run.leftInProgress).toEqual(runningKeys);
    expect(run.lapsed).toEqual(runningKeys);
    expect(tally(run.lapsedWithOption).errors).toEqual({ IdempotencyUnderReplicatedError: runningKeys.length });
  }, 60_000);

  it('with it and replication held back, no claim is acknowledged: every call fails as under-replicated and no function runs', async () => {
    const run = await runFailover(acknowledgements, true, false);
    recordFigure({
      id: 'failover.redis.replicaAcknowledgements.unacknowledged',
      section: 'Failover',
      title: 'A real failover to a replica, with and without replicaAcknowledgements',
      store,
      applied:
        `${completedKeys.length + runningKeys.length} calls with replicaAcknowledgements { replicas: 1, timeoutMs: ${acknowledgements.timeoutMs} } ` +
        'while replication is held back (no failover)',
      ...tally(run.outcomes),
      executions: run.runs.length,
      keys: completedKeys.length + runningKeys.length,
      recordsLeftInProgress: 0,
      notes: [
        `each call failed after waiting ${acknowledgements.timeoutMs} ms for the acknowledgement (the first took ${Math.round(run.firstCallMs)} ms), ` +
          'its claim released from the primary and its function not run.',
      ],
      durationMs: run.durationMs,
    });

    expect(run.runs).toEqual([]);
    expect(tally(run.outcomes).errors).toEqual({ IdempotencyUnderReplicatedError: completedKeys.length + runningKeys.length });
  }, 60_000);
});

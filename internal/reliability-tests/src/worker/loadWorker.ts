// A worker process of the load and crash tests, run with tsx. It takes tasks from its parent over
// IPC, runs idempotent calls against a real store and reports every outcome and execution back.
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { type CallOutcome, outcomeOf } from '../outcomes.js';
import { openStore } from '../stores.js';
import type { Execution, HangTask, LoadTask, WorkerReply, WorkerTask } from './messages.js';

const send = (reply: WorkerReply): void => {
  process.send?.(reply);
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function runLoad(task: LoadTask): Promise<void> {
  const store = await openStore(task.store);
  const executions: Execution[] = [];
  let runs = 0;
  const order = makeIdempotent(
    async (payload: { orderId: string }) => {
      const result = { orderId: payload.orderId, ranBy: `${process.pid}:${++runs}` };
      executions.push({ key: payload.orderId, result: JSON.stringify(result) });
      await sleep(task.functionMs);
      return result;
    },
    {
      persistenceStore: store.layer,
      keyPrefix: task.keyPrefix,
      config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: task.inProgressExpiresAfterSeconds }),
    }
  );
  try {
    await sleep(Math.max(0, task.startAt - Date.now()));
    const calls: Array<Promise<CallOutcome>> = [];
    for (let i = 0; i < task.calls; i++) {
      const key = task.keys[i % task.keys.length] as string;
      const delay = ((i % 16) * task.spreadMs) / 16;
      calls.push(sleep(delay).then(() => outcomeOf(key, () => order({ orderId: key }))));
    }
    send({ type: 'loadDone', outcomes: await Promise.all(calls), executions });
  } finally {
    await store.close();
  }
}

async function runHang(task: HangTask): Promise<void> {
  const store = await openStore(task.store);
  const job = makeIdempotent(
    async (payload: { orderId: string }) => {
      send({ type: 'running', key: payload.orderId });
      // Never settles: the parent kills this process while the function runs.
      await new Promise(() => setInterval(() => undefined, 1_000));
    },
    {
      persistenceStore: store.layer,
      keyPrefix: task.keyPrefix,
      config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: task.inProgressExpiresAfterSeconds }),
    }
  );
  await job({ orderId: task.key });
}

process.on('message', (task: WorkerTask) => {
  const run = task.type === 'load' ? runLoad(task) : runHang(task);
  run.catch((error: unknown) => send({ type: 'failed', message: String((error as Error)?.stack ?? error) }));
});
// The parent going away ends the worker, so no worker outlives a failed test run.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });

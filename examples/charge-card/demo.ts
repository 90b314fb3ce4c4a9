// A card charge made idempotent on the embedded in-memory store: run it with `pnpm demo`.
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';

interface ChargeRequest {
  idempotencyKey: string;
  cardToken: string;
  amountCents: number;
}

let charges = 0;

/** Pretends to call a payment provider: slow, and charging twice would be a real bug. */
async function chargeCard(request: ChargeRequest) {
  charges++;
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { chargeId: `ch_${charges}`, amountCents: request.amountCents };
}

const charge = makeIdempotent(chargeCard, {
  persistenceStore: new MemoryPersistenceLayer(),
  config: new IdempotencyConfig({
    eventKeyJmesPath: 'idempotencyKey',
    payloadValidationJmesPath: '[cardToken, amountCents]',
  }),
});

/** What one call looked like from the caller's side. */
async function outcomeOf(call: Promise<{ chargeId: string }>): Promise<string> {
  try {
    return `charge ${(await call).chargeId}`;
  } catch (error) {
    if (error instanceof IdempotencyAlreadyInProgressError) return 'in progress (retry later)';
    if (error instanceof IdempotencyValidationError) return 'rejected: key reused with another payload';
    throw error;
  }
}

async function main() {
  const order = { idempotencyKey: 'order-1001', cardToken: 'tok_visa', amountCents: 4200 };
  const rows: Array<[string, string, number]> = [];
  const step = async (what: string, calls: Array<Promise<{ chargeId: string }>>) => {
    const before = charges;
    const outcomes = await Promise.all(calls.map(outcomeOf));
    const counts = new Map<string, number>();
    for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    const summary = [...counts].map(([outcome, n]) => (n > 1 ? `${n} × ${outcome}` : outcome)).join(', ');
    rows.push([what, summary, charges - before]);
  };

  await step('first call', [charge(order)]);
  await step('same payload again', [charge(order)]);
  const burst = { ...order, idempotencyKey: 'order-1002' };
  await step(
    '20 concurrent duplicates',
    Array.from({ length: 20 }, () => charge(burst))
  );
  await step('after they finished', [charge(burst)]);
  await step('key reused, other amount', [charge({ ...order, amountCents: 9900 })]);

  const [callWidth, outcomeWidth] = [26, 52] as const;
  console.log(`${'call'.padEnd(callWidth)}${'what the caller got'.padEnd(outcomeWidth)}card charged`);
  for (const [what, summary, ran] of rows) {
    console.log(`${what.padEnd(callWidth)}${summary.padEnd(outcomeWidth)}${ran === 0 ? 'no' : `${ran}×`}`);
  }
  console.log(`\n${charges} charges for 24 calls: each order was charged exactly once.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * How fast can an idempotent first call be at all? Times, in one process and interleaved, a
 * reference that does only the essential work of a first call (serialize and hash the body,
 * write the claim, run the handler, write the result with the response as JSON text), idem, and
 * Powertools, on unique payloads. Prints the best CPU time per call of each over the rounds.
 *
 *   pnpm build && node --expose-gc --import tsx bench/referenceFloor.ts
 */
import { hash } from 'node:crypto';
import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsMakeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext, paymentResponse } from './src/fixtures/apiGatewayEvent.js';
import { PowertoolsMemoryLayer } from './src/targets/PowertoolsMemoryLayer.js';
import type { IdempotentHandler } from './src/targets/ScenarioTarget.js';

const calls = 30_000;
const rounds = 11;

async function chargePayment(_event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> {
  return paymentResponse;
}

/** The least an idempotent first call must do; no validation, expiry checks or error mapping. */
function reference(): IdempotentHandler {
  const records = new Map<string, { status: string; expiry: number; responseText?: string }>();
  return async (event, context) => {
    const key = `payments#${hash('md5', JSON.stringify(event.body), 'hex')}`;
    const stored = records.get(key);
    if (stored?.responseText !== undefined) return JSON.parse(stored.responseText);
    records.set(key, { status: 'INPROGRESS', expiry: Date.now() + 3_600_000 });
    const response = await chargePayment(event, context);
    records.delete(key);
    records.set(key, { status: 'COMPLETED', expiry: Date.now() + 3_600_000, responseText: JSON.stringify(response) });
    return response;
  };
}

const contenders: Record<string, () => IdempotentHandler> = {
  reference,
  idem: () =>
    makeIdempotent(chargePayment, {
      persistenceStore: new MemoryPersistenceLayer(),
      config: new IdempotencyConfig({ eventKeyJmesPath: 'body' }),
    }),
  powertools: () =>
    powertoolsMakeIdempotent(chargePayment, {
      persistenceStore: new PowertoolsMemoryLayer(),
      config: new PowertoolsConfig({ eventKeyJmesPath: 'body' }),
    }) as IdempotentHandler,
};

const best: Record<string, number> = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, build] of Object.entries(contenders)) {
    const handler = build();
    for (let i = 0; i < 5000; i++) await handler(apiGatewayEvent(`warm-${i}`), lambdaContext);
    const events = Array.from({ length: calls }, (_, i) => apiGatewayEvent(`ord-${round}-${i}`));
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) await handler(events[i] as APIGatewayProxyEvent, lambdaContext);
    const cpu = process.cpuUsage(before);
    best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, (cpu.user + cpu.system) / calls);
  }
}
const powertools = best.powertools as number;
for (const [name, microseconds] of Object.entries(best)) {
  console.log(
    `${name.padEnd(10)} ${microseconds.toFixed(2)} us per first call (CPU)   Powertools/${name} ${(powertools / microseconds).toFixed(1)}x`
  );
}

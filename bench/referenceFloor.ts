/**
 * How fast can an idempotent first call be at all? Times, in one process and interleaved, the
 * floor (src/targets/floor.ts: only the essential work of a call), idem and Powertools on unique
 * payloads, and prints the best CPU time per call of each over the rounds: a quicker, steadier
 * read than `pnpm bench` while working on the first call's path.
 *
 *   pnpm build && node --expose-gc --import tsx bench/referenceFloor.ts
 */
import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsMakeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { apiGatewayEvent, chargePayment, lambdaContext } from './src/fixtures/apiGatewayEvent.js';
import { floorHandler } from './src/targets/floor.js';
import { PowertoolsMemoryLayer } from './src/targets/PowertoolsMemoryLayer.js';
import type { IdempotentHandler } from './src/targets/ScenarioTarget.js';

const calls = 30_000;
const rounds = 11;

const contenders: Record<string, () => IdempotentHandler> = {
  floor: floorHandler,
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

import { idempotent, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { IdempotentFunctionOptions, ItempotentFunctionOptions } from '@idem/core/types';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './helpers/lambdaContext.js';

// Type tests: tsc -p tsconfig.typecheck.json checks this file, and an unused @ts-expect-error fails it.

const persistenceStore = new MemoryPersistenceLayer();
const lambdaHandler = async (_event: { orderId: string }, _context: Context) => ({ statusCode: 200 });
const processRecord = async (record: { id: string }, userId: string) => `${record.id}:${userId}`;
const singleArgument = async (order: { orderId: string }) => order.orderId;

describe('ItempotentFunctionOptions', () => {
  it('dataIndexArgument is a type error for a Lambda handler and allowed for other functions', async () => {
    // @ts-expect-error a Lambda handler's payload is always its event
    makeIdempotent(lambdaHandler, { persistenceStore, dataIndexArgument: 1 });
    // @ts-expect-error the same through the options type
    const handlerOptions: ItempotentFunctionOptions<[{ orderId: string }, Context]> = { persistenceStore, dataIndexArgument: 0 };
    // @ts-expect-error the correctly spelled alias is the same type
    const aliasOptions: IdempotentFunctionOptions<Parameters<typeof lambdaHandler>> = { persistenceStore, dataIndexArgument: 0 };
    void handlerOptions;
    void aliasOptions;

    const byUser = makeIdempotent(processRecord, { persistenceStore, dataIndexArgument: 1 });
    const byOrder = makeIdempotent(singleArgument, { persistenceStore, dataIndexArgument: 0 });
    const handler = makeIdempotent(lambdaHandler, { persistenceStore });

    await expect(byUser({ id: 'r-1' }, 'u-1')).resolves.toBe('r-1:u-1');
    await expect(byOrder({ orderId: 'o-1' })).resolves.toBe('o-1');
    await expect(handler({ orderId: 'o-1' }, lambdaContext(1000))).resolves.toEqual({ statusCode: 200 });
  });

  it('the wrapped function keeps the parameter types and resolves to the return type', async () => {
    const byUser = makeIdempotent(processRecord, { persistenceStore });
    // @ts-expect-error the second parameter is a string
    void byUser({ id: 'r-1' }, 42).catch(() => undefined);
    const result: Promise<string> = byUser({ id: 'r-2' }, 'u-1');
    await expect(result).resolves.toBe('r-2:u-1');
  });

  it('the decorator takes the handler form of the options for a handler signature', () => {
    // @ts-expect-error no dataIndexArgument when the arguments are those of a Lambda handler
    idempotent<[{ orderId: string }, Context]>({ persistenceStore, dataIndexArgument: 1 });
    expect(typeof idempotent<[string, number]>({ persistenceStore, dataIndexArgument: 1 })).toBe('function');
  });
});

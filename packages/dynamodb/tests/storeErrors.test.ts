import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdempotencyPersistenceLayerError, IdempotencyRecord, IdempotencyUnknownError, makeIdempotent } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { freePort, localDynamoDBConfig } from '@idem/test-servers';

const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };

/** A DynamoDB endpoint that throttles every request, and counts them. */
let throttling: { server: Server; endpoint: string; requests: number };

beforeAll(async () => {
  const server = createServer((request, response) => {
    throttling.requests++;
    request.resume();
    request.on('end', () => {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ThrottlingException' });
      response.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
          message: 'Rate of requests exceeds the allowed throughput.',
        })
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  throttling = { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: 0 };
});
afterAll(async () => {
  throttling.server.closeAllConnections();
  await new Promise((resolve) => throttling.server.close(resolve));
});
beforeEach(() => {
  throttling.requests = 0;
});

function layerOn(endpoint: string, maxAttempts: number): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName: 'idempotency',
    clientConfig: { ...localDynamoDBConfig(endpoint), maxAttempts },
  });
}

describe('store failures', () => {
  it('surface throttling as IdempotencyPersistenceLayerError with the SDK error as cause, wrapped once', async () => {
    const failure = await layerOn(throttling.endpoint, 1)
      .claim({ idempotencyKey: 'fn#a' }, claimOptions)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect((failure as Error).message).toMatch(/claim the idempotency record/);
    const cause = (failure as Error).cause as Error;
    expect(cause.name).toBe('ThrottlingException');
    expect(cause).not.toBeInstanceOf(IdempotencyUnknownError);
  });

  it.each([1, 3])('keep the SDK retry settings: maxAttempts %i sends exactly that many requests', async (maxAttempts) => {
    await expect(layerOn(throttling.endpoint, maxAttempts).fetch('fn#a')).rejects.toBeInstanceOf(
      IdempotencyPersistenceLayerError
    );
    expect(throttling.requests).toBe(maxAttempts);
  });

  it('surface a refused connection as IdempotencyPersistenceLayerError with the network error as cause', async () => {
    const closedEndpoint = `http://127.0.0.1:${await freePort()}`;
    const failure = await layerOn(closedEndpoint, 1)
      .fetch('fn#a')
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect(((failure as Error).cause as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('stop a wrapped function before it runs when the claim fails', async () => {
    const chargeCard = jest.fn(async (_order: { id: string }) => 'charged');
    const call = makeIdempotent(chargeCard, { persistenceStore: layerOn(throttling.endpoint, 1) })({ id: 'o-1' });

    await expect(call).rejects.toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect(chargeCard).not.toHaveBeenCalled();
  });

  it('surface a failed completion as IdempotencyPersistenceLayerError', async () => {
    const layer = layerOn(throttling.endpoint, 1);
    const claim = new IdempotencyRecord({ idempotencyKey: 'fn#a', status: 'INPROGRESS', ownerToken: 't' });
    const failure = await layer.complete(claim, 'result', 60).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect(((failure as Error).cause as Error).name).toBe('ThrottlingException');
  });
});

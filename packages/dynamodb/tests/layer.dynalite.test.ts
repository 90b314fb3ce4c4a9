import { IdempotencyClaimLostError, IdempotencyItemNotFoundError, type JSONValue } from '@idem/core';
import { claimed, fakeDateOnly, identity, layerOnNewTable, layouts, readRawItem, useDynalite } from './support.js';

const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };
const server = useDynalite();

describe.each(layouts)('DynamoDBPersistenceLayer on dynalite, %s', (_name, layout) => {
  afterEach(() => jest.useRealTimers());

  it('claims a free key with an INPROGRESS record carrying the idempotency key, the hash and an owner', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity(undefined, 'hash-1');
    const claim = await claimed(layer.claim(request, claimOptions));

    const stored = await layer.fetch(request.idempotencyKey);
    expect(stored.idempotencyKey).toBe(request.idempotencyKey);
    expect(stored.getStatus()).toBe('INPROGRESS');
    expect(stored.payloadHash).toBe('hash-1');
    expect(stored.ownerToken).toBe(claim.ownerToken);
    expect(stored.expiryTimestamp).toBe(claim.expiryTimestamp);
    expect(stored.inProgressExpiryTimestamp).toBe(claim.inProgressExpiryTimestamp);
  });

  it('refuses a second claim of a live key; dynalite returns no old item, so the error carries none', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    await claimed(layer.claim(request, claimOptions));

    const refused = layer.claim(request, claimOptions);
    await expect(refused).resolves.toMatchObject({ kind: 'refused' });
    await expect(refused).resolves.toHaveProperty('existingRecord', undefined);
  });

  it('completes the claim: the record turns COMPLETED with the response and keeps the validation hash', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity(undefined, 'hash-2');
    const claim = await claimed(layer.claim(request, claimOptions));
    await layer.complete(claim, { orderId: 7, items: ['a', 'b'] }, 600);

    const stored = await layer.fetch(request.idempotencyKey);
    expect(stored.getStatus()).toBe('COMPLETED');
    expect(stored.getResponse()).toEqual({ orderId: 7, items: ['a', 'b'] });
    expect(stored.payloadHash).toBe('hash-2');
    expect(stored.inProgressExpiryTimestamp).toBeUndefined();
  });

  it.each<[string, JSONValue]>([
    ['an empty string', ''],
    ['null', null],
    ['zero', 0],
    ['false', false],
    ['an empty object', {}],
    ['nested arrays with unicode', [[1, 'é', '😀'], { deep: { deeper: [null, true] } }]],
  ])('stores and reads back %s exactly', async (_label, response) => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    await layer.complete(await claimed(layer.claim(request, claimOptions)), response, 600);

    expect((await layer.fetch(request.idempotencyKey)).getResponse()).toEqual(response);
  });

  it('stores an undefined response as no data attribute, and reads it back as undefined', async () => {
    const { layer, client, tableName, rawKey } = await layerOnNewTable(server(), layout);
    const request = identity();
    await layer.complete(await claimed(layer.claim(request, claimOptions)), undefined, 600);

    const item = await readRawItem(client, tableName, rawKey(request.idempotencyKey));
    expect(item?.[layout.dataAttr ?? 'data']).toBeUndefined();
    expect(item?.[layout.statusAttr ?? 'status']).toEqual({ S: 'COMPLETED' });
    expect((await layer.fetch(request.idempotencyKey)).getResponse()).toBeUndefined();
  });

  it('claims again a key whose record expired, though DynamoDB has not deleted it', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    fakeDateOnly();
    jest.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    await layer.complete(await claimed(layer.claim(request, claimOptions)), 'first', 60);

    jest.setSystemTime(new Date('2026-01-01T00:01:00Z'));
    const second = await claimed(layer.claim(request, claimOptions));

    expect((await layer.fetch(request.idempotencyKey)).ownerToken).toBe(second.ownerToken);
  });

  it('keeps a completed record one second before its expiry', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    fakeDateOnly();
    jest.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    await layer.complete(await claimed(layer.claim(request, claimOptions)), 'first', 60);

    jest.setSystemTime(new Date('2026-01-01T00:00:59Z'));
    await expect(layer.claim(request, claimOptions)).resolves.toMatchObject({ kind: 'refused' });
  });

  it('claims again a key whose INPROGRESS lease has elapsed, and refuses it just before', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    fakeDateOnly();
    jest.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    await claimed(layer.claim(request, { expiresAfterSeconds: 3600, leaseMs: 5_000 }));

    jest.setSystemTime(new Date('2026-01-01T00:00:04.999Z'));
    await expect(layer.claim(request, claimOptions)).resolves.toMatchObject({ kind: 'refused' });
    jest.setSystemTime(new Date('2026-01-01T00:00:05Z'));
    await expect(layer.claim(request, claimOptions)).resolves.toMatchObject({ kind: 'claimed' });
  });

  it('refuses to complete a claim that another call took over, and keeps the new owner record', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    fakeDateOnly();
    jest.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const lapsed = await claimed(layer.claim(request, { expiresAfterSeconds: 3600, leaseMs: 1_000 }));
    jest.setSystemTime(new Date('2026-01-01T00:00:02Z'));
    const current = await claimed(layer.claim(request, claimOptions));

    await expect(layer.complete(lapsed, 'late', 600)).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    const stored = await layer.fetch(request.idempotencyKey);
    expect(stored.ownerToken).toBe(current.ownerToken);
    expect(stored.getStatus()).toBe('INPROGRESS');
  });

  it('releases its own claim so the key is free again', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    await layer.release(await claimed(layer.claim(request, claimOptions)));

    await expect(layer.fetch(request.idempotencyKey)).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
    await expect(layer.claim(request, claimOptions)).resolves.toMatchObject({ kind: 'claimed' });
  });

  it('leaves alone a record that another call claimed when a lapsed claim is released', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    fakeDateOnly();
    jest.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const lapsed = await claimed(layer.claim(request, { expiresAfterSeconds: 3600, leaseMs: 1_000 }));
    jest.setSystemTime(new Date('2026-01-01T00:00:02Z'));
    const current = await claimed(layer.claim(request, claimOptions));

    await expect(layer.release(lapsed)).resolves.toBeUndefined();
    expect((await layer.fetch(request.idempotencyKey)).ownerToken).toBe(current.ownerToken);
  });

  it('reports a key with no record as not found', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    await expect(layer.fetch('test.fn#missing')).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
  });

  it('stores each part of the record under the configured attribute names', async () => {
    const { layer, client, tableName, rawKey } = await layerOnNewTable(server(), layout);
    const request = identity(undefined, 'hash-3');
    const claim = await claimed(layer.claim(request, claimOptions));
    await layer.complete(claim, { ok: true }, 600);

    const item = await readRawItem(client, tableName, rawKey(request.idempotencyKey));
    expect(item).toEqual({
      ...rawKey(request.idempotencyKey),
      [layout.statusAttr ?? 'status']: { S: 'COMPLETED' },
      [layout.expiryAttr ?? 'expiration']: { N: expect.stringMatching(/^\d+$/) },
      [layout.validationKeyAttr ?? 'validation']: { S: 'hash-3' },
      [layout.ownerAttr ?? 'owner']: { S: claim.ownerToken },
      [layout.dataAttr ?? 'data']: { S: '{"ok":true}' },
    });
  });
});

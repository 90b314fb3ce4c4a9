import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  IdempotencyConfig,
  IdempotencyConfigurationError,
  IdempotencyPersistenceConsistencyError,
  IdempotencyPersistenceLayerError,
  makeIdempotent,
} from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { itemSizeBytes } from '../src/itemSize.js';
import { fromNativeAttribute, toNativeAttribute } from '../src/nativeAttributes.js';
import { claimed, identity, layerOnNewTable, layouts, readRawItem, useDynalite, writeRawItem } from './support.js';

// The item format of compatibility 'powertools' on its own, against dynalite. That Powertools
// itself reads and writes these items is shown in internal/powertools-tests, with the real package.

const server = useDynalite();
const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };
const inAnHour = () => ({ N: String(Math.floor(Date.now() / 1000) + 3600) });

describe("compatibility 'powertools' on DynamoDBPersistenceLayer", () => {
  it('an unknown value fails at construction, naming it', () => {
    const build = () => new DynamoDBPersistenceLayer({ tableName: 't', compatibility: 'powertool' as unknown as 'powertools' });
    expect(build).toThrow(IdempotencyConfigurationError);
    expect(build).toThrow(/compatibility: "powertool" is not a compatibility mode/);
  });

  it('names the key scheme the engine applies: Powertools for the option, idem without it', () => {
    expect(new DynamoDBPersistenceLayer({ tableName: 't', compatibility: 'powertools' }).keyScheme).toBe('powertools');
    expect(new DynamoDBPersistenceLayer({ tableName: 't' }).keyScheme).toBe('idem');
  });

  describe.each(layouts)('in the %s layout', (_label, layout) => {
    it('writes the claim and the completion with Powertools attribute types, the response as a native map', async () => {
      const { client, tableName, rawKey } = await layerOnNewTable(server(), layout);
      const layer = new DynamoDBPersistenceLayer({ ...layout, tableName, awsSdkV3Client: client, compatibility: 'powertools' });
      const request = identity(undefined, 'hash==');
      const claim = await claimed(layer.claim(request, claimOptions));
      const names = {
        status: layout.statusAttr ?? 'status',
        expiry: layout.expiryAttr ?? 'expiration',
        lease: layout.inProgressExpiryAttr ?? 'in_progress_expiration',
        validation: layout.validationKeyAttr ?? 'validation',
        owner: layout.ownerAttr ?? 'owner',
        data: layout.dataAttr ?? 'data',
      };

      const inProgress = await readRawItem(client, tableName, rawKey(request.idempotencyKey));
      expect(inProgress).toMatchObject({
        [names.status]: { S: 'INPROGRESS' },
        [names.expiry]: { N: String(claim.expiryTimestamp) },
        [names.lease]: { N: String(claim.inProgressExpiryTimestamp) },
        [names.validation]: { S: 'hash==' },
        [names.owner]: { S: claim.ownerToken },
      });

      await layer.complete(claim, { ok: true, n: 1, nested: { b: [1, 'x', null] }, empty: '' }, 3600);
      const completed = await readRawItem(client, tableName, rawKey(request.idempotencyKey));
      expect(completed?.[names.status]).toEqual({ S: 'COMPLETED' });
      expect(completed?.[names.validation]).toEqual({ S: 'hash==' });
      expect(completed?.[names.data]).toEqual({
        M: {
          ok: { BOOL: true },
          n: { N: '1' },
          nested: { M: { b: { L: [{ N: '1' }, { S: 'x' }, { NULL: true }] } } },
          empty: { S: '' },
        },
      });
      expect((await layer.fetch(request.idempotencyKey)).getResponse()).toEqual({
        ok: true,
        n: 1,
        nested: { b: [1, 'x', null] },
        empty: '',
      });
    });
  });

  it.each<[string, unknown, AttributeValue | undefined]>([
    ['a string', 'hello', { S: 'hello' }],
    ['an empty string', '', { S: '' }],
    ['a number', 42, { N: '42' }],
    ['false', false, { BOOL: false }],
    ['null', null, { NULL: true }],
    ['an array', [1, { b: 2 }], { L: [{ N: '1' }, { M: { b: { N: '2' } } }] }],
    ['an empty object', {}, { M: {} }],
    ['undefined, as no attribute at all', undefined, undefined],
  ])('stores %s as Powertools does and replays it unchanged', async (_label, response, stored) => {
    const { client, tableName, rawKey } = await layerOnNewTable(server());
    const layer = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client, compatibility: 'powertools' });
    const request = identity();
    const claim = await claimed(layer.claim(request, claimOptions));
    await layer.complete(claim, response as never, 3600);

    expect((await readRawItem(client, tableName, rawKey(request.idempotencyKey)))?.data).toEqual(stored);
    expect((await layer.fetch(request.idempotencyKey)).getResponse()).toEqual(response);
  });

  it('a response whose numbers DynamoDB would not carry back exactly is refused before anything is written', async () => {
    const { client, tableName, rawKey } = await layerOnNewTable(server());
    const layer = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client, compatibility: 'powertools' });
    const request = identity();
    const claim = await claimed(layer.claim(request, claimOptions));

    const completion = layer.complete(claim, { total: 2 ** 60 }, 3600);
    await expect(completion).rejects.toBeInstanceOf(IdempotencyPersistenceLayerError);
    await expect(completion).rejects.toThrow(
      /\$\.total is 1152921504606847000, which DynamoDB numbers do not carry back exactly/
    );
    expect((await readRawItem(client, tableName, rawKey(request.idempotencyKey)))?.status).toEqual({ S: 'INPROGRESS' });
  });

  it('a string response stored by another writer replays as the string, never parsed as JSON', async () => {
    const { client, tableName } = await layerOnNewTable(server());
    const layer = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client, compatibility: 'powertools' });
    await writeRawItem(client, tableName, {
      id: { S: 'fn#text' },
      status: { S: 'COMPLETED' },
      expiration: inAnHour(),
      data: { S: '{"r":1}' },
    });
    expect((await layer.fetch('fn#text')).getResponse()).toBe('{"r":1}');
  });

  const unreadable: Array<[string, Record<string, AttributeValue>, RegExp]> = [
    ['a number set as response', { status: { S: 'COMPLETED' }, data: { NS: ['1', '2'] } }, /data: \$ is a DynamoDB NS value/],
    [
      'binary inside the response',
      { status: { S: 'COMPLETED' }, data: { M: { b: { B: new Uint8Array([1]) } } } },
      /\$\.b is a DynamoDB B/,
    ],
    ['the status EXPIRED, which Powertools never writes', { status: { S: 'EXPIRED' } }, /status is "EXPIRED"/],
    ['an unknown status', { status: { S: 'WEIRD' } }, /status is "WEIRD"/],
  ];

  it.each(unreadable)(
    'an item with %s is refused with a consistency error and left as it is',
    async (_label, attributes, problem) => {
      const { client, tableName, rawKey } = await layerOnNewTable(server());
      const layer = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client, compatibility: 'powertools' });
      const item = { id: { S: 'fn#odd' }, expiration: inAnHour(), ...attributes };
      await writeRawItem(client, tableName, item);
      const fn = jest.fn(async (_payload: unknown) => 'ran');

      await expect(layer.fetch('fn#odd')).rejects.toThrow(problem);
      await expect(layer.fetch('fn#odd')).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
      // A wrapped call on that key: the claim is refused (the item is live) and the record unreadable.
      const call = makeIdempotent(fn, {
        persistenceStore: layer,
        keyPrefix: 'fn',
        config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }),
      });
      await writeRawItem(client, tableName, { ...item, id: { S: `fn#${hashOf('"odd"')}` } });
      await expect(call({ id: 'odd' })).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
      expect(fn).not.toHaveBeenCalled();
      expect(await readRawItem(client, tableName, rawKey(`fn#${hashOf('"odd"')}`))).toEqual({
        ...item,
        id: { S: `fn#${hashOf('"odd"')}` },
      });
    }
  );
});

describe('native attribute values', () => {
  it('leave out members whose value is undefined, as JSON does', () => {
    expect(toNativeAttribute({ a: 1, u: undefined })).toEqual({ M: { a: { N: '1' } } });
  });

  it('refuse what is no JSON value, naming where it is', () => {
    expect(() => toNativeAttribute({ at: new Date(0) })).toThrow(/\$\.at is a Date/);
    expect(() => toNativeAttribute([Number.NaN])).toThrow(/\$\[0\] is NaN/);
    expect(() => toNativeAttribute({ n: -(2 ** 53) })).toThrow(/\$\.n is -9007199254740992/);
  });

  it('read a member named __proto__ as a member, as JSON.parse does', () => {
    const stored = JSON.parse('{"M":{"__proto__":{"S":"x"}}}') as AttributeValue;
    const value = fromNativeAttribute(stored) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('count in the item size as DynamoDB counts them: 3 bytes a map or list, 1 an element, 1 a boolean or null', () => {
    expect(itemSizeBytes({ d: { M: { ab: { BOOL: true }, c: { NULL: true } } } })).toBe(1 + 3 + (2 + 1 + 1) + (1 + 1 + 1));
    expect(itemSizeBytes({ d: { L: [{ S: 'xy' }, { N: '5' }] } })).toBe(1 + 3 + (2 + 1) + (2 + 1));
  });
});

function hashOf(text: string): string {
  return createHash('md5').update(text).digest('base64');
}

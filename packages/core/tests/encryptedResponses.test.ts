import { createHash, randomBytes } from 'node:crypto';
import {
  canonicalJson,
  encryptedResponses,
  IdempotencyConfig,
  IdempotencyConfigurationError,
  IdempotencyPersistenceConsistencyError,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('encryptedResponses', () => {
  it('stores no plaintext and replays the response decrypted', async () => {
    const store = new MemoryPersistenceLayer();
    const serializer = encryptedResponses({ keys: [key('k1')] });
    let runs = 0;
    const fn = makeIdempotent(async (_: { id: string }) => ({ runs: ++runs, card: '4242 4242 4242 4242' }), {
      persistenceStore: store,
      config: new IdempotencyConfig({ responseSerializer: serializer }),
      keyPrefix: 'enc',
    });
    const first = await fn({ id: 'a' });
    const keyHash = createHash('md5')
      .update(canonicalJson({ id: 'a' }))
      .digest('hex');
    const stored = JSON.stringify((await store.fetch(`enc#${keyHash}`)).responseData);
    expect(stored).not.toContain('4242');
    expect(await fn({ id: 'a' })).toEqual(first);
    expect(runs).toBe(1);
  });

  it('decrypts with an older key after a rotation and encrypts with the newest', () => {
    const oldKey = key('2026-01');
    const newKey = key('2026-06');
    const before = encryptedResponses({ keys: [oldKey] }).serialize({ total: 42 });
    const rotated = encryptedResponses({ keys: [oldKey, newKey] });
    expect(rotated.deserialize(before)).toEqual({ total: 42 });
    expect((rotated.serialize({ total: 1 }) as { keyId: string }).keyId).toBe('2026-06');
  });

  it('refuses tampered ciphertext and unknown keys with IdempotencyPersistenceConsistencyError', () => {
    const serializer = encryptedResponses({ keys: [key('k1')] });
    const envelope = serializer.serialize({ ok: true }) as Record<string, string>;
    const tampered = { ...envelope, ciphertext: Buffer.from('forged').toString('base64') };
    expect(() => serializer.deserialize(tampered)).toThrow(IdempotencyPersistenceConsistencyError);
    expect(() => encryptedResponses({ keys: [key('k2')] }).deserialize(envelope)).toThrow(/No response encryption key/);
    expect(() => serializer.deserialize({ plain: 'text' })).toThrow(IdempotencyPersistenceConsistencyError);
  });

  it('rejects keys that are not 32 bytes or lack a unique id, naming the option', () => {
    expect(() => encryptedResponses({ keys: [] })).toThrow(IdempotencyConfigurationError);
    expect(() => encryptedResponses({ keys: [{ id: 'a', key: randomBytes(16) }] })).toThrow(/keys: key "a" must be 32 bytes/);
    expect(() => encryptedResponses({ keys: [key('a'), key('a')] })).toThrow(/unique/);
  });
});

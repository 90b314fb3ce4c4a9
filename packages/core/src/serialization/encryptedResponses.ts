import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { assertKnownOptions, optionNames } from '../config/knownOptions.js';
import { IdempotencyConfigurationError, IdempotencyPersistenceConsistencyError } from '../errors.js';
import type { JSONValue } from '../types/json.js';
import type { ResponseSerializer } from '../types/serializer.js';
import { plainJson } from './responseCodec.js';

/** One AES-256 key and the id stored beside what it encrypted. */
export interface ResponseEncryptionKey {
  /** Stored with each ciphertext so the right key decrypts it after a rotation. */
  id: string;
  /** 32 bytes. */
  key: Uint8Array;
}

/** Options of encryptedResponses. */
export interface EncryptedResponsesOptions {
  /**
   * The keys, newest last. Responses are encrypted with the newest; any of them decrypts, so a
   * rotation adds a key at the end and removes an old one once its records have expired.
   */
  keys: ReadonlyArray<ResponseEncryptionKey>;
  /**
   * Turns results into JSON before encryption, for results that are not plain JSON.
   * @default plain JSON: a result JSON would change is refused at save time
   */
  serializer?: ResponseSerializer;
}

const encryptionOptionNames = optionNames<EncryptedResponsesOptions>({ keys: true, serializer: true });

/** The stored form: a version marker, the key id, and base64 IV, tag and ciphertext. */
interface EncryptedEnvelope {
  idemEncrypted: 1;
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * A `responseSerializer` that stores responses encrypted with AES-256-GCM (`node:crypto`), so
 * whoever reads the store sees neither responses nor personal data in them. Tampered or foreign
 * ciphertext fails authentication and raises `IdempotencyPersistenceConsistencyError`.
 */
export function encryptedResponses(options: EncryptedResponsesOptions): ResponseSerializer {
  assertKnownOptions(options, encryptionOptionNames, 'encryptedResponses');
  const keys = validateKeys(options.keys);
  const newest = keys[keys.length - 1] as ResponseEncryptionKey;
  const byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  const inner = options.serializer;

  return {
    serialize(result: unknown): JSONValue {
      const json = inner ? inner.serialize(result) : plainJson(result);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', newest.key, iv);
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(json ?? null), 'utf8'), cipher.final()]);
      const envelope: EncryptedEnvelope = {
        idemEncrypted: 1,
        keyId: newest.id,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      };
      return envelope as unknown as JSONValue;
    },
    deserialize(stored: JSONValue): unknown {
      const envelope = stored as Partial<EncryptedEnvelope> | null;
      if (envelope?.idemEncrypted !== 1 || typeof envelope.keyId !== 'string') {
        throw new IdempotencyPersistenceConsistencyError('The stored response is not an encrypted idem response');
      }
      const key = byId.get(envelope.keyId);
      if (!key) {
        throw new IdempotencyPersistenceConsistencyError(`No response encryption key with id ${JSON.stringify(envelope.keyId)}`);
      }
      let json: JSONValue;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(String(envelope.iv), 'base64'));
        decipher.setAuthTag(Buffer.from(String(envelope.tag), 'base64'));
        const text = Buffer.concat([decipher.update(Buffer.from(String(envelope.ciphertext), 'base64')), decipher.final()]);
        json = JSON.parse(text.toString('utf8')) as JSONValue;
      } catch (error) {
        throw new IdempotencyPersistenceConsistencyError('The stored response failed decryption or authentication', {
          cause: error,
        });
      }
      return inner ? inner.deserialize(json) : json;
    },
  };
}

function validateKeys(keys: ReadonlyArray<ResponseEncryptionKey> | undefined): ReadonlyArray<ResponseEncryptionKey> {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new IdempotencyConfigurationError('keys: expected at least one response encryption key');
  }
  const ids = new Set<string>();
  for (const entry of keys) {
    if (typeof entry?.id !== 'string' || entry.id === '' || ids.has(entry.id)) {
      throw new IdempotencyConfigurationError('keys: every key needs a unique, non-empty id');
    }
    if (!(entry.key instanceof Uint8Array) || entry.key.length !== 32) {
      throw new IdempotencyConfigurationError(`keys: key ${JSON.stringify(entry.id)} must be 32 bytes for AES-256`);
    }
    ids.add(entry.id);
  }
  return keys;
}

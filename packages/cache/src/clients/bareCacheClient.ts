import type { CacheClient, CacheSetOptions } from '../types/CacheClient.js';
import type { CacheConnection } from './CacheConnection.js';
import { replyText } from './replyText.js';

/**
 * Any other client of Powertools' `CacheClient` shape, given the options of `CacheSetOptions`.
 * It cannot run scripts, so the layer falls back to SET NX plus GET.
 */
export function bareCacheConnection(client: CacheClient): CacheConnection {
  const setWith = (key: string, value: string, options: CacheSetOptions) => client.set(key, value, options);
  return {
    kind: 'cache-client',
    async get(key) {
      return replyText(await client.get(key));
    },
    async setIfAbsent(key, value, ttlMs) {
      const reply = await setWith(key, value, { expiration: { type: 'PX', value: ttlMs }, condition: 'NX' });
      return reply !== null && reply !== undefined;
    },
    async set(key, value, ttlMs) {
      await setWith(key, value, { expiration: { type: 'PX', value: ttlMs } });
    },
    async del(key) {
      await client.del([key]);
    },
  };
}

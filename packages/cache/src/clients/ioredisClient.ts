import type { Cluster, Redis } from 'ioredis';
import { isNoScriptError, type LuaScript } from '../scripts/LuaScript.js';
import type { CacheConnection } from './CacheConnection.js';
import { replyText } from './replyText.js';
import { readScriptAndWait } from './scriptAndWait.js';

/** An ioredis `Redis` or `Cluster`: it has `evalsha`, `defineCommand` and an `isCluster` flag. */
export function isIoredisClient(client: object): boolean {
  const candidate = client as Partial<Record<'evalsha' | 'defineCommand' | 'isCluster', unknown>>;
  return (
    typeof candidate.evalsha === 'function' &&
    typeof candidate.defineCommand === 'function' &&
    typeof candidate.isCluster === 'boolean'
  );
}

/** ioredis takes SET options as positional tokens: `'PX', ms, 'NX'`. */
export function ioredisConnection(client: Redis | Cluster): CacheConnection {
  return {
    kind: 'ioredis',
    async get(key) {
      return replyText(await client.get(key));
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async set(key, value, ttlMs) {
      await client.set(key, value, 'PX', ttlMs);
    },
    async del(key) {
      await client.del(key);
    },
    async runScript(script: LuaScript, key: string, args: string[]) {
      try {
        return await client.evalsha(script.sha, 1, key, ...args);
      } catch (error) {
        // EVAL runs the script on the key's node and caches it there for the next EVALSHA.
        if (!isNoScriptError(error)) throw error;
        return await client.eval(script.source, 1, key, ...args);
      }
    },
    async runScriptAndWait(script, key, args, { replicas, timeoutMs }) {
      // A Cluster sends a pipeline to the node of its keys' slot; WAIT has none, so the script's decides.
      const send = async (withSource: boolean) => {
        const pipeline = client.pipeline();
        if (withSource) pipeline.eval(script.source, 1, key, ...args);
        else pipeline.evalsha(script.sha, 1, key, ...args);
        const replies = await pipeline.wait(replicas, timeoutMs).exec();
        return replies?.map(([error, reply]) => error ?? reply);
      };
      const replies = await send(false);
      return readScriptAndWait(isNoScriptError(replies?.[0]) ? await send(true) : replies);
    },
  };
}

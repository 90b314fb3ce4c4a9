import type { RedisClientType, RedisClusterType } from '@redis/client';
import { isNoScriptError, type LuaScript } from '../scripts/LuaScript.js';
import type { CacheConnection } from './CacheConnection.js';
import { replyText } from './replyText.js';
import { readScriptAndWait } from './scriptAndWait.js';

/** A node-redis client or cluster (`@redis/client`, `redis`): it has `evalSha` and `scriptLoad`. */
export function isNodeRedisClient(client: object): boolean {
  const candidate = client as Partial<Record<'evalSha' | 'scriptLoad' | 'sendCommand', unknown>>;
  return (
    typeof candidate.evalSha === 'function' &&
    typeof candidate.scriptLoad === 'function' &&
    typeof candidate.sendCommand === 'function'
  );
}

/** node-redis takes SET options as `{ expiration: { type, value }, condition }`. */
export function nodeRedisConnection(client: RedisClientType | RedisClusterType): CacheConnection {
  return {
    kind: 'node-redis',
    async get(key) {
      return replyText(await client.get(key));
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await client.set(key, value, { expiration: { type: 'PX', value: ttlMs }, condition: 'NX' })) !== null;
    },
    async set(key, value, ttlMs) {
      await client.set(key, value, { expiration: { type: 'PX', value: ttlMs } });
    },
    async del(key) {
      await client.del(key);
    },
    async runScript(script: LuaScript, key: string, args: string[]) {
      const options = { keys: [key], arguments: args };
      try {
        return await client.evalSha(script.sha, options);
      } catch (error) {
        // EVAL runs the script on the key's node and caches it there for the next EVALSHA.
        if (!isNoScriptError(error)) throw error;
        return await client.eval(script.source, options);
      }
    },
    async runScriptAndWait(script, key, args, { replicas, timeoutMs }) {
      const options = { keys: [key], arguments: args };
      // A cluster sends a pipeline to the node of its first key, the script's; WAIT has none.
      const send = (withSource: boolean) => {
        const multi = client.multi();
        const withScript = withSource ? multi.eval(script.source, options) : multi.evalSha(script.sha, options);
        return withScript.wait(replicas, timeoutMs).execAsPipeline();
      };
      try {
        return readScriptAndWait(await send(false));
      } catch (error) {
        // The pipeline rejects with its first error reply, here the script's.
        if (!isNoScriptError(error)) throw error;
        return readScriptAndWait(await send(true));
      }
    },
  };
}

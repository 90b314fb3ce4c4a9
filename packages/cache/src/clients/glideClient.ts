import type { GlideClient, GlideClusterClient, GlideReturnType, Script } from '@valkey/valkey-glide';
import { isNoScriptError, type LuaScript } from '../scripts/LuaScript.js';
import type { CacheConnection } from './CacheConnection.js';
import { replyText } from './replyText.js';
import { readScriptAndWait } from './scriptAndWait.js';

type GlideModule = typeof import('@valkey/valkey-glide');

/** A GLIDE `GlideClient` or `GlideClusterClient`: it has `invokeScript` and `customCommand`. */
export function isGlideClient(client: object): boolean {
  const candidate = client as Partial<Record<'invokeScript' | 'customCommand', unknown>>;
  return typeof candidate.invokeScript === 'function' && typeof candidate.customCommand === 'function';
}

/**
 * GLIDE takes SET options as `{ expiry: { type: TimeUnit.Milliseconds, count }, conditionalSet }`
 * and silently ignores options of any other shape: a client that is handed node-redis options
 * writes without NX and without TTL. The module is loaded on first use, so users of other
 * clients need not install it.
 */
export function glideConnection(client: GlideClient | GlideClusterClient): CacheConnection {
  let glide: Promise<GlideModule> | undefined;
  const loadGlide = (): Promise<GlideModule> => (glide ??= import('@valkey/valkey-glide'));
  const scripts = new Map<string, Script>();

  return {
    kind: 'glide',
    async get(key) {
      return replyText(await client.get(key));
    },
    async setIfAbsent(key, value, ttlMs) {
      const { TimeUnit } = await loadGlide();
      const reply = await client.set(key, value, {
        expiry: { type: TimeUnit.Milliseconds, count: ttlMs },
        conditionalSet: 'onlyIfDoesNotExist',
      });
      return reply !== null;
    },
    async set(key, value, ttlMs) {
      const { TimeUnit } = await loadGlide();
      await client.set(key, value, { expiry: { type: TimeUnit.Milliseconds, count: ttlMs } });
    },
    async del(key) {
      await client.del([key]);
    },
    async runScript(script: LuaScript, key: string, args: string[]) {
      let glideScript = scripts.get(script.sha);
      if (!glideScript) {
        const { Script: GlideScript } = await loadGlide();
        glideScript = new GlideScript(script.source);
        scripts.set(script.sha, glideScript);
      }
      // invokeScript sends EVALSHA, and SCRIPT LOAD to the key's node when it lacks the script.
      return client.invokeScript(glideScript, { keys: [key], args });
    },
    async runScriptAndWait(script, key, args, { replicas, timeoutMs }) {
      const { Batch, ClusterBatch, DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS } = await loadGlide();
      // GLIDE does not lengthen a batch's timeout for the WAIT in it: without this, a WAIT longer
      // than the client's requestTimeout (250 ms by default) fails the batch.
      const timeout = requestTimeoutOf(client, DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS) + timeoutMs;
      const send = (command: 'EVALSHA' | 'EVAL'): Promise<GlideReturnType[] | null> => {
        const scriptArgs = [command, command === 'EVAL' ? script.source : script.sha, '1', key, ...args];
        // A pipeline (not atomic), to the primary of the key's slot as a whole, so WAIT follows the script.
        if (isGlideClusterClient(client)) {
          const batch = new ClusterBatch(false).customCommand(scriptArgs).wait(replicas, timeoutMs);
          return client.exec(batch, false, { route: { type: 'primarySlotKey', key }, timeout });
        }
        return (client as GlideClient).exec(new Batch(false).customCommand(scriptArgs).wait(replicas, timeoutMs), false, {
          timeout,
        });
      };
      const replies = await send('EVALSHA');
      return readScriptAndWait(isNoScriptError(replies?.[0]) ? await send('EVAL') : replies);
    },
  };
}

/** A `GlideClusterClient`: only it routes scripts by hand (`invokeScriptWithRoute`). */
function isGlideClusterClient(client: GlideClient | GlideClusterClient): client is GlideClusterClient {
  return typeof (client as Partial<Record<'invokeScriptWithRoute', unknown>>).invokeScriptWithRoute === 'function';
}

/** The client's `requestTimeout`, which GLIDE keeps on the instance without exposing it. */
function requestTimeoutOf(client: GlideClient | GlideClusterClient, fallback: number): number {
  const timeout = (client as unknown as { requestTimeout?: unknown }).requestTimeout;
  return typeof timeout === 'number' && timeout > 0 ? timeout : fallback;
}

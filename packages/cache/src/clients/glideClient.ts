import type { GlideClient, GlideClusterClient, Script } from '@valkey/valkey-glide';
import type { LuaScript } from '../scripts/LuaScript.js';
import type { CacheConnection } from './CacheConnection.js';
import { replyText } from './replyText.js';

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
  };
}

import type { LuaScript } from '../scripts/LuaScript.js';
import type { ScriptAndWait, WaitFor } from './scriptAndWait.js';

/** Which adapter the layer picked for the client it was given. */
export type CacheClientKind = 'ioredis' | 'glide' | 'node-redis' | 'cache-client';

/**
 * What the layer needs from a client, one key per operation (so any cluster slot works). Each
 * adapter translates these calls into its client's own option shapes.
 */
export interface CacheConnection {
  readonly kind: CacheClientKind;
  /** The value of `key`, or null when absent. */
  get(key: string): Promise<string | null>;
  /** `SET key value PX ttlMs NX`: true when written, false when the key exists. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** `SET key value PX ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** `DEL key`. */
  del(key: string): Promise<void>;
  /**
   * Runs a script on the node that holds `key`, by SHA, loading it when the server does not
   * have it. Absent when the client cannot run scripts.
   */
  runScript?(script: LuaScript, key: string, args: string[]): Promise<unknown>;
  /**
   * Runs a script as `runScript` does with `WAIT` behind it in one pipeline (never MULTI, inside
   * which WAIT does not block), on the same connection to the node that holds `key`, so the WAIT
   * covers the script's write. Present exactly when `runScript` is.
   */
  runScriptAndWait?(script: LuaScript, key: string, args: string[], wait: WaitFor): Promise<ScriptAndWait>;
}

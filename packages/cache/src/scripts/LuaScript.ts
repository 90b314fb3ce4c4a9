import { createHash } from 'node:crypto';

/** A Lua script and the SHA1 under which the server caches it. */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha: string;
}

export function luaScript(name: string, source: string): LuaScript {
  return { name, source, sha: createHash('sha1').update(source).digest('hex') };
}

/** True for the error a server returns to EVALSHA when its script cache lacks the script. */
export function isNoScriptError(error: unknown): boolean {
  // GLIDE words it as "NoScriptError: No matching script".
  return error instanceof Error && /noscript/i.test(error.message);
}

import type { CacheConnection } from '../clients/CacheConnection.js';
import type { ScriptAndWait, WaitFor } from '../clients/scriptAndWait.js';
import type { LuaScript } from '../scripts/LuaScript.js';

/** How far short of its replicas a write fell. */
export interface ReplicationShortfall {
  requested: number;
  acknowledged: number;
  timeoutMs: number;
}

/**
 * Runs the scripts that write. With `replicaAcknowledgements` each one travels with a `WAIT` in
 * the same round trip; its count matters only when the script wrote, but it cannot be left out
 * beforehand.
 */
export class WriteScripts {
  constructor(
    private readonly connection: CacheConnection,
    private readonly wait: WaitFor | undefined
  ) {}

  public async run(script: LuaScript, key: string, args: string[]): Promise<Partial<ScriptAndWait>> {
    const { runScript, runScriptAndWait } = this.connection;
    if (this.wait && runScriptAndWait) return runScriptAndWait(script, key, args, this.wait);
    return { reply: await runScript?.(script, key, args) };
  }

  /** The shortfall of a write fewer replicas acknowledged than asked; undefined when enough did or none were asked. */
  public shortfall({ acknowledged }: Partial<ScriptAndWait>): ReplicationShortfall | undefined {
    const wait = this.wait;
    if (!wait || acknowledged === undefined || acknowledged >= wait.replicas) return undefined;
    return { requested: wait.replicas, acknowledged, timeoutMs: wait.timeoutMs };
  }
}

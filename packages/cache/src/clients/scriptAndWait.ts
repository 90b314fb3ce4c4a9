/** `WAIT replicas timeoutMs`: the acknowledgements a write waits for. */
export interface WaitFor {
  readonly replicas: number;
  readonly timeoutMs: number;
}

/** A script's reply, and how many replicas acknowledged the connection's writes up to it. */
export interface ScriptAndWait {
  reply: unknown;
  acknowledged: number;
}

/**
 * The replies of a [script, WAIT] pipeline, in the form every adapter hands back. An error in
 * either place is thrown: a script error as it is, a failed WAIT (the connection broke, or the
 * client's own timeout fired) because whether the write reached anyone is then unknown.
 */
export function readScriptAndWait(replies: readonly unknown[] | null | undefined): ScriptAndWait {
  const [reply, acknowledged] = replies ?? [];
  if (reply instanceof Error) throw reply;
  if (acknowledged instanceof Error) throw acknowledged;
  if (typeof acknowledged !== 'number' || !Number.isInteger(acknowledged)) {
    throw new TypeError(`WAIT answered ${String(acknowledged)}, not a number of replicas`);
  }
  return { reply, acknowledged };
}

/**
 * What a front end's lifecycle decided for one call, before the function runs. Every front end
 * (`makeIdempotent`, `@idempotent`, the Middy middlewares, the HTTP wrappers) acts on these four
 * cases and nothing else.
 */
export type LifecycleStart<Response, Claim> =
  /** Idempotency does not apply to this call: run the function as it is. */
  | { kind: 'bypass' }
  /** A completed call's result: return `response` without running the function. */
  | { kind: 'replay'; response: Response }
  /** The front end answers itself (an HTTP problem): return `response` without running the function. */
  | { kind: 'respond'; response: Response }
  /** This call holds the key: run the function, then `complete` or `release` the claim. */
  | { kind: 'claimed'; claim: Claim };

/** How a held claim ends: with the function's result, or released after it threw. */
export interface ClaimSettlement<Claim> {
  /** Stores the result of the call that holds `claim`. */
  complete(claim: Claim, result: unknown): Promise<void>;
  /** Frees the key of a call whose function threw, so a retry can run it. */
  release(claim: Claim): Promise<void>;
}

/** The steps of one idempotent call, as a front end drives them. */
export interface IdempotencyLifecycle<Input, Context, Response, Claim> extends ClaimSettlement<Claim> {
  /** Decides the call: bypass, replay, respond, or claim the key. */
  begin(input: Input, context?: Context): Promise<LifecycleStart<Response, Claim>>;
}

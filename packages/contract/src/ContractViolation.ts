import type { StoreOperation } from './primitives.js';

/**
 * A store broke a guarantee of the persistence contract. The message starts with the
 * guarantee's name, so a failing test says which promise the store does not keep, and ends with
 * the primitive that broke it and what that primitive must do.
 */
export class ContractViolation extends Error {
  /** The name of the broken guarantee. */
  public readonly guarantee: string;
  /** The primitive that broke it, as the store names it (`_putRecord`, `_updateRecord`, ...), when one did. */
  public readonly primitive?: string;

  constructor(guarantee: string, detail: string, options?: ErrorOptions & { primitive?: string }) {
    super(`${guarantee}: ${detail}`, options);
    this.name = 'ContractViolation';
    this.guarantee = guarantee;
    this.primitive = options?.primitive;
  }
}

/** An option of the contract suite is invalid; the message names the option. */
export class ContractConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractConfigurationError';
  }
}

/**
 * A guarantee cannot be checked against this store: it lacks what the check needs. The suite
 * reports it as a todo, never as a pass.
 */
export class UncheckableGuaranteeError extends ContractConfigurationError {
  constructor(
    /** The guarantee that cannot be checked. */
    public readonly guarantee: string,
    /** Why, as the todo says it: "it cannot renew claims (canRenewClaims() is false)". */
    public readonly reason: string,
    /** The option that declares the gap, when the suite saw it on a layer: then it can register the todo without looking. */
    public readonly declaration?: string
  ) {
    super(`${guarantee}: cannot be checked: ${reason}`);
    this.name = 'UncheckableGuaranteeError';
  }
}

/** A check found the store breaking its guarantee; the runner names the guarantee and the primitive. */
export class CheckFailure extends Error {
  constructor(
    detail: string,
    /** The store operation whose primitive broke the guarantee. */
    public readonly operation?: StoreOperation,
    /** True when the detail already says what the primitives must do. */
    public readonly explainsDuty = false,
    options?: ErrorOptions
  ) {
    super(detail, options);
    this.name = 'CheckFailure';
  }
}

/**
 * Fails the running check with `detail`; its message will start with the check's guarantee and
 * end with what the primitive behind `operation` must do.
 */
export function failCheck(detail: string, operation?: StoreOperation): never {
  throw new CheckFailure(detail, operation);
}

/** Fails the running check over an error the store (or the engine) raised: the store operation that threw it is named. */
export function failOver(error: unknown, detail: string): never {
  throw new CheckFailure(detail, undefined, false, { cause: error });
}

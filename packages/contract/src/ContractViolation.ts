/**
 * A store broke a guarantee of the persistence contract. The message starts with the
 * guarantee's name, so a failing test says which promise the store does not keep.
 */
export class ContractViolation extends Error {
  /** The name of the broken guarantee. */
  public readonly guarantee: string;

  constructor(guarantee: string, detail: string, options?: ErrorOptions) {
    super(`${guarantee}: ${detail}`, options);
    this.name = 'ContractViolation';
    this.guarantee = guarantee;
  }
}

/** An option of the contract suite is invalid; the message names the option. */
export class ContractConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractConfigurationError';
  }
}

/** A check found the store breaking its guarantee; the runner names the guarantee. */
export class CheckFailure extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'CheckFailure';
  }
}

/** Fails the running check with `detail`; its message will start with the check's guarantee. */
export function failCheck(detail: string): never {
  throw new CheckFailure(detail);
}

import { randomUUID } from 'node:crypto';
import type { IdempotencyStore } from '@idem/core';
import type { BoundExpiryProbe, ContractCapabilities, ContractCheck, ContractContext } from './ContractCheck.js';
import { CheckFailure, ContractConfigurationError, ContractViolation, UncheckableGuaranteeError } from './ContractViolation.js';
import { resolveContractOptions } from './defaults.js';
import { OperationTracking } from './operationTracking.js';
import type { LayerFactory, PersistenceContractOptions, ResolvedContractOptions } from './options.js';
import { primitiveDuty, primitiveName, type StoreOperation } from './primitives.js';

/** What the options say the store can do. */
export function capabilitiesOf<Layer extends IdempotencyStore>(options: ResolvedContractOptions<Layer>): ContractCapabilities {
  return {
    supportsOwnership: options.supportsOwnership,
    supportsClaimRenewal: options.supportsClaimRenewal !== false,
    replacesExpiredRecords: options.replacesExpiredRecords,
    customAttributeNames: options.factoryWithAttributes !== undefined,
    expiryEnforcement: options.expiryEnforcement?.kind,
  };
}

/**
 * Runs one check against a fresh layer: freezes `Date`, runs, restores `Date` and closes every
 * layer the check opened. Any failure comes out as a `ContractViolation` naming the guarantee
 * and the primitive that broke it. A check the store cannot be checked for (declared, or seen on
 * the layer) rejects with `UncheckableGuaranteeError` instead of passing.
 */
export async function runContractCheck<Layer extends IdempotencyStore>(
  check: ContractCheck,
  factory: LayerFactory<Layer>,
  options: PersistenceContractOptions<Layer> = {}
): Promise<void> {
  await runResolvedCheck(check, factory, resolveContractOptions(options));
}

/** What `describePersistenceContract` knows from registering, for a failure message. */
export interface RunNotes {
  /** True when the factory also failed when the suite was registered. */
  factoryFailedAtRegistration?: () => boolean;
}

/** `runContractCheck` with the options resolved once for the whole suite. */
export async function runResolvedCheck<Layer extends IdempotencyStore>(
  check: ContractCheck,
  factory: LayerFactory<Layer>,
  resolved: ResolvedContractOptions<Layer>,
  notes: RunNotes = {}
): Promise<void> {
  const declared = check.unsupportedBecause?.(capabilitiesOf(resolved));
  if (declared) throw new UncheckableGuaranteeError(check.guarantee, declared);

  const tracking = new OperationTracking();
  const opened: Layer[] = [];
  const open = async (make: () => Layer | Promise<Layer>): Promise<Layer> => {
    const layer = await make();
    opened.push(layer);
    return layer;
  };

  let layer: Layer | undefined;
  resolved.clock.freeze();
  try {
    layer = await open(factory).catch((error: unknown) => {
      throw new FactoryFailure(error, notes.factoryFailedAtRegistration?.() ?? false);
    });
    assertLayerCapability(check, layer, resolved);
    await check.run(contextFor(layer, resolved, open, tracking));
  } catch (error) {
    throw violationOf(check, error, layer, tracking);
  } finally {
    resolved.clock.restore();
    for (const made of opened) await resolved.teardown?.(made);
  }
}

/** The factory failed to make the check's layer. */
class FactoryFailure extends Error {
  constructor(
    public override readonly cause: unknown,
    alsoAtRegistration: boolean
  ) {
    super(
      `the factory threw ${describeError(cause)}` +
        (alsoAtRegistration
          ? ' (it failed when the suite was registered too, where the suite calls it once to see what the store can do: a factory that keeps its first failure fails every test after it; let it try again, or declare supportsClaimRenewal and the suite does not call it then)'
          : '')
    );
  }
}

/** A capability the check needs that this layer lacks: not checkable, or broken if declared. */
function assertLayerCapability<Layer extends IdempotencyStore>(
  check: ContractCheck,
  layer: Layer,
  resolved: ResolvedContractOptions<Layer>
): void {
  const need = check.needsOfLayer;
  const missing = need?.missingIn(layer);
  if (!need || !missing) return;
  if (resolved[need.option] === true) {
    throw new CheckFailure(`${missing}, though the suite was told ${need.option}: true`, need.operation);
  }
  throw new UncheckableGuaranteeError(check.guarantee, missing, `${need.option}: false`);
}

/** The failure as a `ContractViolation` that names the guarantee and, when it can, the primitive. */
function violationOf(
  check: ContractCheck,
  error: unknown,
  layer: IdempotencyStore | undefined,
  tracking: OperationTracking
): unknown {
  if (error instanceof UncheckableGuaranteeError) return error;
  if (error instanceof FactoryFailure) return new ContractViolation(check.guarantee, error.message, { cause: error.cause });
  if (!layer) return new ContractViolation(check.guarantee, `threw ${describeError(error)}`, { cause: error });
  if (error instanceof CheckFailure) {
    const operation = error.operation ?? tracking.operationThatThrew(error.cause) ?? check.operation;
    const detail = operation && !error.explainsDuty ? `${error.message} — ${primitiveDuty(layer, operation)}` : error.message;
    const primitive = operation && primitiveName(layer, operation);
    return withStackOf(error, new ContractViolation(check.guarantee, detail, { primitive }));
  }
  const thrownBy: StoreOperation | undefined = tracking.operationThatThrew(error) ?? check.operation;
  const from = thrownBy ? ` — ${primitiveDuty(layer, thrownBy)}` : '';
  return new ContractViolation(check.guarantee, `threw ${describeError(error)}${from}`, {
    cause: error,
    primitive: thrownBy && primitiveName(layer, thrownBy),
  });
}

function contextFor<Layer extends IdempotencyStore>(
  layer: Layer,
  options: ResolvedContractOptions<Layer>,
  open: (make: () => Layer | Promise<Layer>) => Promise<Layer>,
  tracking: OperationTracking
): ContractContext {
  const { factoryWithAttributes, inspectStoredAttributes, expiryEnforcement } = options;
  // The suite's own probes get the layers as the factories made them, so a WeakMap keyed by
  // layer finds them; the checks get them tracked.
  const made = new WeakMap<IdempotencyStore, Layer>();
  const tracked = (target: Layer) => {
    const view = tracking.track(target);
    made.set(view, target);
    return view;
  };
  return {
    layer: tracked(layer),
    options,
    newKey: () => `${options.keyPrefix}-${randomUUID()}`,
    advanceClock: (ms) => options.clock.advance(ms),
    primitiveName: (operation) => primitiveName(layer, operation),
    layerWithAttributes: async (attributes) => {
      if (!factoryWithAttributes) throw new ContractConfigurationError('factoryWithAttributes: not given');
      return tracked(await open(() => factoryWithAttributes(attributes)));
    },
    storedAttributes:
      inspectStoredAttributes && ((target, key) => inspectStoredAttributes(made.get(target) ?? (target as Layer), key)),
    expiryEnforcement: expiryEnforcement && bindProbe(expiryEnforcement, layer),
  };
}

function bindProbe<Layer extends IdempotencyStore>(
  probe: NonNullable<ResolvedContractOptions<Layer>['expiryEnforcement']>,
  layer: Layer
): BoundExpiryProbe {
  if (probe.kind === 'ttl') return { kind: 'ttl', storedExpiryMs: (key) => probe.storedExpiryMs(layer, key) };
  return { kind: 'reclaim', isStored: (key) => probe.isStored(layer, key) };
}

/** Points the violation's stack at the line of the check that failed, not at this runner. */
function withStackOf(failure: CheckFailure, violation: ContractViolation): ContractViolation {
  const frames = failure.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')) ?? [];
  violation.stack = [`${violation.name}: ${violation.message}`, ...frames.slice(1)].join('\n');
  return violation;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

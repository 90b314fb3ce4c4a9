import { randomUUID } from 'node:crypto';
import type { IdempotencyStore } from '@idem/core';
import type { BoundExpiryProbe, ContractCapabilities, ContractCheck, ContractContext } from './ContractCheck.js';
import { CheckFailure, ContractConfigurationError, ContractViolation } from './ContractViolation.js';
import { resolveContractOptions } from './defaults.js';
import type { LayerFactory, PersistenceContractOptions, ResolvedContractOptions } from './options.js';

/** What the options say the store can do. */
export function capabilitiesOf<Layer extends IdempotencyStore>(options: ResolvedContractOptions<Layer>): ContractCapabilities {
  return {
    supportsOwnership: options.supportsOwnership,
    supportsClaimRenewal: options.supportsClaimRenewal,
    replacesExpiredRecords: options.replacesExpiredRecords,
    customAttributeNames: options.factoryWithAttributes !== undefined,
    expiryEnforcement: options.expiryEnforcement?.kind,
  };
}

/**
 * Runs one check against a fresh layer: freezes `Date`, runs, restores `Date` and closes every
 * layer the check opened. Any failure comes out as a `ContractViolation` naming the guarantee.
 */
export async function runContractCheck<Layer extends IdempotencyStore>(
  check: ContractCheck,
  factory: LayerFactory<Layer>,
  options: PersistenceContractOptions<Layer> = {}
): Promise<void> {
  const resolved = resolveContractOptions(options);
  const unsupported = check.unsupportedBecause?.(capabilitiesOf(resolved));
  if (unsupported) throw new ContractConfigurationError(`${check.guarantee}: cannot be checked: ${unsupported}`);

  const opened: Layer[] = [];
  const open = async (make: () => Layer | Promise<Layer>): Promise<Layer> => {
    const layer = await make();
    opened.push(layer);
    return layer;
  };

  resolved.clock.freeze();
  try {
    const layer = await open(factory);
    await check.run(contextFor(layer, resolved, open));
  } catch (error) {
    if (error instanceof CheckFailure) throw withStackOf(error, new ContractViolation(check.guarantee, error.message));
    throw new ContractViolation(check.guarantee, `threw ${describeError(error)}`, { cause: error });
  } finally {
    resolved.clock.restore();
    for (const layer of opened) await resolved.teardown?.(layer);
  }
}

function contextFor<Layer extends IdempotencyStore>(
  layer: Layer,
  options: ResolvedContractOptions<Layer>,
  open: (make: () => Layer | Promise<Layer>) => Promise<Layer>
): ContractContext {
  const { factoryWithAttributes, inspectStoredAttributes, expiryEnforcement } = options;
  return {
    layer,
    options,
    newKey: () => `${options.keyPrefix}-${randomUUID()}`,
    advanceClock: (ms) => options.clock.advance(ms),
    layerWithAttributes: (attributes) => {
      if (!factoryWithAttributes) throw new ContractConfigurationError('factoryWithAttributes: not given');
      return open(() => factoryWithAttributes(attributes));
    },
    // The layers a check sees were all made by this suite's factories, so they are Layers.
    storedAttributes: inspectStoredAttributes && ((target, key) => inspectStoredAttributes(target as Layer, key)),
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

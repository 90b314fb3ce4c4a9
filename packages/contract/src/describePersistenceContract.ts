import type { IdempotencyStore } from '@idem/core';
import { persistenceContractChecks } from './checks/index.js';
import { resolveContractOptions } from './defaults.js';
import type { LayerFactory, PersistenceContractOptions } from './options.js';
import { capabilitiesOf, runContractCheck } from './runContractCheck.js';

/**
 * Registers the whole persistence contract with Jest: one test per guarantee, each against a
 * fresh layer from `factory`. A guarantee the store cannot be checked for is registered as a
 * todo that says why, so a missing capability shows in the report instead of passing.
 */
export function describePersistenceContract<Layer extends IdempotencyStore>(
  name: string,
  factory: LayerFactory<Layer>,
  options: PersistenceContractOptions<Layer> = {}
): void {
  const resolved = resolveContractOptions(options);
  const capabilities = capabilitiesOf(resolved);
  describe(`persistence contract: ${name}`, () => {
    for (const check of persistenceContractChecks) {
      const unsupported = check.unsupportedBecause?.(capabilities);
      if (unsupported) it.todo(`${check.guarantee} — not supported by ${name}: ${unsupported}`);
      else it(check.guarantee, () => runContractCheck(check, factory, resolved));
    }
  });
}

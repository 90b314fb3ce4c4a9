import { persistenceAttributeDefaults } from '@idem/core';
import type { ContractCheck } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import type { PersistenceAttributeNames } from '../options.js';
import type { StoreOperation } from '../primitives.js';
import { jsonEqual } from './jsonEqual.js';
import { claimKey, describeRecord, fetchOrUndefined } from './support.js';

/** Names unlike any default, so a layer that ignores them is caught. */
const customNames: PersistenceAttributeNames = {
  expiryAttr: 'contract_expires_at',
  inProgressExpiryAttr: 'contract_lease_ends_at',
  statusAttr: 'contract_state',
  dataAttr: 'contract_response',
  validationKeyAttr: 'contract_payload_hash',
};

export const customAttributeNamesRoundTrip: ContractCheck = {
  guarantee: 'custom attribute names round-trip',
  operation: 'complete',
  unsupportedBecause: (capabilities) =>
    capabilities.customAttributeNames ? undefined : 'no attribute names to set (no factoryWithAttributes option)',
  async run(context) {
    const layer = await context.layerWithAttributes(customNames);
    const key = context.newKey();
    const claim = await claimKey(context, key, { payloadHash: 'payload-hash' }, layer);
    await expectStoredNames(
      ['expiryAttr', 'inProgressExpiryAttr', 'statusAttr', 'validationKeyAttr'],
      'after the claim',
      'claim'
    );
    const response = { shipped: ['a', 'b'], total: 0 };
    await layer.complete(claim, response, 3600);
    await expectStoredNames(['expiryAttr', 'statusAttr', 'dataAttr', 'validationKeyAttr'], 'after completion', 'complete');

    const stored = await fetchOrUndefined(context, key, layer);
    if (
      stored?.getStatus() !== 'COMPLETED' ||
      stored.payloadHash !== 'payload-hash' ||
      stored.expiryTimestamp === undefined ||
      !jsonEqual(stored.getResponse(), response)
    ) {
      failCheck(
        `a layer with custom names read back ${describeRecord(stored)} with response ${JSON.stringify(stored?.getResponse())}`,
        'fetch'
      );
    }

    async function expectStoredNames(expected: Array<keyof PersistenceAttributeNames>, when: string, by: StoreOperation) {
      if (!context.storedAttributes) return;
      const attributes = await context.storedAttributes(layer, key);
      if (!attributes) failCheck(`${when}, the backend holds nothing for the key`, by);
      const missing = expected.map((option) => customNames[option]).filter((name) => !(name in attributes));
      const defaults = Object.values(persistenceAttributeDefaults).filter((name) => name in attributes);
      if (missing.length > 0 || defaults.length > 0) {
        failCheck(
          `${when}, the stored attributes are ${Object.keys(attributes).join(', ')}: ` +
            `missing ${missing.join(', ') || 'none'}; default names ${defaults.join(', ') || 'none'}`,
          by
        );
      }
    }
  },
};

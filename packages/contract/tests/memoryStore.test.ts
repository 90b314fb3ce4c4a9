import { describePersistenceContract } from '@idem/contract';
import { MemoryPersistenceLayer } from '@idem/core';

describePersistenceContract('MemoryPersistenceLayer', () => new MemoryPersistenceLayer(), {
  // The memory store drops expired records when it writes; its Map is private, so the suite peeks.
  expiryEnforcement: {
    kind: 'reclaim',
    isStored: async (layer, key) => (layer as unknown as { records: Map<string, unknown> }).records.has(key),
  },
});

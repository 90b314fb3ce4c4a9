import { MemoryPersistenceLayer } from '@idem/core';
import { describePersistenceContract } from '@idem/contract';

describePersistenceContract('MemoryPersistenceLayer', () => new MemoryPersistenceLayer(), {
  // The memory store drops expired records when it writes; its Map is private, so the suite peeks.
  expiryEnforcement: { kind: 'reclaim', isStored: async (layer, key) => layer['records'].has(key) },
});

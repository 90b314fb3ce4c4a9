import { describePersistenceContract } from '@idem/contract';
import { describe, it } from 'vitest';
import { keyValueContract, newLayer } from './keyValueContract.js';

// Vitest: the suite registers in the describe and it it is given.
describePersistenceContract('KeyValuePersistenceLayer', () => newLayer(), { ...keyValueContract, runner: { describe, it } });

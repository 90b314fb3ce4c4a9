import { describePersistenceContract } from '@idem/contract';
import { keyValueContract, newLayer } from './keyValueContract.js';

// Jest: the suite registers in Jest's global describe and it.
describePersistenceContract('KeyValuePersistenceLayer', () => newLayer(), keyValueContract);

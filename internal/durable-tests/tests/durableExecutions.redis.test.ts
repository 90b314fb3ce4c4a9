import { redisStore, storeSubjects } from '@idem/durable-tests';
import { describeDurableExecutions } from './support/durableExecutions.js';

describeDurableExecutions(redisStore, storeSubjects);

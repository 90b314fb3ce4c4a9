import { memoryStore, subjects } from '@idem/durable-tests';
import { describeDurableExecutions } from './support/durableExecutions.js';

// Every front end on the memory store; the other stores run the wrapper and the middleware.
describeDurableExecutions(memoryStore, subjects);

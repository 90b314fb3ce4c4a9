import { dynamoDBStore, storeSubjects } from '@idem/durable-tests';
import { describeDurableExecutions } from './support/durableExecutions.js';

describeDurableExecutions(dynamoDBStore, storeSubjects);

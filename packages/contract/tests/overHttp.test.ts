import { describeKeyValueOverHttp } from './support/keyValueOverHttp.js';

// Real sockets under the suite's fake Date; internal/contract-runners runs it in every runner.
describeKeyValueOverHttp('KeyValuePersistenceLayer over HTTP', { beforeAll, afterAll });

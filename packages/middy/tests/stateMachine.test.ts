import { scenarios } from './support/scenarios/index.js';
import { subjects } from './support/subjects.js';

// The same scenarios, the same expectations, for the wrapper and the middleware on each Middy major.
describe.each(subjects)('$name', (subject) => {
  it.each(scenarios)('$name', async (scenario) => {
    await scenario.run(subject);
  });
});

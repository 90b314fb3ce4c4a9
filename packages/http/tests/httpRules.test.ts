import { eventSources } from './support/events.js';
import { lambdaScenarioContext, runners } from './support/harness.js';
import { scenarios } from './support/scenarios/index.js';

// The shared scenario table: every rule, through the wrapper and the middleware, on every event source.
describe.each(runners.map((runner) => [runner.name, runner] as const))('through %s', (_, runner) => {
  describe.each(eventSources.map((source) => [source.name, source] as const))('with %s events', (__, source) => {
    const applicable = scenarios.filter((scenario) => scenario.appliesTo?.(lambdaScenarioContext(source, runner)) ?? true);
    it.each(applicable.map((scenario) => [scenario.name, scenario] as const))('%s', async (___, scenario) => {
      await scenario.run(lambdaScenarioContext(source, runner));
    });
  });
});

export type { ExecutionControls, RunningExecution } from './durableRun.js';
export {
  crashPoint,
  passTime,
  runExecution,
  setupDurableTestEnvironment,
  startExecution,
  teardownDurableTestEnvironment,
  waitOnTheClock,
} from './durableRun.js';
export type { DurableOrderHandler, OrderEvent, OrderResult, SideEffects, WorkflowOptions } from './orderWorkflow.js';
export { noSideEffects, orderWorkflow, thirtyMinutes } from './orderWorkflow.js';
export type { Library, SideBySideTable } from './sideBySide/libraries.js';
export { libraries } from './sideBySide/libraries.js';
export { measureSideBySide } from './sideBySide/measure.js';
export type { SideBySideScenario } from './sideBySide/scenarios.js';
export { sideBySideScenarios } from './sideBySide/scenarios.js';
export type { SideBySideResults } from './sideBySide/table.js';
export { renderSideBySide, sideBySideMarkers, sideBySideSection, withSideBySideSection } from './sideBySide/table.js';
export { heldCharge, signal } from './signal.js';
export type { RunningStore, StoreUnderTest } from './stores.js';
export { dynamoDBStore, memoryStore, redisStore, startDynamoDBTable, storesUnderTest } from './stores.js';
export type { Subject } from './subjects.js';
export { storeSubjects, subjects } from './subjects.js';

export type {
  BoundExpiryProbe,
  ContractCapabilities,
  ContractCheck,
  ContractContext,
  LayerCapability,
} from './ContractCheck.js';
export { ContractConfigurationError, ContractViolation, failCheck, UncheckableGuaranteeError } from './ContractViolation.js';
export { contractCheck, persistenceContractChecks } from './checks/index.js';
export type { ContractClock, JestTimerControl } from './clock.js';
export { fakeDateClock, jestDateClock } from './clock.js';
export { contractDefaults } from './defaults.js';
export { describePersistenceContract } from './describePersistenceContract.js';
export type {
  ExpiryEnforcementProbe,
  LayerFactory,
  PersistenceAttributeNames,
  PersistenceContractOptions,
  ResolvedContractOptions,
} from './options.js';
export type { StoreOperation } from './primitives.js';
export { runContractCheck } from './runContractCheck.js';
export type { ContractRunner, ContractTestFunction } from './runner.js';

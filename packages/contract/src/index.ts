export type { BoundExpiryProbe, ContractCapabilities, ContractCheck, ContractContext } from './ContractCheck.js';
export { ContractConfigurationError, ContractViolation, failCheck } from './ContractViolation.js';
export { contractCheck, persistenceContractChecks } from './checks/index.js';
export type { ContractClock, JestTimerControl } from './clock.js';
export { jestDateClock } from './clock.js';
export { contractDefaults } from './defaults.js';
export { describePersistenceContract } from './describePersistenceContract.js';
export type {
  ExpiryEnforcementProbe,
  LayerFactory,
  PersistenceAttributeNames,
  PersistenceContractOptions,
  ResolvedContractOptions,
} from './options.js';
export { runContractCheck } from './runContractCheck.js';

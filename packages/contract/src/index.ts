export { contractCheck, persistenceContractChecks } from './checks/index.js';
export { jestDateClock } from './clock.js';
export { ContractConfigurationError, ContractViolation, failCheck } from './ContractViolation.js';
export { contractDefaults } from './defaults.js';
export { describePersistenceContract } from './describePersistenceContract.js';
export { runContractCheck } from './runContractCheck.js';

export type { ContractClock, JestTimerControl } from './clock.js';
export type { BoundExpiryProbe, ContractCapabilities, ContractCheck, ContractContext } from './ContractCheck.js';
export type {
  ExpiryEnforcementProbe,
  LayerFactory,
  PersistenceAttributeNames,
  PersistenceContractOptions,
  ResolvedContractOptions,
} from './options.js';

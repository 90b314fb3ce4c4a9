// The seed's list of type imports, the part that @idem/core serves.
import type {
  BasePersistenceAttributes,
  BasePersistenceLayerInterface,
  BasePersistenceLayerOptions,
  IdempotencyConfigOptions,
  IdempotencyLambdaHandlerOptions,
  IdempotencyRecordOptions,
  IdempotencyRecordStatusValue,
  ItempotentFunctionOptions,
  ResponseHook,
} from '@idem/core/types';

type Imported = [
  IdempotencyConfigOptions,
  IdempotencyLambdaHandlerOptions,
  ItempotentFunctionOptions<[unknown]>,
  ResponseHook,
  IdempotencyRecordOptions,
  IdempotencyRecordStatusValue,
  BasePersistenceAttributes,
  BasePersistenceLayerInterface,
  BasePersistenceLayerOptions,
];
const importedCount: Imported['length'] = 9;
console.log('core types', importedCount);

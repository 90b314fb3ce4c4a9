import { IdempotencyPersistenceLayerError, IdempotencyRecordStatus } from '@idem/core';
import { fromNativeAttribute, toNativeAttribute } from './nativeAttributes.js';
import type { ItemFormat } from './recordItem.js';

/**
 * Powertools for AWS Lambda 2.x's item format (`compatibility: 'powertools'`): the attributes of
 * idem's format, with the response in DynamoDB's own types (a map, a list, a string...) as
 * Powertools' `marshall()` stores it, and only the two statuses Powertools writes. The owner
 * token stays in its own attribute, which Powertools neither reads nor writes.
 */
export const powertoolsItemFormat: ItemFormat = {
  statuses: new Set<string>([IdempotencyRecordStatus.INPROGRESS, IdempotencyRecordStatus.COMPLETED]),
  writeResponse(responseData, idempotencyKey) {
    try {
      return toNativeAttribute(responseData);
    } catch (error) {
      throw new IdempotencyPersistenceLayerError(
        `The response of key ${idempotencyKey} cannot be stored in Powertools' format: ${(error as Error).message}; nothing was written`,
        { cause: error }
      );
    }
  },
  readResponse(value, name, corrupt) {
    try {
      return fromNativeAttribute(value);
    } catch (error) {
      throw corrupt(`attribute ${name}: ${(error as Error).message}`);
    }
  },
};

import { IdempotencyConfigurationError, optionNames, persistenceAttributeDefaults } from '@idem/core';
import { dynamoDBDefaults } from './constants.js';
import type { DynamoDBPersistenceOptions } from './types/index.js';

/** Where each part of a record lives in the table, with every default applied. */
export interface TableLayout {
  tableName: string;
  keyAttr: string;
  /** Set for a composite-key table, whose partition value is then `staticPkValue`. */
  sortKeyAttr?: string;
  staticPkValue: string;
  expiryAttr: string;
  inProgressExpiryAttr: string;
  statusAttr: string;
  dataAttr: string;
  validationKeyAttr: string;
  ownerAttr: string;
}

/** Every option name of DynamoDBPersistenceOptions, for the check of unknown options. */
export const dynamoDBOptionNames = optionNames<DynamoDBPersistenceOptions>({
  tableName: true,
  keyAttr: true,
  sortKeyAttr: true,
  staticPkValue: true,
  ownerAttr: true,
  expiryAttr: true,
  inProgressExpiryAttr: true,
  statusAttr: true,
  dataAttr: true,
  validationKeyAttr: true,
  clientConfig: true,
  awsSdkV3Client: true,
  compatibility: true,
});

const attributeOptions = [
  'keyAttr',
  'sortKeyAttr',
  'expiryAttr',
  'inProgressExpiryAttr',
  'statusAttr',
  'dataAttr',
  'validationKeyAttr',
  'ownerAttr',
] as const;

/**
 * Applies the defaults and refuses options that would lose records silently: an empty name, or
 * two parts of a record stored under one attribute.
 */
export function resolveTableLayout(options: DynamoDBPersistenceOptions): TableLayout {
  if (typeof options?.tableName !== 'string' || options.tableName === '') {
    throw new IdempotencyConfigurationError('tableName is required: the name of the DynamoDB table that holds the records');
  }
  if (options.staticPkValue !== undefined && options.sortKeyAttr === undefined) {
    throw new IdempotencyConfigurationError(
      'staticPkValue is only used with sortKeyAttr (a composite-key table): set both or neither'
    );
  }
  if (options.staticPkValue === '') {
    throw new IdempotencyConfigurationError('staticPkValue must not be empty: DynamoDB refuses an empty key value');
  }
  const layout: TableLayout = {
    tableName: options.tableName,
    keyAttr: options.keyAttr ?? dynamoDBDefaults.keyAttr,
    sortKeyAttr: options.sortKeyAttr,
    staticPkValue: options.staticPkValue ?? `idempotency#${process.env.AWS_LAMBDA_FUNCTION_NAME ?? ''}`,
    expiryAttr: options.expiryAttr ?? persistenceAttributeDefaults.expiryAttr,
    inProgressExpiryAttr: options.inProgressExpiryAttr ?? persistenceAttributeDefaults.inProgressExpiryAttr,
    statusAttr: options.statusAttr ?? persistenceAttributeDefaults.statusAttr,
    dataAttr: options.dataAttr ?? persistenceAttributeDefaults.dataAttr,
    validationKeyAttr: options.validationKeyAttr ?? persistenceAttributeDefaults.validationKeyAttr,
    ownerAttr: options.ownerAttr ?? dynamoDBDefaults.ownerAttr,
  };
  const optionOfName = new Map<string, string>();
  for (const option of attributeOptions) {
    const name = layout[option];
    if (name === undefined && option === 'sortKeyAttr') continue;
    if (typeof name !== 'string' || name === '') {
      throw new IdempotencyConfigurationError(`${option} must be a non-empty attribute name`);
    }
    const taken = optionOfName.get(name);
    if (taken) {
      throw new IdempotencyConfigurationError(
        `${taken} and ${option} are both ${JSON.stringify(name)}: each part of a record needs its own attribute`
      );
    }
    optionOfName.set(name, option);
  }
  return layout;
}

import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { BasePersistenceAttributes, PersistenceCompatibility } from '@idem/core/types';

/** Options of DynamoDBPersistenceLayer that do not concern the client. */
export interface DynamoDBPersistenceOptionsBase extends BasePersistenceAttributes {
  /** Name of the DynamoDB table that holds the records. Required, not empty. */
  tableName: string;
  /**
   * Partition key attribute. In a simple-key table it holds the idempotency key; in a
   * composite-key table (`sortKeyAttr` set) it holds `staticPkValue`.
   * @default 'id'
   */
  keyAttr?: string;
  /**
   * Sort key attribute, for a table with a composite primary key: the idempotency key is then
   * stored here, under the partition value `staticPkValue`. Unset: a simple-key table.
   * @default undefined
   */
  sortKeyAttr?: string;
  /**
   * Partition key value of every record when `sortKeyAttr` is set; only valid with it.
   * @default `idempotency#${process.env.AWS_LAMBDA_FUNCTION_NAME}` (read at construction)
   */
  staticPkValue?: string;
  /**
   * Attribute that holds the random token of the call that claimed the record, so that only
   * that call completes or deletes it. Not in Powertools: an addition of this package.
   * @default 'owner'
   */
  ownerAttr?: string;
  /**
   * `'powertools'`: name and write records exactly as Powertools for AWS Lambda 2.x does (its
   * keys, and the response as a native DynamoDB value rather than JSON text), so Powertools
   * functions and idem functions share one table while you migrate. The owner token still fences
   * idem's writes, in `ownerAttr`, which Powertools ignores. Any other value fails at
   * construction. See docs/migration-from-powertools.md.
   * @default undefined (idem's own keys and format)
   */
  compatibility?: PersistenceCompatibility;
}

/** Options with settings for a client that the layer creates. */
export interface DynamoDBPersistenceOptionsWithClientConfig extends DynamoDBPersistenceOptionsBase {
  /**
   * Settings of the DynamoDBClient the layer creates (region, endpoint, retries...).
   * @default {} (the SDK's defaults: region and credentials from the environment)
   */
  clientConfig?: DynamoDBClientConfig;
  /** Must not be given with `clientConfig`. */
  awsSdkV3Client?: never;
}

/** Options with a DynamoDBClient that the caller made and owns. */
export interface DynamoDBPersistenceOptionsWithClientInstance extends DynamoDBPersistenceOptionsBase {
  /**
   * A DynamoDBClient to use as it is, middleware and retry settings included.
   * @default undefined (the layer creates its own client)
   */
  awsSdkV3Client?: DynamoDBClient;
  /** Must not be given with `awsSdkV3Client`. */
  clientConfig?: never;
}

/** Options of DynamoDBPersistenceLayer: `clientConfig` or `awsSdkV3Client`, never both. */
export type DynamoDBPersistenceOptions =
  | DynamoDBPersistenceOptionsWithClientConfig
  | DynamoDBPersistenceOptionsWithClientInstance;

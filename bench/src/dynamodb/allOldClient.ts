import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DeleteItemCommandInput,
  DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { localDynamoDBConfig } from '@idem/test-servers';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * A client whose table is dynalite but whose refused writes return the old item, as DynamoDB does
 * with `ReturnValuesOnConditionCheckFailure: ALL_OLD` and dynalite does not (the approach of
 * packages/dynamodb/tests/support.ts). The client is stubbed with aws-sdk-client-mock; each call
 * is forwarded to dynalite, and a refused PutItem gets the stored item attached by a read the
 * layer does not see. `requests()` counts the layer's requests; tables have the key `id`.
 */
export function allOldClient(endpoint: string): { client: DynamoDBClient; requests(): number; restore(): void } {
  const backing = new DynamoDBClient(localDynamoDBConfig(endpoint));
  const client = new DynamoDBClient(localDynamoDBConfig(endpoint));
  const mock = mockClient(client);
  mock.on(GetItemCommand).callsFake((input: GetItemCommandInput) => backing.send(new GetItemCommand(input)));
  mock.on(DeleteItemCommand).callsFake((input: DeleteItemCommandInput) => backing.send(new DeleteItemCommand(input)));
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => backing.send(new UpdateItemCommand(input)));
  mock.on(PutItemCommand).callsFake(async (input: PutItemCommandInput) => {
    try {
      return await backing.send(new PutItemCommand(input));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || input.ReturnValuesOnConditionCheckFailure !== 'ALL_OLD')
        throw error;
      const Key = { id: input.Item?.id ?? { S: '' } };
      const { Item } = await backing.send(new GetItemCommand({ TableName: input.TableName, Key, ConsistentRead: true }));
      throw new ConditionalCheckFailedException({ message: error.message, $metadata: error.$metadata, Item });
    }
  });
  return {
    client,
    requests: () => mock.calls().length,
    restore: () => {
      mock.restore();
      backing.destroy();
    },
  };
}

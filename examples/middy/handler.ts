import { IdempotencyConfig, MemoryPersistenceLayer } from '@idem/core';
import { makeHandlerIdempotent } from '@idem/middy';
import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** An order as the client posts it. */
interface Order {
  orderId: string;
  amount: number;
}

/** The card network, faked: every charge it receives is one real side effect. */
export const cardNetwork = { charges: [] as Order[] };

// In Lambda, use a store that all instances share: DynamoDBPersistenceLayer or CachePersistenceLayer.
const persistenceStore = new MemoryPersistenceLayer();

const config = new IdempotencyConfig({
  // The parser runs first, so the key reads the parsed body.
  eventKeyJmesPath: 'body.orderId',
  // A retry of the same order with another amount is a client bug: refuse it.
  payloadValidationJmesPath: 'body.amount',
});

async function chargeCard(event: Omit<APIGatewayProxyEvent, 'body'> & { body: Order }): Promise<APIGatewayProxyResult> {
  const { orderId, amount } = event.body;
  cardNetwork.charges.push({ orderId, amount });
  return { statusCode: 201, body: JSON.stringify({ chargeId: `ch_${cardNetwork.charges.length}`, orderId, amount }) };
}

export const handler = middy(chargeCard).use(httpJsonBodyParser()).use(makeHandlerIdempotent({ persistenceStore, config }));

// The function behind `POST /orders` of an API Gateway REST API, made idempotent per
// Idempotency-Key. In production the store is a DynamoDBPersistenceLayer; the demo passes the
// embedded in-memory store.
import type { BasePersistenceLayer } from '@idem/core';
import { makeHttpIdempotent } from '@idem/http';

export interface Order {
  orderId: string;
  sku: string;
  quantity: number;
}

/** The orders the API created, in place of a database. */
export const createdOrders: Order[] = [];

/** One in three calls fails like a flaky downstream would, when asked to. */
export const downstream = { failNextCall: false };

async function createOrder(event: { body: string | null }) {
  if (downstream.failNextCall) {
    downstream.failNextCall = false;
    return { statusCode: 503, headers: { 'Content-Type': 'text/plain' }, body: 'inventory service unavailable' };
  }
  const { sku, quantity } = JSON.parse(event.body ?? '{}') as { sku: string; quantity: number };
  await new Promise((resolve) => setTimeout(resolve, 100)); // the slow part: reserving stock, charging
  const order = { orderId: `ord_${createdOrders.length + 1}`, sku, quantity };
  createdOrders.push(order);
  return {
    statusCode: 201,
    headers: {
      'Content-Type': 'application/json',
      Location: `/orders/${order.orderId}`,
      'Set-Cookie': `last-order=${order.orderId}; HttpOnly; Secure`,
    },
    body: JSON.stringify(order),
  };
}

export function ordersApi(persistenceStore: BasePersistenceLayer) {
  return makeHttpIdempotent(createOrder, {
    persistenceStore,
    keyPrefix: 'orders-api',
    // Two requests with the same key must order the same thing; a note may differ.
    fingerprintJmesPath: '[sku, quantity]',
    retryAfterSeconds: 1,
    problemTypeUri: 'https://api.example.com/docs/idempotency',
  });
}

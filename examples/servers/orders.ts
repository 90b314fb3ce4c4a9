// What the four server examples share: the orders they create, how a caller is known, and a
// client that retries the way docs/http.md advises. Only the server files differ per framework.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Order {
  orderId: string;
  sku: string;
  quantity: number;
}

/** The orders the API created, in place of a database. */
export const createdOrders: Order[] = [];

/** Creates an order: the slow, once-only part (reserving stock, charging a card). */
export async function createOrder(input: { sku?: unknown; quantity?: unknown }): Promise<Order> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const order = { orderId: `ord_${createdOrders.length + 1}`, sku: String(input.sku), quantity: Number(input.quantity) };
  createdOrders.push(order);
  return order;
}

/**
 * Stands in for a JWT verifier (express-jwt, @fastify/jwt, hono/jwt): the demo's bearer token is
 * the caller's name, and its claims are what a verifier would leave on the request.
 */
export function verifiedClaims(authorization: string | undefined | null): { iss: string; sub: string } | undefined {
  const caller = /^Bearer (\w+)$/.exec(authorization ?? '')?.[1];
  return caller ? { iss: 'https://auth.example.com/', sub: caller } : undefined;
}

interface Answer {
  status: number;
  body: string;
  replayed: boolean;
}

async function post(url: string, caller: string, key: string | undefined, body: object): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${caller}`, 'Content-Type': 'application/json' };
  if (key !== undefined) headers['Idempotency-Key'] = `"${key}"`;
  const response = await fetch(`${url}/orders`, { method: 'POST', headers, body: JSON.stringify(body) });
  return {
    status: response.status,
    body: await response.text(),
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

function describe({ status, body, replayed }: Answer): string {
  if (status >= 400) return `${status} ${(JSON.parse(body) as { title: string }).title}`;
  return `${status} ${body}${replayed ? ' (replayed)' : ''}`;
}

/** Sends the demo's requests to `url` and prints what the client got. */
export async function runDemo(url: string): Promise<void> {
  const book = { sku: 'book-42', quantity: 1 };
  const rows: Array<[string, string]> = [];
  rows.push(['alice: first POST', describe(await post(url, 'alice', 'k-1001', book))]);
  rows.push(['alice: retry, same key', describe(await post(url, 'alice', 'k-1001', book))]);
  const [a, b] = await Promise.all([post(url, 'alice', 'k-1002', book), post(url, 'alice', 'k-1002', book)]);
  rows.push(['alice: double click', [a, b].map(describe).sort().join(' | ')]);
  rows.push(['alice: same key, 3 books', describe(await post(url, 'alice', 'k-1001', { ...book, quantity: 3 }))]);
  rows.push(['alice: no key', describe(await post(url, 'alice', undefined, book))]);
  rows.push(['bob: key k-1001 too', describe(await post(url, 'bob', 'k-1001', book))]);
  console.log(`${'request'.padEnd(28)}what the client got`);
  for (const [what, outcome] of rows) console.log(`${what.padEnd(28)}${outcome}`);
  console.log(`\n${createdOrders.length} orders created: ${createdOrders.map((order) => order.orderId).join(', ')}`);
}

/**
 * With `--serve`, keeps serving on PORT (default 3000) for curl; otherwise runs the demo against a
 * free port and stops.
 */
export async function serveOrDemo(listen: (port: number) => Promise<Server>): Promise<void> {
  const serving = process.argv.includes('--serve');
  const server = await listen(serving ? Number(process.env.PORT ?? 3000) : 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (serving) {
    console.log(`POST ${url}/orders with an Idempotency-Key header and Authorization: Bearer <name>`);
    return;
  }
  await runDemo(url);
  server.closeAllConnections();
  server.close();
}

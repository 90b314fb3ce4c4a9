import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The loopback URL of a server listening on a free port, once it listens. */
export async function urlOf(server: Server): Promise<string> {
  if (!server.listening) await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops the server and drops its kept-alive connections, so a test ends without waiting on them. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** The POST every server test sends: one order, under one key. */
export const postOrder = (url: string) =>
  fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'Idempotency-Key': '"k-stream"', 'Content-Type': 'application/json' },
    body: '{"sku":"book-42"}',
  });

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryKeyValueClient } from '../../../../examples/custom-store/InMemoryKeyValueClient.js';
import type { KeyValueClient, VersionedEntry } from '../../../../examples/custom-store/KeyValueClient.js';

/** A key-value service over HTTP on a free loopback port, so the suite runs against real sockets. */
export async function startKeyValueServer(): Promise<{ url: string; close(): Promise<void> }> {
  const backend = new InMemoryKeyValueClient();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', async () => {
      const { key, value, options } = JSON.parse(body) as { key: string; value?: string; options?: never };
      const operations: Record<string, () => Promise<unknown>> = {
        '/get': () => backend.get(key),
        '/put': () => backend.put(key, value ?? '', options as never),
        '/delete': () => backend.delete(key, options as never),
        '/expiry': async () => backend.storedExpiryMs(key),
        '/value': async () => backend.storedValue(key),
      };
      const operation = operations[request.url ?? ''];
      if (!operation) return response.writeHead(404).end();
      const result = await operation();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result }));
    });
  });
  // Port 0: the system picks a free one.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The client side: every call is one HTTP round trip. */
export class HttpKeyValueClient implements KeyValueClient {
  constructor(private readonly url: string) {}

  get(key: string): Promise<VersionedEntry | undefined> {
    return this.call('/get', { key });
  }

  put(key: string, value: string, options: { ifVersion: number | 'absent'; expiresAtMs: number }): Promise<boolean> {
    return this.call('/put', { key, value, options });
  }

  delete(key: string, options: { ifVersion: number }): Promise<boolean> {
    return this.call('/delete', { key, options });
  }

  storedExpiryMs(key: string): Promise<number | undefined> {
    return this.call('/expiry', { key });
  }

  storedValue(key: string): Promise<string | undefined> {
    return this.call('/value', { key });
  }

  private async call<Result>(path: string, body: unknown): Promise<Result> {
    const response = await fetch(`${this.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`key-value service answered ${response.status} to ${path}`);
    return ((await response.json()) as { result: Result }).result;
  }
}

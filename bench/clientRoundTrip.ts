/**
 * How long one command takes through each Redis client, one in flight: a GET of a 600-byte value,
 * 3,000 times, five rounds, medians. The floor under a Redis repeat of either library.
 *
 *   pnpm build && node --import tsx bench/clientRoundTrip.ts
 */
import { startRedis } from '@idem/test-servers';
import { createClient } from '@redis/client';
import { GlideClient, Logger } from '@valkey/valkey-glide';
import { Redis } from 'ioredis';

Logger.setLoggerConfig('error');
const server = await startRedis();
const io = new Redis({ host: '127.0.0.1', port: server.port });
const glide = await GlideClient.createClient({ addresses: [{ host: '127.0.0.1', port: server.port }] });
const nr = createClient({ url: server.url });
await nr.connect();
await io.set('k', 'v'.repeat(600));
const clients: Record<string, () => Promise<unknown>> = {
  ioredis: () => io.get('k'),
  GLIDE: () => glide.get('k'),
  '@redis/client': () => nr.get('k'),
};
const res: Record<string, number[]> = {};
for (let round = 0; round < 5; round++)
  for (const [name, get] of Object.entries(clients)) {
    const n = 3000;
    const t = performance.now();
    for (let i = 0; i < n; i++) await get();
    const samples = res[name] ?? [];
    samples.push(((performance.now() - t) * 1000) / n);
    res[name] = samples;
  }
for (const [name, v] of Object.entries(res))
  console.log(name, 'GET µs, 1 in flight, median of 5:', v.sort((a, b) => a - b)[2]?.toFixed(0));
io.disconnect();
glide.close();
nr.destroy();
await server.stop();

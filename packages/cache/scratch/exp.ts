import { createClient } from '@redis/client';
import { Batch, GlideClient } from '@valkey/valkey-glide';
import { Redis } from 'ioredis';

const port = Number(process.argv[2]);
const nreplicas = Number(process.argv[3]);
async function main() {
  const io = new Redis({ port, host: '127.0.0.1' });
  let t = performance.now();
  console.log(
    'ioredis noscript',
    JSON.stringify(await io.pipeline().evalsha('0'.repeat(40), 1, 'k').wait(nreplicas, 300).exec()),
    performance.now() - t
  );
  t = performance.now();
  console.log(
    'ioredis ok',
    JSON.stringify(await io.pipeline().eval("redis.call('SET', KEYS[1], 'v') return false", 1, 'k').wait(nreplicas, 300).exec()),
    performance.now() - t
  );
  const ioT = new Redis({ port, host: '127.0.0.1', commandTimeout: 100 });
  t = performance.now();
  try {
    console.log(
      'ioredis commandTimeout 100',
      JSON.stringify(
        await ioT.pipeline().eval("redis.call('SET', KEYS[1], 'v') return 1", 1, 'k').wait(nreplicas, 300).exec(),
        (k, v) => (v instanceof Error ? v.message : v)
      ),
      performance.now() - t
    );
  } catch (e) {
    console.log('ioredis threw', (e as Error).message);
  }
  io.disconnect();
  ioT.disconnect();

  const nr = await createClient({ url: `redis://127.0.0.1:${port}` }).connect();
  t = performance.now();
  try {
    console.log(
      'node-redis noscript',
      await nr
        .multi()
        .evalSha('0'.repeat(40), { keys: ['k'] })
        .addCommand(['WAIT', String(nreplicas), '300'])
        .execAsPipeline()
    );
  } catch (e) {
    console.log('node-redis threw', e?.constructor?.name, (e as Error).message, (e as any).replies, performance.now() - t);
  }
  t = performance.now();
  console.log(
    'node-redis ok',
    await nr
      .multi()
      .eval("redis.call('SET', KEYS[1], 'v') return false", { keys: ['k'] })
      .wait(nreplicas, 300)
      .execAsPipeline(),
    performance.now() - t
  );
  nr.destroy();

  const g = await GlideClient.createClient({ addresses: [{ host: '127.0.0.1', port }] });
  t = performance.now();
  console.log(
    'glide noscript',
    await g.exec(new Batch(false).customCommand(['EVALSHA', '0'.repeat(40), '1', 'k']).wait(nreplicas, 300), false),
    performance.now() - t
  );
  t = performance.now();
  try {
    console.log(
      'glide ok',
      await g.exec(
        new Batch(false).customCommand(['EVAL', "redis.call('SET', KEYS[1], 'v') return false", '1', 'k']).wait(nreplicas, 300),
        false
      ),
      performance.now() - t
    );
  } catch (e) {
    console.log('glide threw', (e as Error).message, performance.now() - t);
  }
  t = performance.now();
  try {
    console.log('glide single wait', await g.wait(nreplicas, 400), performance.now() - t);
  } catch (e) {
    console.log('glide single threw', (e as Error).message, performance.now() - t);
  }
  g.close();
}
main();

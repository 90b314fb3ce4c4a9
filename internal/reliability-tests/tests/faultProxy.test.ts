import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { type FaultProxy, startFaultProxy } from '@idem/test-servers';

let echo: Server;
let proxy: FaultProxy;
const sockets: Socket[] = [];
const serverSockets = new Set<Socket>();

beforeAll(async () => {
  echo = createServer((socket) => {
    serverSockets.add(socket);
    socket.on('close', () => serverSockets.delete(socket));
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  proxy = await startFaultProxy({ targetHost: '127.0.0.1', targetPort: (echo.address() as AddressInfo).port });
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  proxy.resume();
});

afterAll(async () => {
  await proxy.stop();
  await new Promise<void>((resolve) => {
    echo.close(() => resolve());
    for (const socket of serverSockets) socket.destroy();
  });
});

/** A connected client of the proxy, with everything it received so far. */
async function client(): Promise<{ socket: Socket; received: () => string; closed: Promise<'end' | string> }> {
  const socket = connect({ host: '127.0.0.1', port: proxy.port });
  sockets.push(socket);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const closed = new Promise<'end' | string>((resolve) => {
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    socket.on('end', () => resolve('end'));
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => text, closed };
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met within 2 s');
}

describe('the fault proxy', () => {
  it('forwards bytes both ways', async () => {
    const { socket, received } = await client();
    socket.write('ping');
    await until(() => received() === 'ping');
  });

  it('holds bytes while stalled and delivers them in order on resume', async () => {
    const { socket, received } = await client();
    proxy.stall();
    socket.write('one,');
    socket.write('two');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received()).toBe('');
    proxy.resume();
    await until(() => received() === 'one,two');
  });

  it('closes connections cleanly on drop: the client sees an end, not an error', async () => {
    const { closed } = await client();
    await until(() => proxy.openConnections > 0);
    proxy.dropConnections();
    await expect(closed).resolves.toBe('end');
  });

  it('resets connections on reset: the client sees ECONNRESET', async () => {
    const { closed } = await client();
    await until(() => proxy.openConnections > 0);
    proxy.resetConnections();
    await expect(closed).resolves.toBe('ECONNRESET');
  });

  it('accepts new connections after a reset', async () => {
    const { socket, received } = await client();
    socket.write('again');
    await until(() => received() === 'again');
  });
});

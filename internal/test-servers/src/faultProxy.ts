import { connect, createServer, type Server, type Socket } from 'node:net';

/** Where a fault proxy forwards its connections. */
export interface FaultProxyOptions {
  targetHost: string;
  targetPort: number;
}

/**
 * A TCP proxy on a loopback port of its own that forwards every connection to its target and
 * injects network faults on demand, between a client and a real server.
 */
export interface FaultProxy {
  /** The loopback port clients connect to instead of the target's. */
  port: number;
  /** Connections currently open through the proxy. */
  readonly openConnections: number;
  /**
   * Round trips so far, all connections together: times a client sent bytes with nothing sent
   * before them, or after the server had answered. Commands a client pipelines go out together
   * and count once, however many packets carry them. Meaningful while one connection is busy.
   */
  readonly roundTrips: number;
  /** Holds every byte in both directions (open and new connections) until `resume`: a network stall. */
  stall(): void;
  /** Delivers the bytes held since `stall`, in order, and forwards again. */
  resume(): void;
  /** Closes every open connection cleanly (FIN both ways), dropping any bytes held. */
  dropConnections(): void;
  /** Resets every open connection (TCP RST both ways), dropping any bytes held. */
  resetConnections(): void;
  /** Stops accepting and destroys every connection. */
  stop(): Promise<void>;
}

/** One proxied connection: the client's socket, the target's, and the bytes held while stalled. */
interface Link {
  client: Socket;
  upstream: Socket;
  heldToUpstream: Buffer[];
  heldToClient: Buffer[];
}

/** Starts a fault proxy on 127.0.0.1, on a port the OS picks. */
export function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const links = new Set<Link>();
  let stalled = false;
  let roundTrips = 0;
  /** Who sent last, over all links: a client chunk after a server chunk opens a round trip. */
  let lastSender: 'client' | 'server' = 'server';

  const forward = (to: Socket, held: Buffer[], chunk: Buffer): void => {
    if (stalled) held.push(chunk);
    else if (!to.destroyed) to.write(chunk);
  };
  const flush = (link: Link): void => {
    for (const chunk of link.heldToUpstream.splice(0)) if (!link.upstream.destroyed) link.upstream.write(chunk);
    for (const chunk of link.heldToClient.splice(0)) if (!link.client.destroyed) link.client.write(chunk);
  };
  const close = (link: Link, how: 'end' | 'reset' | 'destroy'): void => {
    link.heldToUpstream.length = 0;
    link.heldToClient.length = 0;
    for (const socket of [link.client, link.upstream]) {
      if (socket.destroyed) continue;
      if (how === 'end') socket.end(() => socket.destroy());
      // resetAndDestroy needs a connected socket; one still connecting is just destroyed.
      else if (how === 'reset' && !socket.connecting) socket.resetAndDestroy();
      else socket.destroy();
    }
    links.delete(link);
  };

  const server: Server = createServer((client) => {
    const upstream = connect({ host: options.targetHost, port: options.targetPort });
    const link: Link = { client, upstream, heldToUpstream: [], heldToClient: [] };
    links.add(link);
    client.on('data', (chunk: Buffer) => {
      if (lastSender === 'server') roundTrips++;
      lastSender = 'client';
      forward(upstream, link.heldToUpstream, chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      lastSender = 'server';
      forward(client, link.heldToClient, chunk);
    });
    // Either side ending or failing ends the pair, as a broken path would; errors are the point here.
    for (const socket of [client, upstream]) {
      socket.on('error', () => close(link, 'destroy'));
      socket.on('close', () => close(link, 'destroy'));
      socket.on('end', () => close(link, 'end'));
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address !== 'object') {
        reject(new Error('fault proxy got no port'));
        return;
      }
      resolve({
        port: address.port,
        get openConnections() {
          return links.size;
        },
        get roundTrips() {
          return roundTrips;
        },
        stall: () => {
          stalled = true;
        },
        resume: () => {
          stalled = false;
          for (const link of links) flush(link);
        },
        dropConnections: () => {
          for (const link of [...links]) close(link, 'end');
        },
        resetConnections: () => {
          for (const link of [...links]) close(link, 'reset');
        },
        stop: () =>
          new Promise<void>((done) => {
            for (const link of [...links]) close(link, 'destroy');
            server.close(() => done());
          }),
      });
    });
  });
}

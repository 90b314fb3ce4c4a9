import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * Watches a server's MONITOR stream from a connection of its own and returns the commands that
 * clients sent during an action. Lines whose source is `lua` (commands a script runs inside the
 * server) are left out: they are not round trips. A marker ECHO, sent from another connection
 * after the action, proves that every line of the action has arrived (the server is single
 * threaded, so it logs in order).
 */
export class CommandMonitor {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly monitorSocket: Socket,
    private readonly controlSocket: Socket
  ) {
    monitorSocket.setEncoding('utf8');
    monitorSocket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let end = this.buffer.indexOf('\r\n'); end !== -1; end = this.buffer.indexOf('\r\n')) {
        this.lines.push(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 2);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    controlSocket.on('data', () => undefined);
  }

  public static async open(port: number): Promise<CommandMonitor> {
    const [monitorSocket, controlSocket] = await Promise.all([open(port), open(port)]);
    const monitor = new CommandMonitor(monitorSocket, controlSocket);
    monitorSocket.write('MONITOR\r\n');
    await monitor.waitFor((line) => line === '+OK');
    return monitor;
  }

  /** The commands clients sent while `action` ran, lua-sourced lines and markers left out. */
  public async commandsDuring(action: () => Promise<unknown>): Promise<string[]> {
    const start = await this.mark();
    await action();
    const end = await this.mark();
    return this.lines
      .slice(start + 1, end)
      .filter((line) => !/ \[\d+ lua\] /.test(line))
      .filter((line) => !line.includes('idem-monitor-marker'));
  }

  public close(): void {
    this.monitorSocket.destroy();
    this.controlSocket.destroy();
  }

  /** Sends a marker and returns the index of its line once it has arrived. */
  private async mark(): Promise<number> {
    const marker = `idem-monitor-marker-${randomUUID()}`;
    this.controlSocket.write(`ECHO ${marker}\r\n`);
    return this.waitFor((line) => line.includes(marker));
  }

  private async waitFor(match: (line: string) => boolean): Promise<number> {
    for (;;) {
      const index = this.lines.findIndex(match);
      if (index !== -1) return index;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynaliteServer } from '@idem/test-servers';

/**
 * dynalite in a process of its own, as a real server would be: in the bench's process its
 * request handling would share the event loop and CPU time of the calls being measured.
 */
export function startDynaliteProcess(): Promise<DynaliteServer> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'dynaliteServer.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: dirname(script),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  // A bench that fails before stop() must not leave the server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code} before it was ready`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n')[0];
      if (output.includes('\n') && line) resolve({ endpoint: line.trim(), stop });
    });
  });
}

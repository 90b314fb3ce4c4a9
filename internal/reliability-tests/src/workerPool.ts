import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { CallOutcome } from './outcomes.js';
import type { Execution, HangTask, LoadTask, WorkerReply } from './worker/messages.js';

// Jest runs these sources as CommonJS, where __dirname is defined.
const repoRoot = join(__dirname, '..', '..', '..');
const workerScript = join(__dirname, 'worker', 'loadWorker.ts');
const readyTimeoutMs = 30_000;

/** A forked worker process running worker/loadWorker.ts under tsx. */
export class WorkerProcess {
  private constructor(private readonly child: ChildProcess) {}

  /** Forks a worker and waits until it has loaded and says it is ready. */
  public static async start(): Promise<WorkerProcess> {
    const child = fork(workerScript, [], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        // tsx maps @idem/* imports to the sources through this tsconfig's paths, as Jest does.
        TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.typecheck.json'),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker = new WorkerProcess(child);
    try {
      await worker.next('ready', readyTimeoutMs);
    } catch (error) {
      await worker.kill();
      throw error;
    }
    return worker;
  }

  public get pid(): number | undefined {
    return this.child.pid;
  }

  /** Runs a load task and returns every outcome and execution the worker saw. */
  public async load(task: LoadTask, timeoutMs = 60_000): Promise<{ outcomes: CallOutcome[]; executions: Execution[] }> {
    const done = this.next('loadDone', timeoutMs);
    this.child.send(task);
    const reply = await done;
    return { outcomes: reply.outcomes, executions: reply.executions };
  }

  /** Starts a call that hangs in its function; resolves once the function runs. */
  public async hang(task: HangTask, timeoutMs = 15_000): Promise<void> {
    const running = this.next('running', timeoutMs);
    this.child.send(task);
    await running;
  }

  /** SIGKILLs the worker and waits for it to exit. */
  public async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }

  private next<Type extends WorkerReply['type']>(type: Type, timeoutMs: number): Promise<Extract<WorkerReply, { type: Type }>> {
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.type === 'failed') {
          cleanup();
          reject(new Error(`worker ${this.child.pid} failed: ${reply.message}`));
        } else if (reply.type === type) {
          cleanup();
          resolve(reply as Extract<WorkerReply, { type: Type }>);
        }
      };
      const onExit = (code: number | null, signal: string | null): void => {
        cleanup();
        reject(new Error(`worker ${this.child.pid} exited (${code ?? signal}) while waiting for ${type}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`worker ${this.child.pid} sent no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
    });
  }
}

/** Starts `count` workers in parallel. */
export async function startWorkers(count: number): Promise<WorkerProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => WorkerProcess.start()));
  const workers = started.flatMap((entry) => (entry.status === 'fulfilled' ? [entry.value] : []));
  const failure = started.find((entry) => entry.status === 'rejected');
  if (failure) {
    await Promise.all(workers.map((worker) => worker.kill()));
    throw (failure as PromiseRejectedResult).reason;
  }
  return workers;
}

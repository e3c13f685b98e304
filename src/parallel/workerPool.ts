import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { firstLineOf } from '../errors.ts';

/** What a worker answers a task with: its result, or the first line of the error it threw. */
type Reply<Result> = { id: number; result: Result } | { id: number; error: string };

interface Pending<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

/**
 * The ES module API of tsx, which the project runs under: a worker registers it before importing its
 * TypeScript module (Node 20 applies loader hooks inherited from the parent to the modules a worker
 * imports, not to the worker's own entry file, so the entry is a line of JavaScript).
 */
function tsxApi(): string {
  let api: string;
  try {
    api = createRequire(import.meta.url).resolve('tsx/esm/api');
  } catch (error) {
    throw new Error(
      `worker threads run the TypeScript source through tsx, which cannot be found (${firstLineOf(error)}): build with jobs 1`,
    );
  }
  return pathToFileURL(api.replace(/\.cjs$/, '.mjs')).href;
}

/**
 * A fixed number of worker threads running one TypeScript module that answers tasks with `serveTasks`;
 * each task goes to the worker with the fewest tasks in hand. A worker that dies (out of memory, an
 * uncaught error) fails the tasks it held and is replaced, so one bad task never stops the others.
 */
export class WorkerPool<Task, Result> {
  private readonly workers: { worker: Worker; pending: Map<number, Pending<Result>> }[] = [];
  private nextId = 0;
  private closed = false;
  private readonly tsx: string;

  constructor(
    private readonly moduleUrl: URL,
    readonly size: number,
  ) {
    this.tsx = tsxApi();
    for (let i = 0; i < size; i += 1) this.workers.push(this.start());
  }

  /** Runs the task on a worker; rejects with the worker's error, or when the worker died holding it. */
  run(task: Task): Promise<Result> {
    const slot = this.workers.reduce((least, next) => (next.pending.size < least.pending.size ? next : least));
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, task });
    });
  }

  /** Stops every worker (a pool left open keeps the process alive); tasks still running are abandoned. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private start(): { worker: Worker; pending: Map<number, Pending<Result>> } {
    const code = `import(${JSON.stringify(this.tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(this.moduleUrl.href)}); });`;
    const worker = new Worker(code, { eval: true });
    const slot = { worker, pending: new Map<number, Pending<Result>>() };
    worker.on('message', (reply: Reply<Result>) => {
      const pending = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      if ('error' in reply) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply.result);
    });
    let dead = false;
    const fail = (error: Error) => {
      if (dead) return;
      dead = true;
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      if (this.closed) return;
      const index = this.workers.indexOf(slot);
      if (index >= 0) this.workers[index] = this.start();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker thread stopped (exit code ${code})`)));
    return slot;
  }
}

/** In a pool's worker: answers each task with `handle`, its error's first line when it throws. */
export function serveTasks<Task, Result>(handle: (task: Task) => Result | Promise<Result>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks runs in a worker thread');
  port.on('message', async ({ id, task }: { id: number; task: Task }) => {
    try {
      port.postMessage({ id, result: await handle(task) } satisfies Reply<Result>);
    } catch (error) {
      port.postMessage({ id, error: firstLineOf(error) } satisfies Reply<Result>);
    }
  });
}

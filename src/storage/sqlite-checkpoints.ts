/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * crosses its threshold, on the writer's thread, and with synchronous=NORMAL it fsyncs the WAL and
 * the database file there: about 40% of an insert's cost measured on this project's machines, and
 * on a busy disk a stall of every request queued behind it. Here a worker thread with its own
 * connection checkpoints instead, in PASSIVE mode, which never waits for (nor blocks) the writer.
 *
 * A PASSIVE checkpoint copies the frames present when it starts, and a write restarts the WAL from
 * its beginning only when it finds every frame copied; a writer that never pauses keeps adding
 * frames while the worker copies, so the WAL would grow without end. When the worker reports the
 * WAL past FALLBACK_FRAMES, the writer checkpoints once itself (only the last few frames are left
 * to copy), which lets its next write restart the WAL.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** SQLite's own automatic checkpoint threshold (pages). */
export const CHECKPOINT_FRAMES = 1000;
/** WAL length (frames) at which the writer steps in to let the WAL restart. */
export const FALLBACK_FRAMES = 4 * CHECKPOINT_FRAMES;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
} catch (e) {
  parentPort.postMessage({ failed: String(e) });
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    try { if (db) db.close(); } catch {}
    parentPort.close();
    return;
  }
  if (!db) return;
  try {
    const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
    parentPort.postMessage({ log: row.log });
  } catch (e) {
    parentPort.postMessage({ failed: String(e) });
  }
});
`;

interface WorkerReply {
  /** Frames in the WAL when the checkpoint started. */
  readonly log?: number;
  readonly failed?: string;
}

/** WAL frames an insert of `bytes` of value writes: the table leaf, its overflow pages, the index leaf. */
export function framesForInsert(bytes: number): number {
  return 2 + Math.ceil(bytes / 4096);
}

/** Decides when to checkpoint and where, from the writer's estimate of the frames it wrote. */
export class Checkpoints {
  private worker: Worker | undefined;
  private workerFailed = false;
  private written = 0;
  /** `written` when a checkpoint was last started. */
  private startedAt = 0;
  private inFlight = false;
  /** The worker saw the WAL past FALLBACK_FRAMES: the writer checkpoints before the next request. */
  private checkpointHereDue = false;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly path: string,
    /** A PASSIVE checkpoint on the writer's own connection. */
    private readonly checkpointHere: () => void,
  ) {}

  /** Called after each write transaction with the frames it is estimated to have written. */
  wrote(frames: number): void {
    this.written += frames;
    if (this.inFlight) return;
    if (this.checkpointHereDue) {
      this.checkpointHereDue = false;
      this.startedAt = this.written;
      this.checkpointHere();
      return;
    }
    if (this.written - this.startedAt >= CHECKPOINT_FRAMES) this.start();
  }

  /**
   * Runs `fn` on the writer's thread once no worker checkpoint is running: another checkpoint
   * (TRUNCATE after a compaction) cannot take SQLite's checkpoint lock meanwhile.
   */
  whenIdle(fn: () => void): Promise<void> {
    if (!this.inFlight) {
      fn();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.idleWaiters.push(() => {
        if (this.closed) {
          resolve();
          return;
        }
        try {
          fn();
          resolve();
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker?.postMessage('close');
    this.worker = undefined;
    this.idle();
  }

  private start(): void {
    this.startedAt = this.written;
    const worker = this.ensureWorker();
    if (!worker) {
      // No worker: checkpoint here at SQLite's usual threshold, as SQLite itself would.
      this.checkpointHere();
      return;
    }
    this.inFlight = true;
    // Referenced while a reply is due, so that a caller waiting in whenIdle() keeps the process alive.
    worker.ref();
    worker.postMessage('checkpoint');
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.workerFailed || this.closed) return this.worker;
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: this.path, driver } });
      worker.on('message', (reply: WorkerReply) => {
        this.onReply(reply);
      });
      worker.on('error', () => {
        this.onWorkerGone();
      });
      worker.on('exit', () => {
        this.onWorkerGone();
      });
      // After the listeners: adding a 'message' listener refs the worker again.
      worker.unref();
      this.worker = worker;
    } catch {
      this.workerFailed = true;
    }
    return this.worker;
  }

  private onReply(reply: WorkerReply): void {
    this.inFlight = false;
    this.worker?.unref();
    if (reply.failed !== undefined) {
      this.onWorkerGone();
      return;
    }
    if ((reply.log ?? 0) >= FALLBACK_FRAMES) this.checkpointHereDue = true;
    this.idle();
  }

  private idle(): void {
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }

  private onWorkerGone(): void {
    this.inFlight = false;
    this.idle();
    if (this.closed) return;
    this.workerFailed = true;
    const worker = this.worker;
    this.worker = undefined;
    worker?.postMessage('close');
  }
}

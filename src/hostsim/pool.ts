/** At most `limit` tasks at once; `run` waits for a free place, so a producer cannot run ahead. */
export class TaskPool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idle: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get running(): number {
    return this.active;
  }

  /** Starts `task` once a place is free (resolves then, not when the task ends). Task errors are the task's business. */
  async run(task: () => Promise<void>): Promise<void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    void task()
      .catch(() => undefined)
      .finally(() => {
        this.active--;
        this.waiting.shift()?.();
        if (this.active === 0) for (const done of this.idle.splice(0)) done();
      });
  }

  /** Resolves when no task runs. */
  async drain(): Promise<void> {
    if (this.active === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}

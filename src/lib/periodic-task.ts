/**
 * The timer of the server's periodic jobs (retention, rescore, dashboard roll-up, handoff clocks): a
 * first run after `firstMs`, then one `everyMs` after each run has ended, so runs never overlap; the
 * timer does not keep the process alive, and `stop()` waits for a run in progress. The task must not
 * throw (each job logs its own failure and tries again on the next run).
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly timing: { firstMs: number; everyMs: number },
  ) {}

  start(): void {
    if (this.timer) return;
    this.schedule(this.timing.firstMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.task().finally(() => {
        this.running = null;
        if (this.timer) this.schedule(this.timing.everyMs);
      });
    }, ms);
    this.timer.unref();
  }
}

/**
 * Lets a worker loop sleep until either something wakes it or a timeout passes.
 * Wakes that arrive while the loop is busy are remembered (one is enough), so none is lost.
 */
export class WakeSignal {
  private pending = false;
  private resolveWaiter: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  wake(): void {
    if (this.resolveWaiter) this.release();
    else this.pending = true;
  }

  /** Resolves on the next wake (or at once if one arrived since the last wait), or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    // One waiter at a time: a second wait releases the first (a spurious wake-up, which every loop
    // here tolerates) rather than leaving it asleep for ever.
    if (this.resolveWaiter) this.release();
    return new Promise((resolve) => {
      this.resolveWaiter = resolve;
      this.timer = setTimeout(() => this.release(), Math.max(0, timeoutMs));
      this.timer.unref();
    });
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const r = this.resolveWaiter;
    this.resolveWaiter = null;
    r?.();
  }
}

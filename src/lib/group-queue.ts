export interface GroupQueueOptions<T, R> {
  /** Groups written at once (SQLite has one writer: 1; PostgreSQL gains from a few). */
  maxConcurrent: number;
  /** Items per group. */
  maxGroup: number;
  /** Writes a group (one transaction); resolves with one result per item, in order. */
  write: (group: T[]) => Promise<R[]>;
  /**
   * When a group fails: each of its items is retried through this, alone, so one bad item fails by
   * itself. Without it, every item of the group gets the group's error.
   */
  retryAlone?: (item: T) => Promise<R>;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: items that arrive while the previous group is being written (or in the same turn
 * of the event loop) are written together, so one commit serves many callers; each caller's promise
 * settles only after its group's transaction. A lone item goes straight through (its group is itself).
 */
export class GroupQueue<T, R> {
  private pending: Pending<T, R>[] = [];
  private active = 0;
  private scheduled = false;

  constructor(private readonly o: GroupQueueOptions<T, R>) {}

  push(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.active >= this.o.maxConcurrent || this.pending.length === 0) return;
    this.scheduled = true;
    // setImmediate: the items that arrived in this turn of the event loop join the group.
    setImmediate(() => {
      this.scheduled = false;
      if (this.active >= this.o.maxConcurrent) return;
      const group = this.pending.splice(0, this.o.maxGroup);
      if (group.length === 0) return;
      this.active++;
      void this.write(group).finally(() => {
        this.active--;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async write(group: Pending<T, R>[]): Promise<void> {
    let groupError: unknown;
    try {
      const results = await this.o.write(group.map((p) => p.item));
      group.forEach((p, i) => p.resolve(results[i]!));
      return;
    } catch (err) {
      groupError = err;
    }
    const retryAlone = this.o.retryAlone;
    if (!retryAlone || group.length === 1) {
      for (const p of group) p.reject(groupError);
      return;
    }
    for (const p of group) {
      try {
        p.resolve(await retryAlone(p.item));
      } catch (err) {
        p.reject(err);
      }
    }
  }
}

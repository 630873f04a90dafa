/** The one logger call an aggregate log makes (pino's `warn` fits). */
export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Refused requests logged in aggregate: the first one at once, then at most one line per interval
 * with the counts since the last line, so a client cannot write a log line per request. Counts
 * that arrive after a line are written by a timer at the end of the interval, so a burst is never
 * reported as its first request only. Clients are counted (up to 1,000 distinct ones), never named.
 */
export class AggregateLog {
  private since = 0;
  private lastLineAt = Number.NEGATIVE_INFINITY;
  private counts: Record<string, number> = {};
  private readonly clients = new Set<string>();
  private readonly routes = new Map<string, number>();
  private pending: { log: WarnLogger; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly message: string,
    private readonly now: () => number,
    private readonly intervalMs = 60_000,
  ) {}

  /** One refused request: `kind` is what happened (e.g. `rejected`), `client` an address key. */
  record(log: WarnLogger, kind: string, client: string, route: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    if (this.clients.size < 1_000) this.clients.add(client);
    if (this.routes.size < 20 || this.routes.has(route)) this.routes.set(route, (this.routes.get(route) ?? 0) + 1);
    const now = this.now();
    const wait = this.lastLineAt + this.intervalMs - now;
    if (wait <= 0) this.flush(log, now);
    else if (!this.pending) {
      const timer = setTimeout(() => this.flush(log, this.now()), wait);
      timer.unref();
      this.pending = { log, timer };
    }
  }

  /** Writes what is still counted (on shutdown) and stops the timer. */
  close(): void {
    if (!this.pending) return;
    clearTimeout(this.pending.timer);
    this.flush(this.pending.log, this.now());
  }

  private flush(log: WarnLogger, now: number): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
    if (Object.keys(this.counts).length === 0) return;
    log.warn(
      {
        ...this.counts,
        clients: this.clients.size,
        routes: Object.fromEntries(this.routes),
        sinceMs: Number.isFinite(this.lastLineAt) ? now - this.since : 0,
      },
      this.message,
    );
    this.lastLineAt = now;
    this.since = now;
    this.counts = {};
    this.clients.clear();
    this.routes.clear();
  }
}

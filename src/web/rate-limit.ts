// A sliding-window counter of failed logins, in memory (one server process serves one database).

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const list = this.recent(key, now);
    if (list.length < this.max) return 0;
    return this.windowMs - (now - list[list.length - this.max]!);
  }

  hit(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.hits.set(key, list);
    // keep memory bounded when someone sprays names
    if (this.hits.size > 10_000) {
      for (const k of this.hits.keys()) {
        this.recent(k, now);
        if (this.hits.size <= 5_000) break;
      }
    }
  }

  reset(key: string): void {
    this.hits.delete(key);
  }
}

// The middle of a page (what the layout frames) as encoded bytes, kept while the data it shows is unchanged.
// A queue or item page for the same URL, language and viewer is the same until a sync or a decision (the data
// version, read once per request): rendering it again cost more than the rest of the request together
// (≈ 2 of ≈ 3.3 ms for a queue page: the rows' SQL, templating, encoding 60–80 KB). The frame around it carries
// what differs per session (CSRF token, account) and is rendered every time.

export interface CachedBody {
  /** the page title, which may come from the data (an item's name) */
  title: string;
  body: Buffer;
}

/** Least recently used entries are dropped once the bodies exceed `maxBytes`. */
export class BodyCache {
  readonly #entries = new Map<string, { version: string; value: CachedBody }>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  /** The body kept for `key` if it was rendered from data at `version`. */
  get(key: string, version: string): CachedBody | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version) {
      this.#bytes -= entry.value.body.length;
      return undefined;
    }
    // re-inserted: Map order is the recency order
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: CachedBody): void {
    if (value.body.length > this.maxBytes) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#bytes -= old.value.body.length;
    }
    this.#entries.set(key, { version, value });
    this.#bytes += value.body.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.value.body.length;
    }
  }
}

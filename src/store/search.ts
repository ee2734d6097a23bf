// Item search over items_fts (FTS5, trigram tokenizer: works for Chinese without a word segmenter).
// Trigram matching needs at least 3 characters; shorter terms (常见: 2-character words like 社保, 户籍) are
// matched with LIKE over the rows the other terms and the region leave, so every query length works.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';

/** Marks around matched text in `snippet`: escape the snippet for HTML first, then replace these. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface SearchOptions {
  /** only regions whose code starts with this (e.g. `4201` for 武汉市 and its districts) */
  regionPrefix?: string;
  /** only this region and the regions below it (by the regions table's lineage) */
  under?: string;
  /** default 20, at most 200 */
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  region: string;
  regionName: string | null;
  catalogCode: string;
  name: string;
  /** the best matching text with MARK_START / MARK_END around matches */
  snippet: string;
}

export async function searchItems(db: Db, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const terms = query
    .split(/[\s\u3000]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (terms.length === 0) return [];
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 20)), 200);
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);

  const where: SQL[] = [];
  if (long.length > 0) where.push(sql`items_fts MATCH ${long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ')}`);
  if (options.regionPrefix) where.push(sql`f.region LIKE ${escapeLike(options.regionPrefix) + '%'} ESCAPE '\\'`);
  if (options.under) {
    where.push(sql`f.region IN (SELECT code FROM regions WHERE lineage = (SELECT lineage FROM regions WHERE code = ${options.under})
      OR lineage LIKE (SELECT lineage FROM regions WHERE code = ${options.under}) || '/%')`);
  }
  for (const term of short) {
    const pattern = '%' + escapeLike(term) + '%';
    where.push(sql`(f.name LIKE ${pattern} ESCAPE '\\' OR f.conditions LIKE ${pattern} ESCAPE '\\' OR f.materials LIKE ${pattern} ESCAPE '\\')`);
  }
  const snippet =
    long.length > 0
      ? sql`snippet(items_fts, -1, ${MARK_START}, ${MARK_END}, '…', 24)`
      : sql`f.name`;
  const order = long.length > 0 ? sql`bm25(items_fts, 0, 0, 10, 2, 1)` : sql`(f.name LIKE ${'%' + escapeLike(short[0]!) + '%'} ESCAPE '\\') DESC, length(f.name)`;
  const rows = await db.all<{ region: string; region_name: string | null; catalog_code: string; name: string; snippet: string }>(sql`
    SELECT f.region, r.name AS region_name, f.catalog_code, f.name, ${snippet} AS snippet
    FROM items_fts f LEFT JOIN regions r ON r.code = f.region
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${order}, f.region, f.catalog_code
    LIMIT ${limit} OFFSET ${offset}`);
  return rows.map((row) => ({
    region: row.region,
    regionName: row.region_name,
    catalogCode: row.catalog_code,
    name: row.name,
    snippet: long.length > 0 ? markShort(row.snippet, short) : mark(row.snippet, short),
  }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Mark every occurrence of the terms in plain text. */
function mark(text: string, terms: readonly string[]): string {
  if (terms.length === 0) return text;
  const pattern = new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  return text.replace(pattern, (m) => MARK_START + m + MARK_END);
}

/** Mark short terms in a snippet that already marks the long ones (outside existing marks). */
function markShort(snippet: string, short: readonly string[]): string {
  if (short.length === 0) return snippet;
  const parts = snippet.split(new RegExp(`(${MARK_START}[^${MARK_END}]*${MARK_END})`));
  return parts.map((part) => (part.startsWith(MARK_START) ? part : mark(part, short))).join('');
}

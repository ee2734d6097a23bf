// Finding items by name or code, for the queue's and the coverage page's search box. Names go through
// items_fts (FTS5, trigram tokenizer: works for Chinese without a word segmenter); trigram matching needs at
// least 3 characters, so shorter terms (常见: 2-character words like 社保, 户籍) are matched with LIKE.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { likeEscape, str, type Row } from '../rows.js';

/**
 * Catalog codes whose item name matches `q` (names are the same at every level, 四级四同, so one match
 * stands for the item everywhere), or whose code starts with `q` when it is all digits. Terms separated by
 * spaces must all match.
 */
export async function matchingCodes(db: Db, q: string): Promise<string[]> {
  const trimmed = q.trim();
  let query: SQL;
  if (/^\d{1,12}$/.test(trimmed)) {
    query = sql`SELECT DISTINCT catalog_code FROM items WHERE catalog_code LIKE ${likeEscape(trimmed) + '%'} ESCAPE '\\'`;
  } else {
    const terms = trimmed.split(/[\s\u3000]+/).filter((t) => t !== '');
    const long = terms.filter((t) => [...t].length >= 3);
    const short = terms.filter((t) => [...t].length < 3);
    const where: SQL[] = [];
    if (long.length > 0) where.push(sql`items_fts MATCH ${long.map((t) => `name : "${t.replace(/"/g, '""')}"`).join(' AND ')}`);
    for (const term of short) where.push(sql`name LIKE ${'%' + likeEscape(term) + '%'} ESCAPE '\\'`);
    if (where.length === 0) return [];
    query = sql`SELECT DISTINCT catalog_code FROM items_fts WHERE ${sql.join(where, sql` AND `)}`;
  }
  return (await db.all<Row>(query)).map((r) => str(r.catalog_code)).sort();
}

// Finding items: by name or code for the queue's and the coverage page's filter (matchingCodes), and by name and
// 受理条件 for the search page (searchItems). Both go through items_fts (FTS5, trigram tokenizer: Chinese
// substrings without a word segmenter), which the sync keeps with each item's name and conditions; trigram
// matching needs at least 3 characters, so shorter terms (常见: 2-character words like 社保, 户籍) are matched
// with LIKE.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';
import { likeEscape, num, str, subtreeSql, type RegionRow, type Row } from '../rows.js';
import { noMemo, type Memo } from './regions.js';

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
    const where = termsWhere(searchTerms(trimmed), ['name']);
    if (where.length === 0) return [];
    query = sql`SELECT DISTINCT catalog_code FROM items_fts WHERE ${sql.join(where, sql` AND `)}`;
  }
  return (await db.all<Row>(query)).map((r) => str(r.catalog_code)).sort();
}

/** The terms of a query: separated by spaces (ASCII or 全角); every one must match. */
export function searchTerms(q: string): string[] {
  return q.trim().split(/[\s\u3000]+/).filter((t) => t !== '');
}

type SearchColumn = 'name' | 'conditions';

/** items_fts conditions: each term in one of `columns` (MATCH for 3 characters or more, else LIKE). */
function termsWhere(terms: readonly string[], columns: readonly SearchColumn[]): SQL[] {
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  const where: SQL[] = [];
  const scope = columns.length === 1 ? columns[0]! : `{${columns.join(' ')}}`;
  if (long.length > 0) where.push(sql`items_fts MATCH ${long.map((t) => `${scope} : "${t.replace(/"/g, '""')}"`).join(' AND ')}`);
  for (const term of short) {
    const pattern = '%' + likeEscape(term) + '%';
    where.push(sql`(${sql.join(columns.map((c) => sql`${sql.identifier(c)} LIKE ${pattern} ESCAPE '\\'`), sql` OR `)})`);
  }
  return where;
}

/** One item the search found: the region shown for it (the topmost that matched) and where the terms are. */
export interface SearchHit {
  catalogCode: string;
  region: string;
  name: string;
  type: string | null;
  conditions: string;
  /** the regions whose item of this code matched */
  regions: number;
  /** every term is in the shown item's name (such items come first) */
  inName: boolean;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

// the matching codes of one query, kept per sync: paging through the results costs no second search
interface Group {
  catalogCode: string;
  id: number;
  region: string;
  regions: number;
  inName: boolean;
}

/**
 * Items whose name or 受理条件 holds every term of `q`, within the subtree of `root` when given: one hit per
 * catalogCode (names are the same at every level, conditions mostly copied down), shown as the topmost region
 * that matched holds it, items matching by name first, then by code.
 */
export async function searchItems(db: Db, f: { q: string; root?: RegionRow; page: number; per: number }, memo: Memo = noMemo): Promise<SearchResult> {
  const terms = searchTerms(f.q);
  if (terms.length === 0) return { total: 0, hits: [] };
  const groups = await memo(`search:${f.root?.code ?? ''}:${terms.join(' ')}`, async () => {
    const subtree = f.root?.parent ? [subtreeSql(sql`region`, f.root.lineage)] : [];
    let query: SQL;
    if (terms.length === 1 && /^\d{1,12}$/.test(terms[0]!)) {
      // a code, or its beginning: a range of the items' code index (digits sort below ':')
      query = sql`SELECT catalog_code, min(region) AS region, id, count(*) AS regions, 0 AS in_name FROM items
        WHERE catalog_code >= ${terms[0]} AND catalog_code < ${terms[0] + ':'} AND removed_at IS NULL AND id IS NOT NULL
        ${subtree.length > 0 ? sql`AND ${subtree[0]}` : sql``} GROUP BY catalog_code`;
    } else {
      // the name test reads only the names of matched rows (short). The bare rowid is the min(region) row's only
      // while min() is the query's one min/max aggregate (SQLite takes bare columns from the row of the last one
      // it sees), so whether any name matched is a sum, not a max.
      const inName = sql.join(terms.map((t) => sql`instr(lower(name), ${t.toLowerCase()}) > 0`), sql` AND `);
      query = sql`SELECT catalog_code, min(region) AS region, rowid AS id, count(*) AS regions, sum(${inName}) > 0 AS in_name
        FROM items_fts WHERE ${sql.join([...termsWhere(terms, ['name', 'conditions']), ...subtree], sql` AND `)} GROUP BY catalog_code`;
    }
    const rows = await db.all<Row>(query);
    return rows
      .map((r): Group => ({ catalogCode: str(r.catalog_code), id: num(r.id), region: str(r.region), regions: num(r.regions), inName: num(r.in_name) === 1 }))
      .sort((a, b) => Number(b.inName) - Number(a.inName) || (a.catalogCode < b.catalogCode ? -1 : a.catalogCode > b.catalogCode ? 1 : 0));
  }, 'sync');
  const page = groups.slice((f.page - 1) * f.per, f.page * f.per);
  if (page.length === 0) return { total: groups.length, hits: [] };
  const texts = new Map<number, Row>();
  for (const r of await db.all<Row>(sql`SELECT f.rowid AS id, f.name, f.conditions, i.type FROM items_fts f LEFT JOIN items i ON i.id = f.rowid
      WHERE f.rowid IN (${sql.join(page.map((g) => sql`${g.id}`), sql`, `)})`)) {
    texts.set(num(r.id), r);
  }
  return {
    total: groups.length,
    hits: page.map((g) => {
      const text = texts.get(g.id);
      return {
        catalogCode: g.catalogCode, region: g.region, name: str(text?.name), type: text?.type == null ? null : str(text.type),
        conditions: str(text?.conditions), regions: g.regions, inName: g.inName,
      };
    }),
  };
}

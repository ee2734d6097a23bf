import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: './src/store/schema.ts',
  out: './migrations',
  dbCredentials: {
    url: process.env.TONGBIAO_DB ?? 'file:data/tongbiao.db',
    authToken: process.env.TONGBIAO_DB_TOKEN,
  },
  // items_fts is an FTS5 table created by a custom migration; drizzle-kit must not try to drop it.
  tablesFilter: ['!items_fts*'],
});

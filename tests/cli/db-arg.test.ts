// `--db` as people type it: a plain path is a file database like `file:PATH`; anything else that cannot be a
// database is one line on stderr and exit 2, never an internal error with a stack trace.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeGitCatalog, smallCatalog, type TempGitCatalog } from '../helpers/git-repo.js';

let repo: TempGitCatalog;
beforeAll(() => {
  repo = makeGitCatalog({ files: smallCatalog(1), commit: 'init' });
});
afterAll(() => repo.cleanup());

const sync = (db: string, env: NodeJS.ProcessEnv = {}) => runCli(['sync', '--catalog', repo.catalog, '--db', db, '--format', 'json'], { cwd: repo.top, env: { TONGBIAO_DB: '', ...env } });

describe('--db', () => {
  it('takes a plain relative path as a file database below the current folder, as file:PATH', () => {
    const plain = sync('data/x.db');
    expect(plain.stderr).toBe('');
    expect(plain.code).toBe(0);
    expect(existsSync(join(repo.top, 'data', 'x.db'))).toBe(true);
    // the same database again: nothing new to sync, so it was found and read
    const again = sync('file:data/x.db');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'noop' });
    const users = runCli(['user', 'list', '--db', 'data/x.db', '--format', 'json'], { cwd: repo.top, env: { TONGBIAO_DB: '' } });
    expect(users).toMatchObject({ code: 0, stdout: '{"users":[]}\n' });
  });

  it('takes a plain absolute path, and TONGBIAO_DB as a plain path too', () => {
    const abs = join(repo.top, 'abs', 'y.db');
    expect(sync(abs).code).toBe(0);
    expect(existsSync(abs)).toBe(true);
    const env = runCli(['sync', '--catalog', repo.catalog, '--format', 'json'], { cwd: repo.top, env: { TONGBIAO_DB: 'data/env.db' } });
    expect(env.code).toBe(0);
    expect(existsSync(join(repo.top, 'data', 'env.db'))).toBe(true);
  });

  it('makes every bad value a one-line error with exit 2', () => {
    mkdirSync(join(repo.top, 'a-folder', 'x.db'), { recursive: true });
    writeFileSync(join(repo.top, 'a-file'), 'x');
    const bad: Array<[string, RegExp]> = [
      ['', /--db is empty/],
      ['postgres://db.example/x', /postgres:\/\/db\.example\/x: not a database/],
      ['file:', /no file path after file:/],
      ['http://', /cannot open database http:\/\//],
      ['ws://[::1', /cannot open database ws:\/\/\[::1/],
      ['a-folder/x.db', /cannot open database file:.*a-folder\/x\.db/], // a directory
      ['a-file/x.db', /cannot open database file:.*a-file\/x\.db/], // below a file
    ];
    for (const [db, message] of bad) {
      const run = sync(db);
      expect(run.code, db).toBe(2);
      expect(run.stdout, db).toBe('');
      expect(run.stderr, db).toMatch(/^tongbiao: [^\n]+\n$/);
      expect(run.stderr, db).toMatch(message);
      expect(run.stderr, db).not.toMatch(/internal error|\n\s+at /);
    }
    const viaEnv = runCli(['user', 'list'], { cwd: repo.top, env: { TONGBIAO_DB: 'mysql://x' } });
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stderr).toMatch(/^tongbiao: mysql:\/\/x: not a database[^\n]*\n$/);
  });
});

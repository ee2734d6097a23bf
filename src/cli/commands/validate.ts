import { exitSeverity } from '../../catalog/decisions.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { changedFiles } from '../../catalog/git.js';
import { loadCatalog } from '../../catalog/load.js';
import { moveV1Decisions } from '../../check/v1-decisions.js';
import { fsSource, worktreeSource } from '../../catalog/source-fs.js';
import type { CatalogSource, Finding, Lang, Severity } from '../../catalog/types.js';
import { cacheFileFor, ResultCache } from '../../check/cache.js';
import { checkCatalog, resultVersion } from '../../check/check.js';
import { affectedFiles } from '../../check/scope.js';
import { EXIT_FINDINGS, EXIT_OK, TongbiaoError } from '../../errors.js';
import { render, summarize } from '../../report/index.js';
import { reaches } from '../../report/types.js';
import { RULES } from '../../rules/registry.js';
import { catalogRelative, catalogRootOf, repositoryRoot, resolveCatalogRoot } from '../catalog-arg.js';
import { codeFrame } from '../code-frame.js';
import { defineCommand, oneOf, type Io } from '../command.js';
import { parseOutputs, writeOutput } from '../outputs.js';
import { statusLine } from '../progress.js';
import { HOMEPAGE, RULE_DOCS_URL, VERSION } from '../version.js';
import { colorEnabled } from '../../report/style.js';

const SEVERITIES = ['error', 'warning', 'info'] as const;

export const validate = defineCommand({
  name: 'validate',
  help: `Usage: tongbiao validate [PATH…] [options]

Checks item files, region.yaml files and the region tree against the element schema and every
rule of the catalog format (file, region and cross-level rules). Each PATH is a catalog root, or a
file or folder inside one; only those files are reported, with their cross-level context read as
needed. Without PATH, the whole catalog (--catalog, the current folder, or ./catalog-yaml).

Options:
  --catalog DIR          the catalog root
  --changed-since REV    check only files changed since a git revision (committed, staged, unstaged
                         and untracked), plus everything whose result they can change
  --format FORMAT        text (default), json, github, sarif, junit; repeat it for several reports
                         from one run, each but one written to a file: --format FORMAT=FILE
                         (e.g. --format text --format sarif=tongbiao.sarif --format junit=junit.xml)
  -o, --output-file FILE write the report (of the one --format without =FILE) to FILE, not stdout
  --stdin-filename PATH  check the file read from standard input as if it were PATH (for editors:
                         PATH need not exist; its catalog and cross-level context are read from disk)
  --fail-on SEVERITY     exit 1 when a finding reaches it: error (default), warning, info
  --lang LANG            message language: zh (default), en
  --no-cache             ignore and keep no result cache (default: results of unchanged files are
                         reused, from TONGBIAO_CACHE or ~/.cache/tongbiao; TONGBIAO_CACHE=off disables)
  -h, --help             show this help

Exit status: 0 no finding reaches --fail-on, 1 one does, 2 could not run.`,
  options: {
    catalog: { type: 'string' },
    'changed-since': { type: 'string' },
    format: { type: 'string', multiple: true },
    'output-file': { type: 'string', short: 'o' },
    'stdin-filename': { type: 'string' },
    'fail-on': { type: 'string' },
    lang: { type: 'string' },
    'no-cache': { type: 'boolean' },
  },
  async run(values, positionals, io) {
    const outputs = parseOutputs(values.format, values['output-file'], io.cwd);
    const failOn: Severity = oneOf('fail-on', values['fail-on'], SEVERITIES, 'error');
    const lang: Lang = oneOf('lang', values.lang, ['zh', 'en'] as const, 'zh');

    const stdinName = values['stdin-filename'];
    if (stdinName !== undefined && positionals.length > 0) throw new TongbiaoError('give PATHs or --stdin-filename, not both');
    const roots = stdinName !== undefined ? [catalogRootOf(existingAncestor(resolve(io.cwd, stdinName)), io.cwd)] : positionals.map((p) => catalogRootOf(p, io.cwd));
    const root = values.catalog !== undefined || roots.length === 0 ? resolveCatalogRoot(values.catalog, io.cwd) : roots[0]!;
    if (roots.some((r) => r !== root)) throw new TongbiaoError('all paths must be inside one catalog');
    const stdin = stdinName === undefined ? undefined : { path: catalogRelative(root, resolve(io.cwd, stdinName)), bytes: await readAll(io.stdin) };

    const since = values['changed-since'];
    // git compares the working tree in its own processes while the folder is walked.
    const changes = since === undefined ? undefined : changedFiles(root, since);
    changes?.catch(() => {}); // its error is reported where it is awaited, after the catalog's own
    const prefixes = positionals.map((p) => catalogRelative(root, resolve(io.cwd, p)));
    const narrowed = prefixes.length > 0 && !prefixes.includes('');
    // A run over part of the catalog seldom reaches the cache: git's index (0.5 s on a province) would not pay.
    const source = stdin ? withFile(fsSource(root), stdin.path, stdin.bytes) : narrowed || since !== undefined ? fsSource(root) : await worktreeSource(root);
    const catalog = await loadCatalog(source);
    await moveV1Decisions(catalog);
    let only = stdin ? new Set([stdin.path]) : narrowed ? new Set(catalogPaths(catalog.source.entries.map((e) => e.path), prefixes)) : undefined;
    if (changes !== undefined) {
      const affected = affectedFiles(catalog, await changes);
      only = affected && only ? new Set([...affected].filter((p) => only!.has(p))) : (affected ?? only);
    }

    const cache = new ResultCache(values['no-cache'] || stdin ? undefined : cacheFileFor(root, io.env), resultVersion(catalog));
    const progress = progressLine(io, lang);
    const { findings, files, checked } = await checkCatalog(catalog, { only, cache, onProgress: progress.update });
    progress.done();
    cache.save({ prune: only === undefined });
    if (since !== undefined && outputs.some((o) => o.format === 'text' && o.file === undefined)) {
      io.stderr.write(lang === 'zh'
        ? `自 ${since} 以来的变更影响 ${files} 个文件，已检查。\n`
        : `${files} files affected by changes since ${since} checked.\n`);
    }

    const displayPath = (file: string) => relative(io.cwd, join(root, file)).split(sep).join('/');
    const repoRoot = repositoryRoot(root);
    const texts = new Map<string, string>(stdin ? [[stdin.path, new TextDecoder().decode(stdin.bytes)]] : []);
    const frame = (color: boolean) => (f: Finding) => {
      if (f.path === '' && f.line === 1 && f.column === 1) return undefined;
      let text = texts.get(f.file);
      if (text === undefined) texts.set(f.file, (text = readFileSync(join(root, f.file), 'utf8')));
      return codeFrame(text, f.line, f.column, { color });
    };
    for (const output of outputs) {
      // Colour and source frames only for text on a terminal; never in a file.
      const terminal = output.format === 'text' && output.file === undefined && io.stdout.isTTY === true;
      const color = output.format === 'text' && output.file === undefined && colorEnabled(io.stdout, io.env);
      const text = render(output.format, findings, {
        lang,
        displayPath,
        summary: summarize(findings, files),
        color,
        codeFrame: terminal ? frame(color) : undefined,
        toolVersion: VERSION,
        informationUri: HOMEPAGE,
        rules: RULES,
        docsUrl: RULE_DOCS_URL,
        repoRoot,
        repoPath: (file) => relative(repoRoot, join(root, file)).split(sep).join('/'),
        files: checked,
        failOn,
      });
      writeOutput(output, text, io.stdout);
    }
    return findings.some((f) => reaches(exitSeverity(f), failOn)) ? EXIT_FINDINGS : EXIT_OK;
  },
});

/** A progress line on a terminal (never in CI or when piped): parsing is what takes time. */
function progressLine(io: Io, lang: Lang) {
  const line = statusLine(io);
  const started = performance.now();
  return {
    update(done: number, total: number) {
      if (!line.enabled) return;
      const rate = Math.round(done / ((performance.now() - started) / 1000));
      line.show(lang === 'zh' ? `检查中 ${done}/${total} 个事项文件（${rate} 个/秒）` : `checking ${done}/${total} item files (${rate}/s)`, done >= total);
    },
    done: line.clear,
  };
}

/** The path itself when it exists, else its nearest existing ancestor (an editor's new file is not on disk yet). */
function existingAncestor(path: string): string {
  while (!existsSync(path) && dirname(path) !== path) path = dirname(path);
  return path;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** A source whose file `path` has `bytes` (from standard input) instead of what is on disk, if anything is. */
function withFile(source: CatalogSource, path: string, bytes: Uint8Array): CatalogSource {
  const entries = source.entries.filter((e) => e.path !== path);
  entries.push({ path, type: 'file' });
  return {
    root: source.root,
    entries,
    async read(paths) {
      const out = await source.read(paths.filter((p) => p !== path));
      if (paths.includes(path)) out.set(path, bytes);
      return out;
    },
  };
}

/** Catalog paths at or below any of the prefixes. */
function catalogPaths(paths: string[], prefixes: string[]): string[] {
  return paths.filter((path) => prefixes.some((prefix) => path === prefix || path.startsWith(prefix + '/')));
}

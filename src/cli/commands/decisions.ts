// `tongbiao decisions export`: the review database's decisions into each region's decisions.yaml in the working
// tree (spec §6), for an officer to commit, so that CI and every clone see what reviewers accepted.
// `--check` writes nothing and fails when the database holds a decision that git does not.
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DECISIONS_FILE, decisionsYaml, mergeDecisions, sameDecision, type Decision, type Verdict } from '../../catalog/decisions.js';
import { loadCatalog } from '../../catalog/load.js';
import { moveV1Decisions } from '../../check/v1-decisions.js';
import { fsSource } from '../../catalog/source-fs.js';
import { EXIT_FINDINGS, EXIT_OK, TongbiaoError } from '../../errors.js';
import { openStore, resolveDbUrl } from '../../store/db.js';
import { asVerdict, latestVerdicts, type StoredVerdict } from '../../store/decisions.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand, oneOf } from '../command.js';

export const decisions = defineCommand({
  name: 'decisions',
  help: `Usage: tongbiao decisions export [options]

Writes the review UI's decisions (accepted, fix-requested) from the database into each region's
decisions.yaml in the working tree: sorted by key, one entry per key, comments of an existing file
kept. A decision taken back in the UI (reopened) is removed; entries of the file that the database
does not know stay, and a file entry newer than the database's verdict wins. Commit the files, and
'tongbiao validate' (CI) treats the accepted findings as accepted.

Options:
  --catalog DIR    the catalog root (else the current folder when it holds tongbiao.yaml, or ./catalog-yaml)
  --db URL         database: file:PATH or a plain path, libsql://, http://, ws:// (default: $TONGBIAO_DB,
                   else file:data/tongbiao.db); token from $TONGBIAO_DB_TOKEN
  --region CODE    only this region
  --check          write nothing; exit 1 when the database holds a decision the files do not
  --format FORMAT  text (default) or json
  -h, --help       show this help

Exit status: 0 written (or, with --check, nothing missing), 1 --check found decisions not in git,
2 could not run.`,
  options: {
    catalog: { type: 'string' },
    db: { type: 'string' },
    region: { type: 'string' },
    check: { type: 'boolean' },
    format: { type: 'string' },
  },
  async run(values, positionals, io) {
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    const [sub, ...rest] = positionals;
    if (sub !== 'export' || rest.length > 0) throw new TongbiaoError(`unknown decisions command '${positionals.join(' ')}'. See 'tongbiao decisions --help'.`);
    const root = resolveCatalogRoot(values.catalog, io.cwd);
    const catalog = await loadCatalog(fsSource(root));
    await moveV1Decisions(catalog);
    if (values.region !== undefined && !catalog.regions.has(values.region)) throw new TongbiaoError(`no region ${values.region} in the catalog (${root})`);

    const store = await openStore(resolveDbUrl(values.db, io.env, io.cwd), io.env.TONGBIAO_DB_TOKEN || undefined);
    let verdicts: StoredVerdict[];
    try {
      verdicts = await latestVerdicts(store.db, values.region);
    } finally {
      store.close();
    }
    const byRegion = new Map<string, Verdict[]>();
    for (const stored of verdicts) byRegion.set(stored.region, [...(byRegion.get(stored.region) ?? []), asVerdict(stored)]);

    const report: RegionReport[] = [];
    for (const [code, regionVerdicts] of [...byRegion].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const region = catalog.regions.get(code);
      if (!region) throw new TongbiaoError(`the database has decisions of region ${code}, which the catalog (${root}) does not have`);
      const file = `${region.dir}/${DECISIONS_FILE}`;
      const path = join(root, file);
      if (existsSync(path) && !lstatSync(path).isFile()) throw new TongbiaoError(`${file}: not a regular file (links are never written through)`);
      const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      const inGit = catalog.decisionsOf.get(code) ?? new Map<string, Decision>();
      const merged = mergeDecisions(inGit, regionVerdicts);
      const notInGit = regionVerdicts.filter((v): v is Decision => v.decision !== 'reopened' && !sameDecision(inGit.get(v.key), v)).length;
      const mergedKeys = new Set(merged.map((d) => d.key));
      const entry: RegionReport = {
        region: code,
        file: relative(io.cwd, path).split(sep).join('/'),
        notInGit,
        added: merged.filter((d) => !inGit.has(d.key)).length,
        changed: merged.filter((d) => inGit.has(d.key) && !sameDecision(inGit.get(d.key), d)).length,
        removed: [...inGit.keys()].filter((k) => !mergedKeys.has(k)).length,
      };
      report.push(entry);
      if (values.check !== true && entry.added + entry.changed + entry.removed > 0) writeFileSync(path, decisionsYaml(merged, existing));
    }

    const missing = report.reduce((n, r) => n + r.notInGit, 0);
    if (format === 'json') {
      io.stdout.write(JSON.stringify({ check: values.check === true, notInGit: missing, regions: report }, null, 2) + '\n');
    } else {
      for (const r of report) {
        if (r.added + r.changed + r.removed === 0) continue;
        const verb = values.check === true ? 'would change' : 'wrote';
        io.stdout.write(`${r.file}: ${verb} +${r.added} ~${r.changed} -${r.removed}\n`);
      }
      io.stdout.write(
        values.check === true
          ? missing > 0 ? `${missing} decision${missing === 1 ? '' : 's'} in the database not yet in git: run 'tongbiao decisions export' and commit\n` : 'every decision in the database is in git\n'
          : `${report.length} region${report.length === 1 ? '' : 's'} with decisions; ${missing} decision${missing === 1 ? '' : 's'} brought into git\n`,
      );
    }
    return values.check === true && missing > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
});

interface RegionReport {
  region: string;
  /** the file, relative to the current folder */
  file: string;
  /** database decisions the file does not hold as they are */
  notInGit: number;
  added: number;
  changed: number;
  removed: number;
}

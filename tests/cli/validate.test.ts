import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { BIN, runCli, validateJson } from '../helpers/cli.js';
import { DEMO_ACCEPTED_ERRORS, DEMO_RULES_NOT_SHOWN, DEMO_SUMMARY } from '../helpers/demo.js';
import { catalogCodeFor, itemPath, itemYaml, makeGitCatalog, smallCatalog, SMALL_REGIONS, TONGBIAO_YAML, type TempGitCatalog } from '../helpers/git-repo.js';

const [province, city, county] = SMALL_REGIONS as [typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0], typeof SMALL_REGIONS[0]];
const code = catalogCodeFor(1);

let repo: TempGitCatalog | undefined;
afterEach(() => repo?.cleanup());

function catalog(files: Record<string, string> = {}): TempGitCatalog {
  repo = makeGitCatalog({ files: { ...smallCatalog(3), ...files } });
  return repo;
}

describe('tongbiao validate on the demo catalog', () => {
  it('exits 0: its errors are cross-level ones its regions accepted in their decisions.yaml', () => {
    const { code: exit, output } = validateJson(['catalog-yaml'], { cwd: join(import.meta.dirname, '..', '..') });
    expect(output.summary).toEqual(DEMO_SUMMARY);
    // and the README says the same
    const totals = `${DEMO_SUMMARY.files} files, ${DEMO_SUMMARY.errors} errors, ${DEMO_SUMMARY.warnings} warnings, ${DEMO_SUMMARY.infos} infos`;
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')).toContain(totals);
    const errors = output.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.rule, f.region, f.catalogCode, f.decision?.decision, f.decision?.current])).toEqual(DEMO_ACCEPTED_ERRORS.map((e) => [...e, 'accepted', true]));
    expect(exit).toBe(0);
  });

  it('shows every rule somewhere, apart from those it cannot show realistically', () => {
    const { output } = validateJson(['catalog-yaml'], { cwd: join(import.meta.dirname, '..', '..') });
    const shown = new Set(output.findings.map((f) => f.rule));
    expect(RULES.map((r) => r.id).filter((id) => !shown.has(id))).toEqual([...DEMO_RULES_NOT_SHOWN]);
    // a fix requested on a warning, with the patch that makes the fix
    const requested = output.findings.filter((f) => f.decision?.decision === 'fix-requested');
    expect(requested.map((f) => [f.rule, f.key, f.decision?.current])).toEqual([['level-review', '420106/000100104000#/materials/@学历证书/copies', true]]);
  });
});

describe('tongbiao validate with a result cache', () => {
  it('finds unchanged files of a git catalog through the index: no stamp kept, same report warm', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-warm-'));
    try {
      const catalogDir = join(dir, 'catalog');
      // Over the 2,000 files below which a run computes everything.
      expect(runCli(['gen', catalogDir, '--git', '--cities', '2', '--counties-per-city', '2', '--items', '400']).code).toBe(0);
      const env = { TONGBIAO_CACHE: join(dir, 'cache') };
      const cold = validateJson([catalogDir], { env });
      const cacheFile = join(dir, 'cache', readdirSync(join(dir, 'cache'))[0]!);
      const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { paths: string[]; keys: string[] };
      expect(stored.paths).toEqual([]);
      expect(stored.keys.length).toBeGreaterThan(2000);
      const warm = validateJson([catalogDir], { env });
      expect(warm.stdout).toBe(cold.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tongbiao validate into a pipe closed early', () => {
  it('stops quietly, as `validate | head` expects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongbiao-pipe-'));
    try {
      // A report far bigger than a pipe's buffer, so the reader is gone while it is still being written.
      expect(runCli(['gen', dir, '--force', '--cities', '1', '--counties-per-city', '1', '--items', '200']).code).toBe(0);
      const result = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" validate "$2" --format sarif | head -c 1 >/dev/null', process.execPath, BIN, dir], {
        encoding: 'utf8', env: { ...process.env, CI: 'true' },
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1); // the generated catalog has its deliberate errors
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tongbiao validate on hostile input', () => {
  it('reports each hostile file and still checks the others', () => {
    const c = catalog();
    const items = `${county.dir}/items`;
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    c.write(`${items}/002000091000.yaml`, bomb);
    c.write(`${items}/002000092000.yaml`, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xb3, 0xc7, 0xd5, 0xf2, 0x0a])); // "name: 城镇" in GBK
    c.write(`${items}/002000093000.yaml`, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    c.write(`${items}/002000094000.yaml`, `name: "${'很'.repeat(3 * 1024 * 1024)}"\n`);
    c.write(`${items}/002000095000.yaml`, '');
    c.write(`${items}/002000096000.yaml`, '- 城镇职工\n- 养老保险\n');
    const outside = join(c.top, '..', `outside-${Date.now()}.yaml`);
    writeFileSync(outside, itemYaml({ catalogCode: '002000097000', region: county.code, level: county.level }));
    c.symlink(`${items}/002000097000.yaml`, outside);
    c.write(`${items}/002000098000.yaml`, 'name: a\nname: b\n');
    // An ordinary mistake beside them must still be found.
    c.write(itemPath(county, code), itemYaml({ catalogCode: code, region: county.code, level: county.level, set: { caseType: '急件' } }));

    const { code: exit, output } = validateJson([c.catalog]);
    expect(exit).toBe(1);
    const byFile = (name: string) => output.findings.filter((f) => f.file.endsWith(name)).map((f) => f.rule);
    expect(byFile('002000091000.yaml')).toEqual(['yaml-syntax']);
    expect(byFile('002000092000.yaml')).toEqual(['file-read']);
    expect(byFile('002000093000.yaml')).toEqual(['file-read']);
    expect(byFile('002000094000.yaml')).toEqual(['file-read']);
    expect(byFile('002000095000.yaml')).toEqual(['yaml-syntax']);
    expect(byFile('002000096000.yaml')).toEqual(['yaml-syntax']);
    expect(byFile('002000097000.yaml')).toEqual(['file-read']);
    expect(byFile('002000098000.yaml')).toEqual(['yaml-syntax']);
    expect(output.findings.find((f) => f.file.endsWith('002000098000.yaml'))).toMatchObject({ line: 2, column: 1 });
    expect(byFile(`${code}.yaml`)).toContain('schema');
    expect(output.findings.find((f) => f.rule === 'file-read' && f.file.endsWith('002000092000.yaml'))!.message).toContain('UTF-8');
  });
});

describe('tongbiao validate locations and messages', () => {
  it('points at the offending value, and at the first key for a missing one', () => {
    const c = catalog();
    const text = itemYaml({ catalogCode: code, region: county.code, level: county.level, set: { consultPhone: 27123456, name: undefined } });
    c.write(itemPath(county, code), text);
    const { output } = validateJson([join(c.catalog, itemPath(county, code))]);
    const lines = text.split('\n');
    const phone = output.findings.find((f) => f.path === '/consultPhone')!;
    expect(phone.rule).toBe('schema');
    expect(phone.line).toBe(lines.findIndex((l) => l.startsWith('consultPhone:')) + 1);
    expect(phone.column).toBe('consultPhone: '.length + 1);
    expect(phone.message).toContain('"27123456"');
    const name = output.findings.find((f) => f.path === '/name')!;
    expect(name).toMatchObject({ line: 1, column: 1, region: county.code, catalogCode: code });
    expect(output.findings.every((f) => f.file === `${itemPath(county, code)}`.replace(/^/, f.file.slice(0, f.file.indexOf(county.dir))))).toBe(true);
  });

  it('prints English messages with --lang en', () => {
    const c = catalog({ [itemPath(county, code)]: itemYaml({ catalogCode: code, region: county.code, level: county.level, set: { caseType: '急件' } }) });
    const result = runCli(['validate', c.catalog, '--lang', 'en']);
    expect(result.stdout).toMatch(/error schema: 'caseType' value '急件' is not in the code set/);
    expect(result.stdout).toMatch(/files? checked/);
  });
});

describe('tongbiao validate exit codes and settings', () => {
  it('exits 2 with one line when no catalog is found', () => {
    const c = catalog();
    const result = runCli(['validate'], { cwd: c.top + '/420000' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the line of an invalid tongbiao.yaml', () => {
    const c = catalog({ 'tongbiao.yaml': 'formatVersion: 1\nrules:\n  phnoe: off\n' });
    const result = runCli(['validate', c.catalog]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tongbiao\.yaml:3: .*unknown rule 'phnoe'/);
  });

  it('exits 2 on an unknown option value', () => {
    const c = catalog();
    expect(runCli(['validate', c.catalog, '--format', 'xml']).code).toBe(2);
    expect(runCli(['validate', c.catalog, '--bogus']).code).toBe(2);
  });

  it('applies severity overrides and --fail-on', () => {
    const warning = itemYaml({ catalogCode: code, region: county.code, level: county.level, set: { visitsReason: undefined } });
    const c = catalog({ [itemPath(county, code)]: warning });
    const plain = validateJson([c.catalog]);
    expect(plain.output.findings.map((f) => f.rule)).toContain('visits-reason');
    expect(plain.code).toBe(0);
    expect(validateJson([c.catalog, '--fail-on', 'warning']).code).toBe(1);
    c.write('tongbiao.yaml', 'formatVersion: 1\nrules:\n  visits-reason: error\n');
    expect(validateJson([c.catalog]).code).toBe(1);
    c.write('tongbiao.yaml', 'formatVersion: 1\nrules:\n  visits-reason: off\n');
    const off = validateJson([c.catalog, '--fail-on', 'warning']);
    expect(off.output.findings.map((f) => f.rule)).not.toContain('visits-reason');
  });

  it('reports only the files asked for', () => {
    const broken = itemYaml({ catalogCode: code, region: county.code, level: county.level, set: { caseType: '急件' } });
    const c = catalog({ [itemPath(county, code)]: broken, [itemPath(city, code)]: broken.replace(county.code, city.code) });
    const { output } = validateJson([join(c.catalog, county.dir)]);
    expect(output.findings.length).toBeGreaterThan(0);
    expect(output.findings.every((f) => f.file.includes(county.dir))).toBe(true);
  });
});

describe('tongbiao validate --changed-since', () => {
  it('checks the changed files and the items that depend on them', () => {
    const c = catalog();
    const base = c.commit('initial');
    // A province item change affects the same item in every region below.
    c.write(itemPath(province, code), itemYaml({ catalogCode: code, region: province.code, level: province.level, set: { conditions: '新的受理条件' } }));
    c.commit('province edit');
    const result = runCli(['validate', c.catalog, '--changed-since', base, '--lang', 'en']);
    expect(result.code).toBe(0);
    const files = Number(/(\d+) files affected/.exec(result.stderr)?.[1]);
    // 4 items with that code + the 4 region.yaml files whose missing lists a baseline edit can change.
    expect(files).toBe(8);
    const unchanged = runCli(['validate', c.catalog, '--changed-since', 'HEAD', '--lang', 'en']);
    expect(unchanged.stderr).toMatch(/^0 files affected/);
  });

  it('reports every file a change can alter, exactly as a full run does', () => {
    const c = catalog();
    type Output = ReturnType<typeof validateJson>['output'];
    const byFile = (output: Output) => {
      const out = new Map<string, string[]>();
      for (const f of output.findings) out.set(f.file, [...(out.get(f.file) ?? []), JSON.stringify(f)].sort());
      return out;
    };
    const other = catalogCodeFor(2);
    const edits: Array<[string, () => void]> = [
      ['county item edited', () => c.write(itemPath(county, code), itemYaml({ catalogCode: code, region: county.code, level: county.level, set: { caseType: '急件' } }))],
      ['province item renamed', () => c.write(itemPath(province, other), itemYaml({ catalogCode: other, region: province.code, level: province.level, set: { name: '新名称' } }))],
      ['county item deleted', () => c.remove(itemPath(county, other))],
      ['city item added back under a wrong name', () => c.write(`${city.dir}/items/wrong.yaml`, itemYaml({ catalogCode: other, region: city.code, level: city.level }))],
      ['region.yaml broken', () => c.write(`${city.dir}/region.yaml`, 'code: "420100"\nname: 武汉市\nlevel: 县级\n')],
    ];
    let base = c.commit('initial');
    for (const [what, edit] of edits) {
      const before = byFile(validateJson([c.catalog]).output);
      edit();
      // Each edit is checked once uncommitted (working tree against the base) and once committed.
      for (const committed of [false, true]) {
        if (committed) c.commit(what);
        const after = byFile(validateJson([c.catalog]).output);
        const changed = byFile(validateJson([c.catalog, '--changed-since', base]).output);
        for (const file of new Set([...before.keys(), ...after.keys()])) {
          if (JSON.stringify(before.get(file)) !== JSON.stringify(after.get(file))) {
            expect(changed.get(file), `${what}: ${file}`).toEqual(after.get(file));
          }
        }
        for (const [file, findings] of changed) expect(findings, `${what}: ${file}`).toEqual(after.get(file));
      }
      base = c.head();
    }
  });

  it('exits 2 on a revision that does not exist', () => {
    const c = catalog();
    c.commit('initial');
    const result = runCli(['validate', c.catalog, '--changed-since', 'no-such-rev']);
    expect(result.code).toBe(2);
  });
});

describe('tongbiao validate output formats', () => {
  it('writes github annotations, SARIF and JUnit', () => {
    const c = catalog({ [itemPath(county, code)]: itemYaml({ catalogCode: code, region: county.code, level: county.level, set: { caseType: '急件' } }) });
    const github = runCli(['validate', c.catalog, '--format', 'github']);
    expect(github.stdout).toMatch(/^::error file=.*,line=\d+,col=\d+,title=schema::/m);
    const sarif = JSON.parse(runCli(['validate', c.catalog, '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('schema');
    expect(runCli(['validate', c.catalog, '--format', 'junit']).stdout).toMatch(/<failure type="schema"/);
  });
});

describe('tongbiao validate: file-level findings carry the registry severity and tongbiao.yaml overrides', () => {
  it('reports stray-file as a warning in every format (the registry default), not an error', () => {
    const c = catalog({ [`${county.dir}/notes.txt`]: 'not an item\n' });
    const { code: exit, output } = validateJson([c.catalog]);
    const stray = output.findings.filter((f) => f.rule === 'stray-file');
    expect(stray.map((f) => [f.file.endsWith('notes.txt'), f.severity])).toEqual([[true, 'warning']]);
    // The test catalog is format v1: one format-version info besides.
    expect(output.summary).toMatchObject({ errors: 0, warnings: 1, infos: 1 });
    expect(exit).toBe(0); // a warning does not fail the default --fail-on error
    expect(runCli(['validate', c.catalog, '--format', 'github']).stdout).toMatch(/^::warning file=[^\n]*notes\.txt,[^\n]*title=stray-file::/m);
    const sarif = JSON.parse(runCli(['validate', c.catalog, '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([['stray-file', 'warning'], ['format-version', 'note']]);
    expect(runCli(['validate', c.catalog, '--fail-on', 'warning']).code).toBe(1);
  });

  it('takes file-level severities from tongbiao.yaml: stray-file info, region warning, file-read off', () => {
    const c = catalog({
      'tongbiao.yaml': `${TONGBIAO_YAML}rules:\n  stray-file: info\n  region: warning\n  file-read: "off"\n`,
      [`${county.dir}/notes.txt`]: 'not an item\n',
    });
    c.write(`${county.dir}/items/${catalogCodeFor(9)}.yaml`, Buffer.from([0xb3, 0xc7, 0x0a])); // GBK: a file-read error
    c.write(`${city.dir}/region.yaml`, 'code: "420199"\nname: 武汉市\nlevel: 市级\n'); // code ≠ directory name
    const { output } = validateJson([c.catalog]);
    const severities = Object.fromEntries(output.findings.map((f) => [f.rule, f.severity]));
    expect(severities).toMatchObject({ 'stray-file': 'info', region: 'warning' });
    expect(severities).not.toHaveProperty('file-read');
  });
});

// `commitEdits`: the "after an n-file commit" state the sync and validate benchmarks need. It changes the
// promised limit (keeping the steps within it) or the conditions of n item files picked by a seed, and
// commits exactly those files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GenError, genGitEnv, git } from './generate.js';
import { Random } from './random.js';

export interface EditCommit {
  commit: string;
  /** catalog-relative paths of the changed files, sorted */
  files: string[];
}

const EXTRA_CONDITIONS = [
  '申请人应当对申请材料的真实性、合法性负责', '申请材料可通过电子证照库调取的，不再要求提交纸质材料',
  '办理结果可选择邮寄送达', '涉及多个部门的，由窗口统一受理、并联审批', '申请人可委托代理人办理',
];

/**
 * Changes `n` item files of the generated git catalog in `dir`, chosen by `seed`, and commits them in one
 * commit (a fixed author, and a date one hour after the previous commit's, so it is reproducible).
 */
export function commitEdits(dir: string, n: number, seed: string | number = 1): EditCommit {
  if (!Number.isInteger(n) || n < 1) throw new GenError('n must be a positive integer');
  const listing = git(dir, ['ls-files', '-z', '--', '*/items/*.yaml']);
  const all = listing.split('\0').filter((p) => p !== '');
  if (all.length < n) throw new GenError(`the catalog has only ${all.length} item files`);
  const head = git(dir, ['rev-parse', 'HEAD']);
  const rng = new Random(String(seed), 'edits', head, n);
  const files = rng.sample(all, n).sort();
  for (const file of files) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const edited = editItem(text, rng);
    if (edited === text) throw new GenError(`could not edit ${file}`);
    writeFileSync(path, edited);
  }
  const previous = Number(git(dir, ['log', '-1', '--format=%at', 'HEAD']));
  const env = genGitEnv(`${previous + 3600} +0800`);
  git(dir, ['add', '--pathspec-from-file=-', '--pathspec-file-nul', '--'], env, files.join('\0'));
  git(dir, ['commit', '-q', '--no-verify', '-m', `Edit ${n} items (seed ${seed})`], env);
  return { commit: git(dir, ['rev-parse', 'HEAD'], env), files };
}

const PROMISED = /^promisedLimit: \{ days: (\d+), unit: (\S+) \}$/m;
const STEP = /^ {2}- \{ name: ([^,]+), days: (\d+) \}$/gm;
const CONDITIONS = /^conditions: (.*)$/m;

/** One edit of one item file's text: a promised limit a day shorter, or a sentence more in the conditions. */
export function editItem(text: string, rng: Random): string {
  const promised = PROMISED.exec(text);
  const days = promised ? Number(promised[1]) : 0;
  if (promised && days >= 2 && rng.chance(0.5)) {
    const next = days - 1;
    let out = text.replace(PROMISED, `promisedLimit: { days: ${next}, unit: ${promised[2]} }`);
    // Keep the steps within the new limit: take a day from the last step that has one.
    const steps = [...out.matchAll(STEP)];
    const sum = steps.reduce((a, m) => a + Number(m[2]), 0);
    if (sum > next) {
      const last = steps.findLast((m) => Number(m[2]) > 0);
      if (last) {
        const line = `  - { name: ${last[1]}, days: ${Number(last[2]) - 1} }`;
        out = out.slice(0, last.index) + line + out.slice(last.index + last[0].length);
      }
    }
    return out;
  }
  const conditions = CONDITIONS.exec(text);
  if (conditions) return text.replace(CONDITIONS, () => `conditions: ${conditions[1]}${rng.pick(EXTRA_CONDITIONS)}。`);
  return text + `# 已复核 ${rng.digits(6)}\n`;
}

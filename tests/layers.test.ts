// The import graph follows the stages (docs: shared architecture notes): the pure core — catalog, schema, rules,
// levels — never imports check, sync, store, web or cli; store only reads and writes the database (no sync,
// web, cli or check); sync never imports web or cli; web never imports sync or cli.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';

const SRC = join(PACKAGE_ROOT, 'src');

const FORBIDDEN: Record<string, readonly string[]> = {
  catalog: ['check', 'sync', 'store', 'web', 'cli'],
  schema: ['check', 'sync', 'store', 'web', 'cli'],
  rules: ['check', 'sync', 'store', 'web', 'cli'],
  levels: ['check', 'sync', 'store', 'web', 'cli'],
  store: ['check', 'sync', 'web', 'cli'],
  sync: ['web', 'cli'],
  web: ['sync', 'cli'],
};

/** Relative module specifiers a TypeScript file imports (static, type-only, re-exports and dynamic). */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec?.startsWith('.')) out.push(spec);
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The top folder under src/ a file lies in (`src/store/read/queue.ts` → store), or undefined outside src/. */
function stageOf(path: string): string | undefined {
  const rel = relative(SRC, path);
  return rel.startsWith('..') ? undefined : rel.split(/[\\/]/)[0];
}

describe('import graph', () => {
  it('reads every kind of import', () => {
    const text = `import { a } from '../store/db.js';\nimport type { B } from "./b.js";\nexport { c } from '../web/c.js';\nconst d = await import('../cli/d.js');\nimport './side.js';\nimport x from 'node:fs';`;
    expect(importsOf(text)).toEqual(['../store/db.js', './b.js', '../web/c.js', './side.js', '../cli/d.js'].sort((a, b) => text.indexOf(a) - text.indexOf(b)));
  });

  for (const [stage, forbidden] of Object.entries(FORBIDDEN)) {
    it(`${stage} imports none of ${forbidden.join(', ')}`, () => {
      const wrong: string[] = [];
      for (const file of filesUnder(join(SRC, stage))) {
        for (const spec of importsOf(readFileSync(file, 'utf8'))) {
          const target = stageOf(resolve(dirname(file), spec));
          if (target && forbidden.includes(target)) wrong.push(`${relative(PACKAGE_ROOT, file)} → ${spec}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

// Every command, in the order `tongbiao --help` lists them. A command's module (and what it imports:
// hono, libSQL, …) loads only when that command runs, so `validate` starts fast. Add a command here.
import type { Command } from '../command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

const entry = (name: string, summary: string, load: () => Promise<unknown>): CommandEntry => ({
  name,
  summary,
  load: load as () => Promise<Command>,
});

export const COMMANDS: CommandEntry[] = [
  entry('validate', 'check catalog files against the element schema and every rule', async () => (await import('./validate.js')).validate),
  entry('diff', "show how a region's items differ from its parent's and the province baseline", async () => (await import('./diff.js')).diff),
  entry('claim', "claim (认领) items for a region from its parent, local elements left as TODO", async () => (await import('./claim.js')).claim),
  entry('fix', 'make items conform: locked elements take the baseline, looser and review ones the parent (in place)', async () => (await import('./fix.js')).fix),
  entry('sync', 'load the catalog as committed in git into the database (incremental)', async () => (await import('./sync.js')).sync),
  entry('serve', 'serve the review web UI over the database', async () => (await import('./serve.js')).serve),
  entry('start', 'sync the catalog into the embedded database and serve the review UI (npm start)', async () => (await import('./start.js')).start),
  entry('decisions', "write the review UI's decisions into each region's decisions.yaml (export, --check)", async () => (await import('./decisions.js')).decisions),
  entry('user', 'manage accounts of the review web UI (add, list, passwd, disable)', async () => (await import('./user.js')).user),
  entry('migrate', 'rewrite a catalog in format v1 to v2 in place, keeping comments (--check for CI)', async () => (await import('./migrate.js')).migrate),
  entry('rules', 'list every rule with its default severity and description', async () => (await import('./rules.js')).rules),
  entry('explain', "print a rule's page: what it checks, why, examples, how to configure it", async () => (await import('./explain.js')).explain),
  entry('export', 'write items as the 实施清单 workbook (xlsx) or the national exchange tables (JSON)', async () => (await import('./export.js')).exportCommand),
  entry('import', 'create or update item files from a 实施清单 workbook or the national exchange tables', async () => (await import('./import.js')).importCommand),
  entry('schema', 'print the item JSON Schema (with Chinese titles) for editors', async () => (await import('./schema.js')).schema),
  entry('gen', 'generate a realistic synthetic province catalog (benchmarks, demos)', async () => (await import('./gen.js')).gen),
];

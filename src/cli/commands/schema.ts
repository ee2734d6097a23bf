import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE, DEFAULT_SETTINGS, parseSettings, type Settings } from '../../catalog/config.js';
import { regionSchema } from '../../schema/item.js';
import { itemSchemaOf } from '../../schema/validate.js';
import { resolveCatalogRoot } from '../catalog-arg.js';
import { defineCommand } from '../command.js';

/** The files `--out` writes: the item schema of the catalog at hand (its local code-set values included) and region.yaml's. */
export function schemaFiles(settings: Settings = { ...DEFAULT_SETTINGS, formatVersion: 2 }): Record<string, object> {
  return { 'item.schema.json': itemSchemaOf(settings), 'region.schema.json': regionSchema };
}

export const schema = defineCommand({
  name: 'schema',
  help: `Usage: tongbiao schema [--region] [--catalog DIR] [--out DIR]

Prints the JSON Schema (draft 2020-12) of an item file; every key carries its Chinese title and a
description, so an editor shows them as completion and hover help. The schema is the catalog's: the
local values its tongbiao.yaml adds to code sets (codeSets:) are in it, so editors complete them too.
Without a catalog (--catalog, the current folder, ./catalog-yaml) it is the national schema. Point your
editor at it with a first line in each item file:

  # yaml-language-server: $schema=../../schema/item.schema.json

Options:
  --region       print the schema of region.yaml instead
  --catalog DIR  the catalog whose code-set extensions to include
  --out DIR      write item.schema.json and region.schema.json into DIR instead of printing
  -h, --help     show this help`,
  options: { region: { type: 'boolean' }, catalog: { type: 'string' }, out: { type: 'string' } },
  async run(values, _positionals, io) {
    const files = schemaFiles(catalogSettings(values.catalog, io.cwd));
    if (values.out !== undefined) {
      const dir = resolve(io.cwd, values.out);
      mkdirSync(dir, { recursive: true });
      for (const [name, schema] of Object.entries(files)) writeFileSync(join(dir, name), schemaText(schema));
      io.stderr.write(`wrote ${Object.keys(files).map((n) => join(values.out!, n)).join(', ')}\n`);
      return 0;
    }
    io.stdout.write(schemaText(values.region ? regionSchema : files['item.schema.json']!));
    return 0;
  },
});

/** The settings of the catalog found the usual way; none found (and none asked for) is the national schema. */
function catalogSettings(explicit: string | undefined, cwd: string): Settings | undefined {
  let root: string;
  try {
    root = resolveCatalogRoot(explicit, cwd);
  } catch (error) {
    if (explicit !== undefined) throw error;
    return undefined;
  }
  return parseSettings(readFileSync(join(root, CONFIG_FILE), 'utf8'), join(root, CONFIG_FILE));
}

export function schemaText(schema: object): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { itemSchema, regionSchema } from '../../schema/item.js';
import { defineCommand } from '../command.js';

export const SCHEMA_FILES = { 'item.schema.json': itemSchema, 'region.schema.json': regionSchema } as const;

export const schema = defineCommand({
  name: 'schema',
  help: `Usage: tongbiao schema [--region] [--out DIR]

Prints the JSON Schema (draft 2020-12) of an item file; every key carries its Chinese title and a
description, so an editor shows them as completion and hover help. Point your editor at it with a
first line in each item file:

  # yaml-language-server: $schema=../../schema/item.schema.json

Options:
  --region     print the schema of region.yaml instead
  --out DIR    write item.schema.json and region.schema.json into DIR instead of printing
  -h, --help   show this help`,
  options: { region: { type: 'boolean' }, out: { type: 'string' } },
  async run(values, _positionals, io) {
    if (values.out !== undefined) {
      const dir = resolve(io.cwd, values.out);
      mkdirSync(dir, { recursive: true });
      for (const [name, schema] of Object.entries(SCHEMA_FILES)) writeFileSync(join(dir, name), schemaText(schema));
      io.stderr.write(`wrote ${Object.keys(SCHEMA_FILES).map((n) => join(values.out!, n)).join(', ')}\n`);
      return 0;
    }
    io.stdout.write(schemaText(values.region ? regionSchema : itemSchema));
    return 0;
  },
});

export function schemaText(schema: object): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

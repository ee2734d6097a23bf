// Build step (`npm run build`, after tsc): the national item and region validators as standalone code, written
// next to the compiled validate.js, so no command compiles them at run time. Same ajv, same options. A catalog
// with local code-set values still compiles its own item schema at run time (validate.ts).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, nationalSchemas, STANDALONE_FILE } from './validate.js';

/** CommonJS: ajv's ESM output still `require`s its runtime helpers (ajv-validator/ajv#1976). */
export function standaloneValidators(): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  const schemas = nationalSchemas();
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name);
  return standaloneCode.default(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(dirname(fileURLToPath(import.meta.url)), STANDALONE_FILE), standaloneValidators());
}

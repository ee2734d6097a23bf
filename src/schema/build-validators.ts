// Build step (`npm run build`, after tsc): the item and region validators as standalone code, written next to
// the compiled validate.js, so no command compiles the schemas at run time. Same ajv, same options.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { itemSchema, regionSchema } from './item.js';
import { AJV_OPTIONS, STANDALONE_FILE } from './validate.js';

/** CommonJS: ajv's ESM output still `require`s its runtime helpers (ajv-validator/ajv#1976). */
export function standaloneValidators(): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  ajv.addSchema(itemSchema, 'item').addSchema(regionSchema, 'region');
  return standaloneCode.default(ajv, { item: 'item', region: 'region' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(dirname(fileURLToPath(import.meta.url)), STANDALONE_FILE), standaloneValidators());
}

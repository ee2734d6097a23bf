// What package.json says of tongbiao: its version, and where it lives (SARIF's informationUri and each rule's
// helpUri, docs/rules/<id>.md on the main branch). An organisation that hosts its own copy sets `homepage` there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; homepage: string };

export const VERSION: string = pkg.version;
export const HOMEPAGE: string = pkg.homepage.replace(/\/+$/, '');
export const RULE_DOCS_URL = `${HOMEPAGE}/blob/main/docs/rules/`;

export { HOMEPAGE, RULE_DOCS_URL, VERSION } from '../version.js';

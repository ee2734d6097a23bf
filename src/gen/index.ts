// The synthetic catalog generator: `tongbiao gen` and the benchmarks and tests call these.
export { generateCatalog, GEN_DEFAULTS, GEN_AUTHOR, GenError } from './generate.js';
export type { GenerateOptions, GenerateResult, Injection } from './generate.js';
export { commitEdits, editItem } from './edits.js';
export type { EditCommit } from './edits.js';
export { DISCREPANCY_KINDS, ERROR_KINDS } from './variants.js';
export type { DiscrepancyKind, ErrorKind } from './variants.js';
export { maxBaselineItems } from './baseline.js';
export { Random, hash32 } from './random.js';

// The limits spec §3 (`yaml-syntax`) puts on a YAML file beyond what `yaml` itself refuses, in one place:
// every stage that reads YAML — the block scanner, the `yaml` path and the locator — keeps to them.

/** Collections nested in one file, the top mapping counting as the first; deeper is a `yaml-syntax` finding. */
export const MAX_DEPTH = 64;

/** Aliases beyond the `yaml` package's default limit are refused: an alias bomb ends here. */
export const MAX_ALIAS_COUNT = 100;

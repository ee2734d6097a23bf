// Field classes (spec §3 cross-level rules, §5 `fields:`): how each top-level element of
// an item may differ between a region and its parent. The one place that decides it.
import type { FieldClass } from './types.js';

export const FIELD_CLASS_NAMES: readonly FieldClass[] = ['locked', 'tighten', 'local', 'review'];

/**
 * Default class of every element an item may have, in the spec's element order.
 * catalogCode is absent on purpose: it is how the two items were matched, so it
 * cannot differ, and it cannot be reclassified.
 */
export const DEFAULT_FIELD_CLASSES = {
  // 四级四同: 名称、类型、依据 and the levels it is exercised at are the same everywhere.
  name: 'locked',
  type: 'locked',
  basis: 'locked',
  useLevel: 'locked',
  // Who implements the item, and how to reach them, is the region's own business.
  taskCode: 'local',
  dept: 'local',
  serviceObjects: 'review',
  caseType: 'review',
  statutoryLimit: 'review',
  // A region may serve people better than its parent, never worse.
  promisedLimit: 'tighten',
  visits: 'tighten',
  visitsReason: 'review',
  conditions: 'review',
  materials: 'tighten',
  steps: 'review',
  fee: 'tighten',
  handlingForms: 'review',
  onlineDepth: 'tighten',
  handleArea: 'local',
  places: 'local',
  consultPhone: 'local',
  complaintPhone: 'local',
  result: 'review',
} as const satisfies Record<string, FieldClass>;

export type ClassifiedElement = keyof typeof DEFAULT_FIELD_CLASSES;

/** Elements a `fields:` override may name. */
export const CLASSIFIED_ELEMENTS = Object.keys(DEFAULT_FIELD_CLASSES) as ClassifiedElement[];

/**
 * Elements that have an order of "better for the applicant", the only ones that may be
 * `tighten` (the config loader rejects `tighten` elsewhere): a shorter promised limit,
 * fewer visits, fewer required materials, deeper online handling, no fee.
 */
export const TIGHTENABLE_ELEMENTS = ['promisedLimit', 'visits', 'materials', 'onlineDepth', 'fee'] as const;
export type TightenableElement = (typeof TIGHTENABLE_ELEMENTS)[number];

export function isTightenable(element: string): element is TightenableElement {
  return (TIGHTENABLE_ELEMENTS as readonly string[]).includes(element);
}

/** The class of each element; elements not listed (unknown keys) are `review`. */
export type FieldClasses = Readonly<Record<string, FieldClass>>;

export type FieldOverrideProblem = 'unknown-element' | 'unknown-class' | 'not-tightenable';

/** Why an override `element: cls` is not allowed, or undefined when it is. For the config loader's messages. */
export function fieldOverrideProblem(element: string, cls: unknown): FieldOverrideProblem | undefined {
  if (!Object.hasOwn(DEFAULT_FIELD_CLASSES, element)) return 'unknown-element';
  if (typeof cls !== 'string' || !(FIELD_CLASS_NAMES as readonly string[]).includes(cls)) return 'unknown-class';
  if (cls === 'tighten' && !isTightenable(element)) return 'not-tightenable';
  return undefined;
}

/**
 * The defaults with a catalog's `fields:` overrides applied. The overrides are expected
 * to be validated already (config loader); an invalid one still throws here rather than
 * silently comparing a field in a way nobody asked for.
 */
export function resolveFieldClasses(overrides: Readonly<Record<string, FieldClass>> = {}): FieldClasses {
  const classes: Record<string, FieldClass> = { ...DEFAULT_FIELD_CLASSES };
  for (const [element, cls] of Object.entries(overrides)) {
    const problem = fieldOverrideProblem(element, cls);
    if (problem) throw new RangeError(`fields: ${element}: ${cls} is not allowed (${problem})`);
    classes[element] = cls;
  }
  return classes;
}

export const DEFAULT_CLASSES: FieldClasses = resolveFieldClasses();

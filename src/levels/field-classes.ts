// Field classes (spec §3 cross-level rules, §5 `fields:`): how each element of an item — or a
// member of an object element, `dept.nature` — may differ between a region and its parent.
// The one place that decides it; the config loader and the comparison ask here.
import type { FieldClass } from './types.js';

export const FIELD_CLASS_NAMES: readonly FieldClass[] = ['locked', 'tighten', 'local', 'review'];

/**
 * Default class of every element an item may have, in the spec's element order (§2), and of the
 * object members the spec classifies apart from their element. catalogCode is absent on purpose:
 * it is how the two items were matched, so it cannot differ, and it cannot be reclassified.
 */
export const DEFAULT_FIELD_CLASSES = {
  // 四级四同: 名称、类型、依据 and the levels it is exercised at are the same everywhere; so are the
  // limit set by law, what the applicant gets, and the handling items (their seqs and names).
  name: 'locked',
  type: 'locked',
  basis: 'locked',
  useLevel: 'locked',
  // Lifecycle has rules of its own (level-cancelled, level-suspended).
  status: 'local',
  version: 'local',
  effectiveDate: 'local',
  cancelDate: 'local',
  // Who implements the item, and how to reach them, is the region's own business — except whether
  // it acts by its own power or on another's behalf, which someone should look at.
  taskCode: 'local',
  localCatalogCode: 'local',
  localTaskCode: 'local',
  powerSource: 'local',
  dept: 'local',
  'dept.nature': 'review',
  'dept.entrustedBy': 'review',
  jointDepts: 'local',
  serviceObjects: 'review',
  caseType: 'review',
  statutoryLimit: 'locked',
  statutoryLimitNote: 'review',
  // A region may serve people better than its parent, never worse.
  promisedLimit: 'tighten',
  promisedLimitNote: 'review',
  specialProcedures: 'review',
  visits: 'tighten',
  visitsReason: 'review',
  conditions: 'review',
  quantityLimit: 'review',
  materials: 'tighten',
  steps: 'review',
  intermediaries: 'tighten',
  fee: 'tighten',
  handlingForms: 'tighten',
  onlineDepth: 'tighten',
  onlineUrl: 'local',
  mobileUrl: 'local',
  express: 'tighten',
  payOnline: 'tighten',
  appointment: 'tighten',
  inHall: 'local',
  handleArea: 'tighten',
  places: 'local',
  consultPhone: 'local',
  complaintPhone: 'local',
  result: 'locked',
  resultSample: 'local',
  handlingItems: 'locked',
} as const satisfies Record<string, FieldClass>;

export type ClassifiedElement = keyof typeof DEFAULT_FIELD_CLASSES;

/**
 * Object members a `fields:` override may name besides the elements (`dept.nature: local`): the
 * parts of an element that mean something on their own.
 */
const MEMBERS = ['dept.name', 'dept.creditCode', 'dept.nature', 'dept.entrustedBy', 'result.type', 'result.name'] as const;

/** Elements and members a `fields:` override may name: the elements in the spec's order, each followed by its members. */
export const CLASSIFIED_ELEMENTS: readonly string[] = Object.keys(DEFAULT_FIELD_CLASSES)
  .filter((name) => !name.includes('.'))
  .flatMap((element) => [element, ...MEMBERS.filter((member) => member.startsWith(`${element}.`))]);

/** The top-level elements, in the spec's order (§2). */
export const ITEM_ELEMENTS: readonly string[] = CLASSIFIED_ELEMENTS.filter((name) => !name.includes('.'));

/**
 * Elements that have an order of "better for the applicant", the only ones that may be
 * `tighten` (the config loader rejects `tighten` elsewhere): a shorter promised limit, fewer
 * visits, fewer or laxer materials, no fee, more ways to apply and deeper online handling, a
 * wider area, no extra intermediary service, delivery, online payment and appointments.
 */
export const TIGHTENABLE_ELEMENTS = [
  'promisedLimit', 'visits', 'materials', 'intermediaries', 'fee', 'handlingForms', 'onlineDepth', 'express', 'payOnline', 'appointment', 'handleArea',
] as const;
export type TightenableElement = (typeof TIGHTENABLE_ELEMENTS)[number];

export function isTightenable(element: string): element is TightenableElement {
  return (TIGHTENABLE_ELEMENTS as readonly string[]).includes(element);
}

/** The class of each element and classified member; elements not listed (unknown keys) are `review`. */
export type FieldClasses = Readonly<Record<string, FieldClass>>;

/**
 * The members of `element` that have a class of their own (`dept` → [['nature', 'review'], …]): they are
 * compared by that class, the rest of the element by the element's.
 */
export function memberClasses(classes: FieldClasses, element: string): ReadonlyArray<readonly [string, FieldClass]> {
  let byElement = MEMBER_CACHE.get(classes);
  if (byElement === undefined) {
    byElement = new Map();
    for (const [name, cls] of Object.entries(classes)) {
      const dot = name.indexOf('.');
      if (dot < 0) continue;
      const list = byElement.get(name.slice(0, dot)) ?? [];
      list.push([name.slice(dot + 1), cls]);
      byElement.set(name.slice(0, dot), list);
    }
    MEMBER_CACHE.set(classes, byElement);
  }
  return byElement.get(element) ?? NO_MEMBERS;
}

const MEMBER_CACHE = new WeakMap<FieldClasses, Map<string, Array<readonly [string, FieldClass]>>>();
const NO_MEMBERS: ReadonlyArray<readonly [string, FieldClass]> = [];

export type FieldOverrideProblem = 'unknown-element' | 'unknown-class' | 'not-tightenable';

/** Why an override `element: cls` is not allowed, or undefined when it is. For the config loader's messages. */
export function fieldOverrideProblem(element: string, cls: unknown): FieldOverrideProblem | undefined {
  if (!CLASSIFIED_ELEMENTS.includes(element)) return 'unknown-element';
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

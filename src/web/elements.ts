// The item's elements as the UI names and groups them: their order and Chinese titles are read from the element
// schema (the one place that names the elements, GB/T 39046), through the functions here only, so a new schema
// changes the labels without touching the UI. The groups are those of the national forms (办事指南): which
// element goes in which group is decided here, once, for the item page and anything else that groups them.
import { HANDLING_ITEM_ELEMENTS, itemSchema } from '../schema/item.js';

interface SchemaNode {
  title?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

const PROPERTIES = (itemSchema as unknown as { properties: Record<string, SchemaNode> }).properties;

/** The top-level elements in the schema's (the spec's) order. */
export const ELEMENTS: readonly string[] = Object.keys(PROPERTIES);

/** The element's Chinese title, e.g. `materials` → 申请材料; undefined for a name the schema does not know. */
export function elementTitle(name: string): string | undefined {
  return Object.hasOwn(PROPERTIES, name) ? PROPERTIES[name]!.title : undefined;
}

/**
 * The Chinese title of a member of an element's entries or object, e.g. (`materials`, `blankForm`) → 空白表格,
 * (`dept`, `nature`) → 实施主体性质; undefined when the schema has no such member.
 */
export function memberTitle(element: string, member: string): string | undefined {
  if (!Object.hasOwn(PROPERTIES, element)) return undefined;
  const node = PROPERTIES[element]!;
  const members = node.properties ?? node.items?.properties;
  return members && Object.hasOwn(members, member) ? members[member]!.title : undefined;
}

/** The sections of the item page, as the national forms group an item's elements. */
export const ELEMENT_GROUPS = ['basic', 'acceptance', 'process', 'channels', 'result'] as const;
export type ElementGroup = (typeof ELEMENT_GROUPS)[number];

// Every element the schema knows is in exactly one group (tests/web/item-elements.test.ts holds this to it).
const GROUP_OF: Record<string, ElementGroup> = {};
const members: Record<ElementGroup, readonly string[]> = {
  basic: [
    'catalogCode', 'name', 'type', 'basis', 'useLevel', 'status', 'version', 'effectiveDate', 'cancelDate', 'taskCode',
    'localCatalogCode', 'localTaskCode', 'powerSource', 'dept', 'jointDepts', 'serviceObjects', 'caseType',
  ],
  acceptance: ['conditions', 'quantityLimit', 'materials', 'intermediaries'],
  process: [
    'steps', 'statutoryLimit', 'statutoryLimitNote', 'promisedLimit', 'promisedLimitNote', 'specialProcedures', 'visits',
    'visitsReason', 'fee',
  ],
  channels: [
    'handlingForms', 'onlineDepth', 'onlineUrl', 'mobileUrl', 'express', 'payOnline', 'appointment', 'inHall', 'handleArea',
    'places', 'consultPhone', 'complaintPhone',
  ],
  result: ['result', 'resultSample'],
};
for (const group of ELEMENT_GROUPS) for (const element of members[group]) GROUP_OF[element] = group;

/** The group's elements in the schema's order. */
export function groupElements(group: ElementGroup): string[] {
  return ELEMENTS.filter((element) => GROUP_OF[element] === group);
}

/**
 * The group an element is shown in; undefined for `handlingItems` (a section of its own) and for a name the
 * schema does not know (shown at the end of the basic group's table by the page, so nothing is hidden).
 */
export function groupOf(element: string): ElementGroup | undefined {
  return Object.hasOwn(GROUP_OF, element) ? GROUP_OF[element] : undefined;
}

/** The elements a handling item (业务办理项) may give itself, in the schema's order; the rest are the item's. */
export const HANDLING_ELEMENTS: readonly string[] = ELEMENTS.filter((element) => (HANDLING_ITEM_ELEMENTS as readonly string[]).includes(element));

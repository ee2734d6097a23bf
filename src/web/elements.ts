// The item's elements as the UI names them: their order and Chinese titles are read from the element schema
// (the one place that names the elements, GB/T 39046), through these two functions only, so a new schema
// (format v2) changes the labels without touching the UI.
import { itemSchema } from '../schema/item.js';

const PROPERTIES = (itemSchema as unknown as { properties: Record<string, { title?: string }> }).properties;

/** The top-level elements in the schema's (the spec's) order. */
export const ELEMENTS: readonly string[] = Object.keys(PROPERTIES);

/** The element's Chinese title, e.g. `materials` → 申请材料; undefined for a name the schema does not know. */
export function elementTitle(name: string): string | undefined {
  return Object.hasOwn(PROPERTIES, name) ? PROPERTIES[name]!.title : undefined;
}

// The fields of an item that the store's lists and search use besides its whole body: name, type, 受理条件 and
// the materials' names, as one JSON array. Made where the item is parsed (on a check worker during a sync), so
// the thread that writes the store never parses an item's JSON again just to pick these out.

/** `[name, type, conditions, material names joined by newlines]`: null / '' where the item lacks them. */
export type ItemFields = [name: string | null, type: string | null, conditions: string, materials: string];

/** The fields of `data` (undefined or any non-mapping has none), as JSON text. */
export function itemFieldsJson(data: unknown): string {
  const body = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  const fields: ItemFields = [
    typeof body?.name === 'string' ? body.name : null,
    typeof body?.type === 'string' ? body.type : null,
    typeof body?.conditions === 'string' ? body.conditions : '',
    materialNames(body?.materials),
  ];
  return JSON.stringify(fields);
}

function materialNames(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((m) => (m !== null && typeof m === 'object' ? (m as Record<string, unknown>).name : undefined))
    .filter((n): n is string => typeof n === 'string')
    .join('\n');
}

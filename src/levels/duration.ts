// 办结时限 across units. A 工作日 counts as 7/5 自然日 (spec §3 `time-limit`): five
// working days make a calendar week. Compared exactly, in integers: d工作日 vs n自然日
// is d·7 vs n·5, so no rounding can make two limits look equal or different.

export const TIME_UNITS = ['工作日', '自然日'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface TimeLimit {
  days: number;
  unit: TimeUnit;
}

/** `{ days, unit }` with a non-negative finite number of days and a known unit. */
export function asTimeLimit(value: unknown): TimeLimit | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { days, unit } = value as Record<string, unknown>;
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) return undefined;
  if (unit !== '工作日' && unit !== '自然日') return undefined;
  return { days, unit };
}

/** The limit in fifths of a 工作日 (= sevenths of a 自然日), the unit both convert to exactly. */
function scaled(limit: TimeLimit): number {
  return limit.unit === '工作日' ? limit.days * 7 : limit.days * 5;
}

/**
 * −1 when `a` is shorter than `b`, 0 when as long, 1 when longer; undefined when
 * either is not a `{ days, unit }` limit (e.g. the statutory limit 无).
 */
export function compareTimeLimits(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
  const x = asTimeLimit(a);
  const y = asTimeLimit(b);
  if (x === undefined || y === undefined) return undefined;
  const d = scaled(x) - scaled(y);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** `20 工作日`, or the value as written when it is not a limit (`无`). */
export function formatTimeLimit(value: unknown): string {
  const limit = asTimeLimit(value);
  if (limit) return `${limit.days} ${limit.unit}`;
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

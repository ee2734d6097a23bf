// JSON Pointer (RFC 6901) helpers. Discrepancy paths, finding paths and the
// locator all speak JSON Pointer, so the escaping lives in one place.
import { pointerSegments } from '../catalog/locate.js';

/** Escapes one reference token: `~` → `~0`, `/` → `~1` (in that order, as RFC 6901 requires). */
export function escapeToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  // Element names never need escaping; skip the regexes on the hot path of every comparison.
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends a token to a pointer: `child('/materials', 1)` → `/materials/1`. */
export function child(pointer: string, token: string | number): string {
  return `${pointer}/${escapeToken(token)}`;
}

/** The pointer one level up: `/materials/3` → `/materials`; the root stays the root. */
export function parentPointer(pointer: string): string {
  const cut = pointer.lastIndexOf('/');
  return cut <= 0 ? '' : pointer.slice(0, cut);
}

/** The top-level element a pointer lies under: `/fee/charged` → `fee`; `''` for the root. */
export function topElement(pointer: string): string {
  return pointerSegments(pointer)[0] ?? '';
}

/**
 * The pointer's shape: every array index replaced by `*` (`/materials/2/form` →
 * `/materials/*\/form`), so list rules can be looked up whatever the position.
 */
export function shapeOf(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

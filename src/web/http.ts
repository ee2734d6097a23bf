// Small HTTP helpers shared by the routes: errors with a status, response formats (HTML / JSON / CSV),
// query-string validation and links that keep a page's state in its query string.
import type { Message } from '../catalog/types.js';
import type { MsgKey } from './i18n.js';

/**
 * An error that becomes a response with `status`; `message` is a dictionary key, `detail` what it is about: a
 * code or path as it is, or words in both languages (shown to the user in theirs).
 */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
    readonly messageKey: MsgKey,
    readonly detail: string | Message = '',
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${messageKey}${detail ? ': ' + (typeof detail === 'string' ? detail : detail.en) : ''}`);
  }
}

/** 400 with what is wrong with the request, in Chinese and English. */
export const badRequest = (zh: string, en: string) => new HttpError(400, 'error400', { zh, en });

export type Format = 'html' | 'json' | 'csv';

/** `?format=` wins; else `Accept: application/json` (without text/html) means JSON; else HTML. */
export function negotiate(query: URLSearchParams, accept: string | undefined, allowCsv = true): Format {
  const explicit = query.get('format');
  if (explicit !== null) {
    if (explicit === 'html' || explicit === 'json' || (explicit === 'csv' && allowCsv)) return explicit;
    throw badRequest(`参数 format 应为 html、json${allowCsv ? ' 或 csv' : ''}`, `format must be html, json${allowCsv ? ' or csv' : ''}`);
  }
  if (accept && /application\/json/i.test(accept) && !/text\/html/i.test(accept)) return 'json';
  return 'html';
}

// ---------------------------------------------------------------------------------------------------------------
// CSV: UTF-8 with a byte-order mark (so Excel reads Chinese), CRLF rows, RFC 4180 quoting, and cells that a
// spreadsheet would run as a formula neutralised with a leading apostrophe (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line with its CRLF. */
export function csvLine(row: readonly unknown[]): string {
  return row.map(csvCell).join(',') + '\r\n';
}

/** The start of a CSV file: the byte-order mark and the header line. */
export function csvHead(header: readonly string[]): string {
  return '\uFEFF' + csvLine(header);
}

// ---------------------------------------------------------------------------------------------------------------
// Query strings

/** C0 controls and DEL: never part of a search term, a name or a path (NUL ends an FTS query string). */
const CONTROL = /[\u0000-\u001F\u007F]/;

export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw badRequest(`参数 ${name} 应为 ${min} 到 ${max} 之间的整数`, `${name} must be a whole number between ${min} and ${max}`);
  return value;
}

export function enumParam<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw badRequest(`参数 ${name} 应为 ${allowed.join('、')} 之一`, `${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

/** Free text (a search term, a name): trimmed; control characters (NUL, tab, line breaks…) are refused. */
export function textParam(query: URLSearchParams, name: string, maxLength = 100): string | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (CONTROL.test(raw)) throw badRequest(`参数 ${name} 不能含控制字符`, `${name} must not contain control characters`);
  const text = raw.trim();
  if (text === '') return undefined;
  if (text.length > maxLength) throw badRequest(`参数 ${name} 超过 ${maxLength} 个字符`, `${name} is longer than ${maxLength} characters`);
  return text;
}

export function patternParam(query: URLSearchParams, name: string, pattern: RegExp, what: Message): string | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!pattern.test(raw)) throw badRequest(`参数 ${name} 应为${what.zh}`, `${name} must be ${what.en}`);
  return raw;
}

/** The most rows a page (or a JSON page) may ask for. */
export const MAX_PER = 500;

/** What a region code looks like is the catalog's to say (6, 9 or 12 digits). */
export { REGION_CODE } from '../catalog/types.js';
export const CATALOG_CODE = /^\d{12}$/;

/** `path?query` with empty values left out. */
export function href(path: string, params: Record<string, string | number | undefined | null | false>): string {
  let text = '';
  for (const key in params) {
    const value = params[key];
    if (value === undefined || value === null || value === '' || value === false) continue;
    text += (text ? '&' : '') + formEncode(key) + '=' + formEncode(String(value));
  }
  return text ? `${path}?${text}` : path;
}

// What URLSearchParams writes (application/x-www-form-urlencoded: space as +, only * - . _ left as they are),
// without building one for every link: a queue page has some sixty.
const FORM_SAFE = /^[A-Za-z0-9*\-._]*$/;
export function formEncode(text: string): string {
  if (FORM_SAFE.test(text)) return text;
  return encodeURIComponent(text).replace(/%20/g, '+').replace(/[!'()~]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase());
}

// An origin no real request has: a target resolved against it that keeps it is a path on this server.
const HERE = 'http://here.invalid';

/**
 * A local path to go back to (a redirect's Location, a link's href) taken from input, or `fallback`. Checked
 * the way a browser reads it (the WHATWG URL parser, which Node shares with browsers): tabs and newlines are
 * dropped and `\` is `/`, so `/<TAB>/host` and `/\host` are the off-site `//host`. Anything with a control
 * character, anything not starting with `/`, anything that resolves off this origin is refused; what is
 * returned is the parser's own serialisation (path, query, fragment), so the browser reads exactly what was
 * checked.
 */
export function safeBack(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length > 2000 || CONTROL.test(value)) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  let url: URL;
  try {
    url = new URL(value, HERE + '/');
  } catch {
    return fallback;
  }
  if (url.origin !== HERE) return fallback;
  const local = url.pathname + url.search + url.hash;
  // a path that itself starts with `//` would be read as a host by whoever resolves it next
  return local.startsWith('//') || local.startsWith('/\\') ? fallback : local;
}

/**
 * The client's address as the limits see it. Behind a reverse proxy (`trustedProxies` ≥ 1) the socket's peer is
 * the proxy, and each proxy appends the address it was reached from to X-Forwarded-For: the client is the entry
 * `trustedProxies` from the right. Entries further left were written by the client and prove nothing, so they
 * are never used; with no proxy trusted the header is ignored.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  const socket = peer ?? 'local';
  if (trustedProxies <= 0 || !forwardedFor) return socket;
  const hops = forwardedFor
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const client = hops[hops.length - trustedProxies];
  // an address is at most an IPv6 text form; anything else is not one
  return client !== undefined && /^[0-9A-Fa-f:.[\]]{2,47}$/.test(client) ? client : socket;
}

/**
 * Whether an If-None-Match header matches `etag` (RFC 9110 §13.1.2): `*`, or a list of entity tags compared
 * weakly (`W/"x"` matches `"x"` and `W/"x"`). A malformed list matches nothing.
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  for (const m of header.matchAll(/(?:^|,)\s*(?:W\/)?("[^"]*")\s*(?=,|$)/g)) if (m[1] === opaque) return true;
  return false;
}

/**
 * The `Link` header (RFC 8288) of a paged JSON answer: first, prev, next and last pages, as references relative
 * to the request (its query kept, `page` replaced); undefined when everything fits on one page.
 */
export function pageLinks(url: URL, page: number, per: number, total: number): string | undefined {
  const last = Math.max(1, Math.ceil(total / per));
  if (last === 1 && page === 1) return undefined;
  const to = (n: number) => {
    const query = new URLSearchParams(url.search);
    query.set('page', String(n));
    return `<${url.pathname}?${query.toString()}>`;
  };
  const links = [`${to(1)}; rel="first"`];
  if (page > 1) links.push(`${to(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) links.push(`${to(page + 1)}; rel="next"`);
  links.push(`${to(last)}; rel="last"`);
  return links.join(', ');
}

/** Each chunk of an async sequence through `f`, as it comes. */
export async function* map<T, U>(chunks: AsyncIterable<T>, f: (chunk: T) => U): AsyncGenerator<U> {
  for await (const chunk of chunks) yield f(chunk);
}

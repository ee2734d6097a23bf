// The catalog's files/ (blank forms, filled-in examples, result samples) as the review UI serves them. Read from
// the catalog's git repository at the revision the database was last synced from — the same revision the item
// page shows, as the fix patches are (fix-patch.ts) — never from the working tree, which may be on another branch
// or mid-edit. Git names a tree entry's kind: only a regular file (mode 100644 / 100755) is served, a symbolic link
// (120000) or a submodule never, so no link is followed. The path is a request's, so it is checked here before
// git sees it: each segment decoded once, and refused when empty, `.`, `..`, or holding a slash, a backslash or a
// control character. Available only when the server knows its catalog (serve --catalog), whose repository the
// app opens once (Site.catalogRepo).
import { extname } from 'node:path';
import { entryType, runGit, type GitRepo } from '../catalog/git.js';
import { FILES_DIR } from '../catalog/layout.js';

/** The largest file served; a bigger one is as if absent (the catalog is a git repository, not a file store). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * `files/<segments>` for the encoded segments of a request path, or undefined when one is not acceptable. Every
 * segment is decoded exactly once, so `..%2f` is a segment holding a slash (refused), not a way up.
 */
export function filesPath(encodedSegments: readonly string[]): string | undefined {
  if (encodedSegments.length === 0 || encodedSegments.length > 32) return undefined;
  const segments: string[] = [];
  for (const encoded of encodedSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\u0000-\u001f\u007f]/.test(segment) || segment.length > 255) return undefined;
    segments.push(segment);
  }
  return `${FILES_DIR}/${segments.join('/')}`;
}

/** How a file goes out: its type, and whether a browser may show it in place. */
export interface FileType {
  type: string;
  inline: boolean;
}

// Types shown in place are those a browser renders without running anything of the file's (no HTML, no SVG);
// the office formats people attach are named so the download opens in the right program; anything else is bytes.
const TYPES: Record<string, FileType> = {
  '.pdf': { type: 'application/pdf', inline: true },
  '.png': { type: 'image/png', inline: true },
  '.jpg': { type: 'image/jpeg', inline: true },
  '.jpeg': { type: 'image/jpeg', inline: true },
  '.gif': { type: 'image/gif', inline: true },
  '.webp': { type: 'image/webp', inline: true },
  '.txt': { type: 'text/plain; charset=utf-8', inline: true },
  '.doc': { type: 'application/msword', inline: false },
  '.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', inline: false },
  '.xls': { type: 'application/vnd.ms-excel', inline: false },
  '.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', inline: false },
  '.odt': { type: 'application/vnd.oasis.opendocument.text', inline: false },
  '.ods': { type: 'application/vnd.oasis.opendocument.spreadsheet', inline: false },
  '.wps': { type: 'application/octet-stream', inline: false },
  '.ofd': { type: 'application/ofd', inline: false },
  '.zip': { type: 'application/zip', inline: false },
};

export function fileType(path: string): FileType {
  return TYPES[extname(path).toLowerCase()] ?? { type: 'application/octet-stream', inline: false };
}

/** The Content-Disposition of a file named `name`: an ASCII fallback and the UTF-8 name (RFC 6266 / 8187). */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The bytes of a file under files/ at `revision` of the catalog in `git`, or undefined when it is not a regular
 * file there (absent, a link, a folder, a submodule, too big).
 */
export async function readCatalogFile(git: GitRepo, revision: string, path: string): Promise<Uint8Array | undefined> {
  if (!/^[0-9a-f]{40,64}$/.test(revision) || !path.startsWith(`${FILES_DIR}/`)) return undefined;
  const full = git.prefix + path;
  // literal pathspecs: a `*` or `?` in a file name is that character, not a pattern
  const listed = await runGit(['--literal-pathspecs', 'ls-tree', '-l', '-z', '--full-tree', revision, '--', full], git.top);
  if (listed.code !== 0) return undefined;
  // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`; git names the entry's kind by its mode
  const entry = listed.stdout.toString('utf8').split('\0').find((line) => line.endsWith(`\t${full}`));
  const [mode = '', , object = '', size = ''] = entry ? entry.slice(0, entry.indexOf('\t')).split(/ +/) : [];
  if (entryType(mode) !== 'file' || !(Number(size) <= MAX_FILE_BYTES)) return undefined;
  const blob = await runGit(['cat-file', 'blob', object], git.top);
  return blob.code === 0 ? blob.stdout : undefined;
}

// One file's bytes → ParsedFile: decoded, parsed, with file-read / yaml-syntax problems already located.
import { createHash } from 'node:crypto';
import { decode } from './decode.js';
import { parseYaml } from './parse.js';
import type { Finding, Message, ParsedFile } from './types.js';
import { ruleInfo } from '../rules/registry.js';

/** Git's blob id of the bytes, so a file has the same id read from the working tree or from a commit. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function readFile(file: string, region: string, bytes: Uint8Array, id = blobId(bytes)): ParsedFile {
  const decoded = decode(bytes);
  if ('problem' in decoded) return { file, region, id, problems: [fileProblem('file-read', file, region, decoded.problem)] };
  const parsed = parseYaml(decoded.text);
  if ('problem' in parsed) {
    const { line, column, message } = parsed.problem;
    return { file, region, id, text: decoded.text, problems: [{ ...fileProblem('yaml-syntax', file, region, message), line, column }] };
  }
  return { file, region, id, text: decoded.text, data: parsed.data, problems: [] };
}

/**
 * A finding about a whole file, placed at line 1 column 1 as the spec asks where there is no better place. Its
 * severity is the registry's default for the rule (stray-file is a warning); tongbiao.yaml may change it later.
 */
export function fileProblem(rule: string, file: string, region: string, message: Message, catalogCode?: string): Finding {
  const finding: Finding = { rule, severity: ruleInfo(rule).severity, file, line: 1, column: 1, path: '', region, message };
  if (catalogCode !== undefined) finding.catalogCode = catalogCode;
  return finding;
}

// The reporters by `--format` name.

import type { Finding } from '../catalog/types.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { ReportContext } from './types.js';

export const FORMATS = ['text', 'json', 'github', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

const RENDERERS: Record<Format, (findings: readonly Finding[], ctx: ReportContext) => string> = {
  text: renderText,
  json: renderJson,
  github: renderGithub,
  sarif: renderSarif,
  junit: renderJunit,
};

/** The whole report in `format`, ending with a newline (github with no findings: ''). */
export function render(format: Format, findings: readonly Finding[], ctx: ReportContext): string {
  return RENDERERS[format](findings, ctx);
}

export { summarize, sortFindings, type ReportContext, type Summary } from './types.js';

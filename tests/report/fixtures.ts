// Findings and a context shared by the reporter tests: Chinese text, and text that needs escaping in every format.

import type { Finding } from '../../src/catalog/types.js';
import { summarize, type ReportContext } from '../../src/report/types.js';

export const timeLimit: Finding = {
  rule: 'time-limit',
  severity: 'error',
  file: '420000/420100/420102/items/002000101000.yaml',
  line: 17,
  column: 9,
  path: '/promisedLimit/days',
  region: '420102',
  catalogCode: '002000101000',
  message: {
    zh: '承诺办结时限 (50 工作日) 超过法定办结时限 (45 工作日)',
    en: 'promised limit (50 working days) exceeds the statutory limit (45 working days)',
  },
};

/** Same file as timeLimit, earlier line: must sort before it. */
export const todo: Finding = {
  rule: 'todo',
  severity: 'error',
  file: '420000/420100/420102/items/002000101000.yaml',
  line: 5,
  column: 11,
  path: '/conditions',
  region: '420102',
  catalogCode: '002000101000',
  message: { zh: '受理条件仍是 TODO', en: 'conditions is still TODO' },
};

/** A file name with a comma and a message with markup, '&', '%', a newline and a quote; no catalogCode. */
export const nasty: Finding = {
  rule: 'schema',
  severity: 'error',
  file: '420000/items/a,b 100%.yaml',
  line: 3,
  column: 7,
  path: '/name',
  region: '420000',
  message: {
    zh: '名称含有 <script>alert("x")</script> & 100% 非法\n第二行',
    en: 'name contains <script>alert("x")</script> & 100% bad\nsecond line',
  },
};

export const phone: Finding = {
  rule: 'phone',
  severity: 'warning',
  file: '420000/items/002000101000.yaml',
  line: 30,
  column: 15,
  path: '/consultPhone',
  region: '420000',
  catalogCode: '002000101000',
  message: { zh: '咨询电话 “027-123” 不是有效号码', en: 'consultPhone "027-123" is not a valid number' },
};

export const missing: Finding = {
  rule: 'level-missing',
  severity: 'info',
  file: '420000/420100/region.yaml',
  line: 1,
  column: 1,
  path: '',
  region: '420100',
  catalogCode: '002000101000',
  message: { zh: '武汉市未认领事项 002000101000', en: '武汉市 has not claimed item 002000101000' },
};

/** In an order the reporters must not keep. */
export const findings: Finding[] = [timeLimit, phone, missing, nasty, todo];

export function context(overrides: Partial<ReportContext> = {}): ReportContext {
  return {
    lang: 'zh',
    displayPath: (file) => `catalog-yaml/${file}`,
    summary: summarize(findings, 1204),
    color: false,
    toolVersion: '0.1.0',
    ...overrides,
  };
}

// decisions.yaml (spec §6): a region's review decisions, kept in git beside its items so that CI and every
// clone see what a person accepted. Reading checks every entry and names what is wrong at the entry (rule
// `decisions-file`); writing goes through the one YAML editor, so an existing file keeps its comments, and
// entries are sorted by key with one entry per key, so two branches that add decisions merge cleanly.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from 'yaml';
import { parseForEdit, reconcile, renderEdited } from './yaml-edit.js';
import type { Finding, FindingDecision, Message, Severity } from './types.js';

export const DECISIONS_FILE = 'decisions.yaml';

/** What a person decided about a discrepancy (spec §6 `decision`). */
export const DECISION_KINDS = ['accepted', 'fix-requested'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** One entry of decisions.yaml: a decision on a discrepancy, made on one fingerprint of it. */
export interface Decision {
  key: string;
  fingerprint: string;
  decision: DecisionKind;
  /** required for accepted */
  reason?: string;
  /** the reviewer's user name */
  by: string;
  /** ISO 8601 with offset, e.g. 2026-12-06T10:15:00+08:00 */
  at: string;
  /** the fix as a unified diff, with fix-requested */
  patch?: string;
}

const KEYS = ['key', 'fingerprint', 'decision', 'reason', 'by', 'at', 'patch'] as const;
/** Written quoted always (spec §6), so no value can be read back as another type. */
const QUOTED = new Set<string>(['key', 'fingerprint', 'decision', 'by', 'at']);
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface DecisionsProblem {
  /** JSON Pointer of the entry or its member; "" for the file */
  path: string;
  message: Message;
}

export interface ParsedDecisions {
  /** the valid entries, by key */
  decisions: Map<string, Decision>;
  problems: DecisionsProblem[];
}

/** The region code a discrepancy key belongs to: `420106/000100104000#/…` → 420106. */
export function keyRegion(key: string): string {
  return key.slice(0, key.indexOf('/'));
}

/** Reads a region's decisions.yaml; every problem is named at its entry (spec §6). */
export function parseDecisions(text: string, region: string): ParsedDecisions {
  const decisions = new Map<string, Decision>();
  const problems: DecisionsProblem[] = [];
  const problem = (path: string, zh: string, en: string) => problems.push({ path, message: { zh, en } });
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { uniqueKeys: true, prettyErrors: false, lineCounter: new LineCounter() });
  if (doc.errors.length > 0) {
    problem('', `不是有效的 YAML：${doc.errors[0]!.message}`, `not valid YAML: ${doc.errors[0]!.message}`);
    return { decisions, problems };
  }
  const root = doc.contents as Node | null;
  if (root === null) return { decisions, problems };
  if (!isSeq(root)) {
    problem('', 'decisions.yaml 应为决定条目的列表', 'decisions.yaml must be a list of decision entries');
    return { decisions, problems };
  }
  let previousKey: string | undefined;
  root.items.forEach((node, index) => {
    const at = `/${index}`;
    if (!isMap(node)) return problem(at, '条目应为映射（key、fingerprint、decision…）', 'an entry must be a mapping (key, fingerprint, decision, …)');
    const entry: Record<string, unknown> = {};
    let bad = false;
    for (const pair of node.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = isScalar(pair.value) ? pair.value.value : pair.value === null ? null : undefined;
      if (!(KEYS as readonly string[]).includes(name)) {
        bad = true;
        problem(`${at}/${name}`, `未知的键“${name}”（可用：${KEYS.join('、')}）`, `unknown key '${name}' (known: ${KEYS.join(', ')})`);
      } else if (typeof value !== 'string' || value === '') {
        bad = true;
        problem(`${at}/${name}`, `“${name}”应为非空字符串（加引号）`, `'${name}' must be a non-empty string (quote it)`);
      } else {
        entry[name] = value;
      }
    }
    for (const required of ['key', 'fingerprint', 'decision', 'by', 'at'] as const) {
      if (!Object.hasOwn(entry, required) && !node.items.some((p) => isScalar(p.key) && p.key.value === required)) {
        bad = true;
        problem(at, `缺少“${required}”`, `'${required}' is missing`);
      }
    }
    const decision = entry as Partial<Decision>;
    if (decision.decision !== undefined && !(DECISION_KINDS as readonly string[]).includes(decision.decision)) {
      bad = true;
      problem(`${at}/decision`, `decision 应为 ${DECISION_KINDS.join(' 或 ')}`, `decision must be ${DECISION_KINDS.join(' or ')}`);
    }
    if (decision.decision === 'accepted' && decision.reason === undefined && !node.has('reason')) {
      bad = true;
      problem(at, '接受（accepted）须写明理由 reason', "an accepted decision needs a 'reason'");
    }
    if (decision.patch !== undefined && decision.decision !== 'fix-requested') {
      bad = true;
      problem(`${at}/patch`, 'patch 只能随 fix-requested 给出', "'patch' may only accompany fix-requested");
    }
    if (decision.at !== undefined && (!ISO_WITH_OFFSET.test(decision.at) || Number.isNaN(Date.parse(decision.at)))) {
      bad = true;
      problem(`${at}/at`, `时间“${decision.at}”应为带时区的 ISO 8601 时间，如 2026-12-06T10:15:00+08:00`, `'${decision.at}' must be an ISO 8601 time with offset, e.g. 2026-12-06T10:15:00+08:00`);
    }
    if (decision.key !== undefined) {
      if (keyRegion(decision.key) !== region || !decision.key.includes('#')) {
        bad = true;
        problem(`${at}/key`, `键“${decision.key}”不是本区划（${region}）的差异键`, `key '${decision.key}' is not a discrepancy key of this region (${region})`);
      } else if (decisions.has(decision.key)) {
        bad = true;
        problem(`${at}/key`, `键“${decision.key}”重复：每个键只能有一条决定`, `key '${decision.key}' appears twice: one entry per key`);
      } else if (previousKey !== undefined && decision.key < previousKey) {
        problem(`${at}/key`, `条目应按 key 排序：“${decision.key}”应在“${previousKey}”之前`, `entries must be sorted by key: '${decision.key}' belongs before '${previousKey}'`);
      }
      previousKey = decision.key;
    }
    if (!bad) decisions.set(decision.key!, decision as Decision);
  });
  return { decisions, problems };
}

/**
 * The text of a decisions.yaml holding exactly `decisions`: sorted by key (code-point order), one entry per key,
 * the required strings quoted. With `existing` (the file as it is), unchanged entries keep their comments.
 */
export function decisionsYaml(decisions: Iterable<Decision>, existing?: string): string {
  const byKey = new Map<string, Decision>();
  for (const d of decisions) byKey.set(d.key, d);
  const entries = [...byKey.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((d) => Object.fromEntries(KEYS.filter((k) => d[k] !== undefined).map((k) => [k, d[k]])));
  const doc = existing !== undefined && existing.trim() !== '' ? parseForEdit(existing) : parseForEdit('[]\n');
  if (!isSeq(doc.contents) || doc.contents.flow) doc.contents = doc.createNode([]);
  reconcile(doc, entries, {
    onCreate(node, path) {
      if (!isScalar(node)) return;
      const name = path.at(-1);
      if (typeof name === 'string' && QUOTED.has(name)) node.type = Scalar.QUOTE_DOUBLE;
      if (name === 'patch') node.type = Scalar.BLOCK_LITERAL;
    },
  });
  if (entries.length === 0) return '[]\n';
  return renderEdited(doc, existing ?? '');
}

/** The decision a region's decisions.yaml holds on a discrepancy (key + fingerprint), as findings carry it. */
export function decisionOn(
  decisionsOf: ReadonlyMap<string, ReadonlyMap<string, Decision>>, region: string, key: string | undefined, fingerprint: string | undefined,
): FindingDecision | undefined {
  const decision = key === undefined ? undefined : decisionsOf.get(region)?.get(key);
  if (!decision) return undefined;
  const { decision: kind, reason, by, at } = decision;
  return { decision: kind, ...(reason === undefined ? {} : { reason }), by, at, current: decision.fingerprint === fingerprint };
}

/** `findings` with each cross-level finding carrying its region's decision on its key, if any (spec §4). */
export function withDecisions(findings: readonly Finding[], decisionsOf: ReadonlyMap<string, ReadonlyMap<string, Decision>>): Finding[] {
  if (decisionsOf.size === 0) return [...findings];
  return findings.map((finding) => {
    const decision = decisionOn(decisionsOf, finding.region, finding.key, finding.fingerprint);
    return decision ? { ...finding, decision } : finding;
  });
}

/** Whether a person accepted this very finding (its decision is accepted and not outdated). */
export function isAccepted(finding: Finding): boolean {
  return finding.decision?.decision === 'accepted' && finding.decision.current;
}

/** The severity a finding has for the exit status: a currently accepted one counts as info (spec §4). */
export function exitSeverity(finding: Finding): Severity {
  return isAccepted(finding) ? 'info' : finding.severity;
}

/** A verdict from the review database: a decision, or `reopened` (a decision taken back). */
export type Verdict = Decision | { key: string; decision: 'reopened'; at: string };

/**
 * A region's decisions after bringing in the database's verdicts: a verdict replaces the file's entry for its key
 * unless the file's entry is newer (someone decided in git after the UI did); a newer `reopened` removes it.
 * Entries of the file the database knows nothing of stay.
 */
export function mergeDecisions(inGit: ReadonlyMap<string, Decision>, verdicts: Iterable<Verdict>): Decision[] {
  const merged = new Map(inGit);
  for (const verdict of verdicts) {
    const current = merged.get(verdict.key);
    if (current && Date.parse(current.at) > Date.parse(verdict.at)) continue;
    if (verdict.decision === 'reopened') merged.delete(verdict.key);
    else merged.set(verdict.key, verdict);
  }
  return [...merged.values()];
}

/** Whether the file holds exactly this decision (what `decisions export --check` asks of each database decision). */
export function sameDecision(a: Decision | undefined, b: Decision): boolean {
  return a !== undefined && a.fingerprint === b.fingerprint && a.decision === b.decision && (a.reason ?? '') === (b.reason ?? '') && (a.patch ?? '') === (b.patch ?? '');
}

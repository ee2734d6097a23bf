// Every string the web UI shows, in Simplified Chinese (default) and English. Values from the catalog
// (names, code-set labels such as 行政许可) are data and are shown as they are.
import type { Lang, Level } from '../catalog/types.js';
import { elementTitle, ELEMENTS, memberTitle } from './elements.js';

export type { Lang };
export const LANGS: readonly Lang[] = ['zh', 'en'];

const M = {
  appName: { zh: '同标 · 政务服务事项审核', en: 'Tongbiao · service item review' },
  appShort: { zh: '同标', en: 'Tongbiao' },
  wholeItem: { zh: '整个事项', en: 'Whole item' },
  navDashboard: { zh: '概览', en: 'Overview' },
  navQueue: { zh: '差异审核', en: 'Review queue' },
  navCoverage: { zh: '认领覆盖', en: 'Coverage' },
  navUsers: { zh: '账号', en: 'Accounts' },
  usersTitle: { zh: '账号管理', en: 'Accounts' },
  usersHint: { zh: '每项变更都记入审计日志；变更角色、区划或停用会结束该账号的登录。', en: 'Every change is audited; a new role or region, or disabling, ends the account\'s sessions.' },
  roleAndRegion: { zh: '角色与区划', en: 'Role and region' },
  roleOf: { zh: '{name} 的角色', en: 'Role of {name}' },
  regionOf: { zh: '{name} 的区划', en: 'Region of {name}' },
  saveChange: { zh: '保存', en: 'Save' },
  accountState: { zh: '状态', en: 'State' },
  enabled: { zh: '启用', en: 'enabled' },
  disabled: { zh: '已停用', en: 'disabled' },
  doEnable: { zh: '重新启用', en: 'Enable' },
  doDisable: { zh: '停用', en: 'Disable' },
  doDelete: { zh: '删除', en: 'Delete' },
  confirmDelete: { zh: '确认删除', en: 'confirm' },
  confirmDeleteNeeded: { zh: '删除前请勾选“确认删除”', en: 'tick "confirm" to delete' },
  userSaved: { zh: '账号 {name} 已更新。', en: 'Account {name} updated.' },
  userNotChanged: { zh: '未更改：{reason}', en: 'Not changed: {reason}' },
  navAudit: { zh: '审计日志', en: 'Audit log' },
  navSearch: { zh: '事项搜索', en: 'Search' },
  switchLang: { zh: 'English', en: '中文' },
  login: { zh: '登录', en: 'Sign in' },
  logout: { zh: '退出', en: 'Sign out' },
  loginTitle: { zh: '登录同标', en: 'Sign in to Tongbiao' },
  loginHint: { zh: '请使用管理员为您开设的账号登录。', en: 'Use the account your administrator created for you.' },
  userName: { zh: '用户名', en: 'User name' },
  password: { zh: '密码', en: 'Password' },
  loginFailed: { zh: '用户名或密码错误。', en: 'Wrong user name or password.' },
  loginRateLimited: {
    zh: '登录尝试过于频繁，请 {minutes} 分钟后再试。',
    en: 'Too many sign-in attempts. Try again in {minutes} minutes.',
  },
  loginRateLimitedSeconds: {
    zh: '登录尝试过于频繁，请 {seconds} 秒后再试。',
    en: 'Too many sign-in attempts. Try again in {seconds} seconds.',
  },
  loginRequired: { zh: '请先登录。', en: 'Please sign in first.' },
  differsNoDiscrepancy: { zh: '与上级不同（本级自定，不算差异）', en: 'differs from the parent (the region\'s own; no discrepancy)' },
  errNetwork: { zh: '连接服务器失败，请检查网络后重试。', en: 'Could not reach the server. Check the connection and try again.' },
  signedInAs: { zh: '{name}（{region}，{role}）', en: '{name} ({region}, {role})' },
  readOnly: { zh: '只读访问', en: 'Read-only access' },

  role_reviewer: { zh: '审核员', en: 'reviewer' },
  role_officer: { zh: '主管', en: 'officer' },
  role_admin: { zh: '管理员', en: 'admin' },

  // dashboard
  dashboardTitle: { zh: '概览', en: 'Overview' },
  lastSync: { zh: '最近同步', en: 'Last sync' },
  revision: { zh: '版本', en: 'Revision' },
  syncedAt: { zh: '同步时间', en: 'Synced at' },
  neverSynced: { zh: '尚未同步。请运行 tongbiao sync。', en: 'Not synced yet. Run tongbiao sync.' },
  uncommittedSync: { zh: '（含未提交的修改）', en: '(includes uncommitted changes)' },
  region: { zh: '行政区划', en: 'Region' },
  level: { zh: '层级', en: 'Level' },
  itemsCount: { zh: '事项', en: 'Items' },
  errorsCount: { zh: '错误', en: 'Errors' },
  acceptedErrors: { zh: '另 {n} 已接受', en: '+{n} accepted' },
  acceptedErrorsHint: { zh: '已被认可为本地差异的错误：不影响校验结果', en: 'errors accepted as local variation: they fail nothing' },
  warningsCount: { zh: '警告', en: 'Warnings' },
  openCount: { zh: '待审', en: 'Open' },
  openTotalCount: { zh: '待审（全部区划）', en: 'Open (all regions)' },
  ownOpenCount: { zh: '本级待审', en: 'Open here' },
  subtreeOpenCount: { zh: '含下级待审', en: 'Open incl. below' },
  ownDecidedCount: { zh: '本级已处理', en: 'Decided here' },
  ownOutdatedCount: { zh: '本级需复核', en: 'Outdated here' },
  ownCountHint: { zh: '本区划自己的事项，不含下级', en: "The region's own items, not those of the regions below" },
  subtreeCountHint: { zh: '本区划及其全部下级', en: 'The region and every region below it' },
  decidedCount: { zh: '已处理', en: 'Decided' },
  outdatedCount: { zh: '需复核', en: 'Outdated' },
  notInGitCount: { zh: '未入 git', en: 'Not in git' },
  notInGitHint: {
    zh: '数据库中有、本区划 decisions.yaml 中还没有的决定；点击下载合并后的 decisions.yaml，提交到 git（或运行 tongbiao decisions export）',
    en: "decisions the database holds and the region's decisions.yaml does not; download the merged decisions.yaml and commit it (or run tongbiao decisions export)",
  },
  claimRate: { zh: '认领率', en: 'Claimed' },
  claimRateHint: {
    zh: '认领率 = 已认领的通用目录事项 ÷ 本层级应认领的事项',
    en: 'Claimed = baseline items claimed ÷ baseline items that apply at this level',
  },
  baselineMark: { zh: '通用目录', en: 'baseline' },
  totals: { zh: '合计', en: 'Total' },

  // queue
  queueTitle: { zh: '差异审核', en: 'Review queue' },
  search: { zh: '搜索事项名称或编码', en: 'Search item name or code' },
  searchButton: { zh: '筛选', en: 'Filter' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  allRegions: { zh: '全部区划', en: 'All regions' },
  includeSubtree: { zh: '含下级', en: 'with subregions' },
  onlyThisRegion: { zh: '仅本级', en: 'this region only' },
  facetKind: { zh: '差异类别', en: 'Kind' },
  facetRule: { zh: '规则', en: 'Rule' },
  facetField: { zh: '要素', en: 'Element' },
  facetType: { zh: '事项类型', en: 'Item type' },
  facetStatus: { zh: '状态', en: 'Status' },
  all: { zh: '全部', en: 'All' },
  resultsCount: { zh: '共 {total} 条', en: '{total} in all' },
  noResults: { zh: '没有符合条件的差异。', en: 'No discrepancies match.' },
  item: { zh: '事项', en: 'Item' },
  field: { zh: '要素', en: 'Element' },
  ours: { zh: '本级', en: 'Ours' },
  theirs: { zh: '对照', en: 'Compared with' },
  against: { zh: '对照', en: 'Against' },
  status: { zh: '状态', en: 'Status' },
  actions: { zh: '处理', en: 'Actions' },
  absent: { zh: '（无）', en: '(none)' },
  exportJson: { zh: '导出 JSON', en: 'Export JSON' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportXlsx: { zh: '导出 Excel', en: 'Export Excel' },
  exportList: { zh: '导出实施清单（Excel）', en: 'Export the list (Excel)' },
  exportCatalog: { zh: '导出整个目录（Excel）', en: 'Export the whole catalog (Excel)' },
  perPage: { zh: '每页', en: 'per page' },
  prev: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  pageOf: { zh: '第 {page} / {pages} 页', en: 'Page {page} of {pages}' },

  kind_locked: { zh: '锁定要素不一致', en: 'locked element differs' },
  kind_looser: { zh: '宽于上级', en: 'looser than parent' },
  kind_tightened: { zh: '严于上级', en: 'stricter than parent' },
  kind_review: { zh: '需人工判断', en: 'needs review' },
  kind_unknown: { zh: '目录外事项', en: 'not in baseline' },
  kind_missing: { zh: '未认领', en: 'not claimed' },

  status_open: { zh: '待审', en: 'open' },
  status_decided: { zh: '已处理', en: 'decided' },
  status_outdated: { zh: '需复核', en: 'outdated' },
  status_resolved: { zh: '已消除', en: 'resolved' },
  missingHint: { zh: '{name}有此事项，本级应认领而未认领。', en: '{name} has this item; this region should claim it but has not.' },
  unknownHint: { zh: '省级通用目录中没有此事项（原则上不得超出通用目录）。', en: 'The province baseline has no such item.' },
  outdatedHint: { zh: '差异内容已变化，原处理需重新审核', en: 'The difference changed since it was decided; look again' },
  resolvedHint: { zh: '差异已不存在（已整改或已同步上级）', en: 'The difference is gone' },

  decision_accepted: { zh: '认可为本地差异', en: 'accepted as local variation' },
  'decision_fix-requested': { zh: '要求整改', en: 'fix requested' },
  decision_comment: { zh: '备注', en: 'comment' },
  decision_reopened: { zh: '重新打开', en: 'reopened' },

  doAccept: { zh: '认可为本地差异', en: 'Accept as local variation' },
  doFix: { zh: '要求整改', en: 'Request a fix' },
  doComment: { zh: '添加备注', en: 'Comment' },
  doReopen: { zh: '重新打开', en: 'Reopen' },
  reasonLabel: { zh: '理由（必填）', en: 'Reason (required)' },
  commentLabel: { zh: '意见（必填）', en: 'Comment (required)' },
  reopenLabel: { zh: '说明（可选）', en: 'Note (optional)' },
  decide: { zh: '处理…', en: 'Decide…' },
  decideTitle: { zh: '处理差异', en: 'Decide a discrepancy' },
  cancel: { zh: '取消', en: 'Cancel' },
  decidedBy: { zh: '{who} 于 {when}', en: 'by {who}, {when}' },
  fromGit: { zh: '来自 git（decisions.yaml）', en: 'from git (decisions.yaml)' },
  viewPatch: { zh: '查看整改补丁', en: 'view the fix as a patch' },
  downloadPatch: { zh: '下载 .patch', en: 'download .patch' },
  errNoPatch: { zh: '无法为此差异生成整改补丁（服务器未配置目录，或此类差异没有可采用的上级值）', en: 'no fix patch for this discrepancy (the server has no catalog, or this kind has no value to take)' },
  history: { zh: '处理记录', en: 'History' },
  noPermission: { zh: '无权处理（不在您的辖区）', en: 'Outside your region' },
  errReasonRequired: { zh: '请填写理由或意见。', en: 'A reason or comment is required.' },
  errChanged: {
    zh: '该差异在您查看后已发生变化，请刷新后重新审核。',
    en: 'This discrepancy changed after you opened it; reload and look again.',
  },
  errNotDecided: { zh: '该差异尚未处理，无需重新打开。', en: 'Nothing to reopen: it has not been decided.' },
  saved: { zh: '已保存。', en: 'Saved.' },
  savedDecision: { zh: '已保存：{what}（{decision}）。', en: 'Saved: {what} ({decision}).' },
  openItem: { zh: '查看事项', en: 'Open the item' },
  ownRegionShown: { zh: '默认显示本辖区（{name}）及下级的差异。', en: 'Showing your own region ({name}) and the regions below it.' },
  widenToProvince: { zh: '查看全部（{name}）', en: 'Show all of {name}' },
  facetsLabel: { zh: '筛选', en: 'Filters' },

  // item page
  itemTitle: { zh: '事项详情', en: 'Item' },
  catalogCode: { zh: '基本编码', en: 'Catalog code' },
  file: { zh: '文件', en: 'File' },
  notClaimed: { zh: '本区划尚未认领该事项。', en: 'This region has not claimed this item.' },
  removedItem: { zh: '该事项文件已于版本 {rev} 删除。', en: 'This item file was deleted at {rev}.' },
  compareTitle: { zh: '逐项对照', en: 'Field by field' },
  element: { zh: '要素', en: 'Element' },
  thisRegion: { zh: '本级：{name}', en: 'This region: {name}' },
  parentRegion: { zh: '上级：{name}', en: 'Parent: {name}' },
  baselineRegion: { zh: '省级通用目录：{name}', en: 'Province baseline: {name}' },
  group_basic: { zh: '基本信息', en: 'Basic information' },
  group_acceptance: { zh: '受理条件与材料', en: 'Conditions and materials' },
  group_process: { zh: '办理流程与时限', en: 'Procedure and time limits' },
  group_channels: { zh: '办理渠道', en: 'Channels' },
  group_result: { zh: '结果', en: 'Result' },
  groupsNav: { zh: '要素分组', en: 'Element groups' },
  handlingItemsHint: {
    zh: '业务办理项是申请人实际申请的最小单元；未单独填写的要素沿用事项本身的（标“沿用事项”）。',
    en: 'A handling item is the smallest unit an applicant applies for; an element it does not give is the item\'s own (marked "from the item").',
  },
  handlingCode: { zh: '业务办理项编码', en: 'Handling item code' },
  inherited: { zh: '沿用事项', en: 'from the item' },
  givenHere: { zh: '本办理项填写', en: 'given here' },
  noHandlingItems: { zh: '本事项未拆分业务办理项。', en: 'The item is not split into handling items.' },
  notInParent: { zh: '上级没有此办理项', en: 'the parent has no such handling item' },
  lifecycle: { zh: '事项状态', en: 'Lifecycle' },
  versionN: { zh: '第 {n} 版', en: 'version {n}' },
  effectiveOn: { zh: '计划 {date} 生效', en: 'effective {date}' },
  cancelOn: { zh: '计划 {date} 取消', en: 'cancelled from {date}' },
  suspendedNotice: { zh: '该事项已暂停办理。', en: 'This item is suspended.' },
  cancelledNotice: { zh: '该事项已取消（计划取消日期 {date}）。', en: 'This item is cancelled (planned cancel date {date}).' },
  otherElements: { zh: '其他要素', en: 'Other elements' },
  fileLinks: { zh: '附件', en: 'Files' },
  externalLink: { zh: '（外部网址）', en: '(external address)' },
  fileNotFound: { zh: '找不到该文件：{detail}', en: 'File not found: {detail}' },
  errCatalogRepo: {
    zh: '服务器暂时无法读取目录的 git 仓库，请稍后重试；如仍不行，请联系管理员（原因见服务器日志）。',
    en: "The server cannot read the catalog's git repository right now; retry later, and if it persists tell the administrator (the server log says why).",
  },
  fileNoCatalog: { zh: '服务器未配置目录（serve --catalog），无法提供文件。', en: 'The server has no catalog (serve --catalog): files cannot be served.' },
  findingsTitle: { zh: '校验问题', en: 'Findings' },
  noFindings: { zh: '没有校验问题。', en: 'No findings.' },
  severity_error: { zh: '错误', en: 'error' },
  severity_warning: { zh: '警告', en: 'warning' },
  severity_info: { zh: '提示', en: 'info' },
  discrepanciesTitle: { zh: '与上级的差异', en: 'Discrepancies' },
  noDiscrepancies: { zh: '与上级一致，没有差异。', en: 'Same as the parent: no discrepancies.' },
  versionsTitle: { zh: '版本历史', en: 'Version history' },
  noVersions: { zh: '没有版本记录。', en: 'No versions recorded.' },
  commit: { zh: '提交', en: 'Commit' },
  author: { zh: '作者', en: 'Author' },
  date: { zh: '时间', en: 'Date' },
  message: { zh: '说明', en: 'Message' },
  change_A: { zh: '新增', en: 'added' },
  change_M: { zh: '修改', en: 'modified' },
  change_D: { zh: '删除', en: 'deleted' },
  change_R: { zh: '重命名', en: 'renamed' },
  compareVersions: { zh: '比较所选版本', en: 'Compare selected versions' },
  from: { zh: '旧', en: 'From' },
  to: { zh: '新', en: 'To' },
  versionDiffTitle: { zh: '版本 {from} → {to} 的变化', en: 'Changes {from} → {to}' },
  noChanges: { zh: '两个版本内容相同。', en: 'The two versions are the same.' },
  before: { zh: '修改前', en: 'Before' },
  after: { zh: '修改后', en: 'After' },
  changeKind_added: { zh: '新增', en: 'added' },
  changeKind_removed: { zh: '删除', en: 'removed' },
  changeKind_changed: { zh: '修改', en: 'changed' },
  changeKind_reordered: { zh: '调整顺序', en: 'reordered' },

  // search
  searchTitle: { zh: '事项搜索', en: 'Search items' },
  searchItems: { zh: '事项名称、受理条件或编码', en: 'Item name, conditions or code' },
  searchHint: {
    zh: '按事项名称和受理条件查找（中文任意连续字词；空格分隔的多个词须同时出现）。每个事项列出一次，显示最上级匹配的区划。',
    en: 'Finds items by name and conditions (any run of Chinese characters; words separated by spaces must all occur). Each item once, as the topmost matching region holds it.',
  },
  searchSubmit: { zh: '搜索', en: 'Search' },
  noSearchResults: { zh: '没有找到包含“{q}”的事项。', en: 'No item contains "{q}".' },
  matchedIn: { zh: '匹配于', en: 'Matched in' },
  matchedRegions: { zh: '{n} 个区划匹配', en: 'matches in {n} regions' },

  // coverage
  coverageTitle: { zh: '认领覆盖', en: 'Coverage' },
  coverageHint: {
    zh: '省级通用目录事项 × 下级区划：✓ 已认领，✗ 应认领未认领，— 本层级不适用。点击区划名称查看其下级。',
    en: 'Baseline items × regions: ✓ claimed, ✗ applies but not claimed, — does not apply. Click a region to see the regions below it.',
  },
  allLevelsBelow: { zh: '显示所有下级区划', en: 'All regions below' },
  onlyGaps: { zh: '仅显示有未认领的事项', en: 'Only items with gaps' },
  claimed: { zh: '已认领', en: 'claimed' },
  missing: { zh: '未认领', en: 'not claimed' },
  notApplicable: { zh: '不适用', en: 'n/a' },
  noRegionsBelow: { zh: '该区划下没有下级区划。', en: 'No regions below this one.' },

  // audit
  auditTitle: { zh: '审计日志', en: 'Audit log' },
  time: { zh: '时间', en: 'Time' },
  actor: { zh: '操作人', en: 'Actor' },
  action: { zh: '操作', en: 'Action' },
  target: { zh: '对象', en: 'Target' },
  detail: { zh: '详情', en: 'Detail' },
  allActions: { zh: '全部操作', en: 'All actions' },
  noAudit: { zh: '没有记录。', en: 'No entries.' },
  'action_review.accepted': { zh: '认可差异', en: 'accepted' },
  'action_review.fix-requested': { zh: '要求整改', en: 'requested a fix' },
  'action_review.comment': { zh: '备注', en: 'commented' },
  'action_review.reopened': { zh: '重新打开', en: 'reopened' },
  action_login: { zh: '登录', en: 'signed in' },
  'action_login.failed': { zh: '登录失败', en: 'failed sign-in' },
  action_logout: { zh: '退出', en: 'signed out' },
  'action_user.add': { zh: '新增用户', en: 'added user' },
  'action_user.passwd': { zh: '修改密码', en: 'changed password' },
  'action_user.disable': { zh: '停用用户', en: 'disabled user' },
  action_sync: { zh: '同步', en: 'sync' },

  // values as text (display.ts)
  valYes: { zh: '是', en: 'yes' },
  valNo: { zh: '否', en: 'no' },
  valCharged: { zh: '收费', en: 'charged' },
  valFree: { zh: '不收费', en: 'free of charge' },
  valCopies: { zh: '复印件 {n} 份', en: '{n} copies' },
  valOriginals: { zh: '原件 {n} 份', en: '{n} originals' },
  valDeferrable: { zh: '容缺受理', en: 'may follow later' },
  valDays: { zh: '{n} 天', en: '{n} days' },
  valBasis: { zh: '依据', en: 'basis' },
  valNoLimit: { zh: '无', en: '无 (none)' },

  // errors
  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  error400: { zh: '请求参数无效：{detail}', en: 'Bad request: {detail}' },
  error401: { zh: '未登录或登录已过期，请重新登录。', en: 'You are not signed in, or your session has ended. Please sign in again.' },
  error403: { zh: '无权执行此操作。', en: 'You may not do this.' },
  error403Csrf: { zh: '表单已失效（安全校验未通过），请刷新页面后重试。', en: 'The form expired (security check failed); reload and retry.' },
  error403Region: { zh: '该差异不在您的辖区内，无权处理。', en: 'This discrepancy is outside your region.' },
  error404: { zh: '找不到该页面或对象。', en: 'Not found.' },
  error409: { zh: '内容已变化，请刷新后重试。', en: 'The content changed; reload and retry.' },
  error413: { zh: '提交的内容过大（表单最多 64 KB），请缩短后重试。', en: 'What you sent is too large (a form takes at most 64 KB); shorten it and retry.' },
  error429: { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  error500: { zh: '服务器内部错误。', en: 'Internal error.' },
  backHome: { zh: '返回概览', en: 'Back to overview' },
  goBack: { zh: '返回', en: 'Back' },
} satisfies Record<string, { zh: string; en: string }>;

export type MsgKey = keyof typeof M;

export type Translate = (key: MsgKey, params?: Record<string, string | number>) => string;

export function isMsgKey(key: string): key is MsgKey {
  return Object.hasOwn(M, key);
}

export function translator(lang: Lang): Translate {
  return (key, params) => {
    let text: string = M[key][lang];
    if (params) text = text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    return text;
  };
}

/** A label from a dynamic family (`kind_locked`, `status_open` …); falls back to the raw value. */
export function label(lang: Lang, family: string, value: string): string {
  return LABELS[lang].get(`${family}_${value}`) ?? value;
}

const LABELS: Record<Lang, Map<string, string>> = {
  zh: new Map(Object.entries(M).map(([key, text]) => [key, text.zh])),
  en: new Map(Object.entries(M).map(([key, text]) => [key, text.en])),
};

// Element labels: Chinese from the element schema's titles (elements.ts), English here; a name neither knows is
// shown as it is.
const ELEMENT_EN: Record<string, string> = {
  catalogCode: 'Catalog code',
  name: 'Name',
  type: 'Type',
  basis: 'Legal basis',
  useLevel: 'Levels',
  taskCode: 'Task code',
  dept: 'Department',
  serviceObjects: 'Service objects',
  caseType: 'Case type',
  statutoryLimit: 'Statutory time limit',
  promisedLimit: 'Promised time limit',
  visits: 'Visits',
  visitsReason: 'Why visits are needed',
  conditions: 'Conditions',
  materials: 'Materials',
  steps: 'Steps',
  fee: 'Fee',
  handlingForms: 'Handling forms',
  onlineDepth: 'Online depth',
  handleArea: 'Handling area',
  places: 'Places',
  consultPhone: 'Enquiry phone',
  complaintPhone: 'Complaints phone',
  result: 'Result',
  status: 'Item status',
  version: 'Item version',
  effectiveDate: 'Planned effective date',
  cancelDate: 'Planned cancel date',
  localCatalogCode: 'Local catalog code',
  localTaskCode: 'Local task code',
  powerSource: 'Source of power',
  jointDepts: 'Joint departments',
  statutoryLimitNote: 'Statutory time limit note',
  promisedLimitNote: 'Promised time limit note',
  specialProcedures: 'Special procedures',
  quantityLimit: 'Quantity limit',
  intermediaries: 'Intermediary services',
  onlineUrl: 'Online service address',
  mobileUrl: 'Mobile service address',
  express: 'Delivery by courier',
  payOnline: 'Online payment',
  appointment: 'Appointments',
  inHall: 'In the service hall',
  resultSample: 'Result sample',
  handlingItems: 'Handling items',
};

// Members of entries and objects that the page names on their own (file references); Chinese from the schema.
const MEMBER_EN: Record<string, string> = {
  'materials.blankForm': 'Blank form',
  'materials.example': 'Filled-in example',
};

/** The elements in the spec's order (item page rows, field facet order). */
export const FIELD_ORDER = ELEMENTS;

/** An element's label; `''` (the path of the whole item) is 整个事项 / Whole item. */
export function fieldLabel(lang: Lang, field: string): string {
  if (field === '') return M.wholeItem[lang];
  return (lang === 'zh' ? elementTitle(field) : ELEMENT_EN[field]) ?? field;
}

/** A member's label, e.g. (`materials`, `blankForm`) → 空白表格 / Blank form; the member's name when neither knows it. */
export function memberLabel(lang: Lang, element: string, member: string): string {
  return (lang === 'zh' ? memberTitle(element, member) : MEMBER_EN[`${element}.${member}`]) ?? member;
}

/** The names English speakers read for the levels; Chinese shows the level as the catalog writes it (LEVELS). */
const LEVEL_EN: Record<Level, string> = { 省级: 'province', 市级: 'city', 县级: 'county', 乡镇级: 'township', 村级: 'village' };

/** A region's level as the UI shows it, everywhere regions are listed; a value that is no level is shown as it is. */
export function levelLabel(lang: Lang, level: string | null): string {
  if (level === null) return '';
  return lang === 'en' && Object.hasOwn(LEVEL_EN, level) ? LEVEL_EN[level as Level] : level;
}

export function parseLang(value: string | undefined): Lang | undefined {
  return value === 'zh' || value === 'en' ? value : undefined;
}

/**
 * The metric catalog: the single source of truth for every cell of the national report format
 * (国办公开办函〔2021〕30号). Ids are the public ones of METRICS.md. The schema, the parsers' row
 * matching, the tokenizer dictionary, the question matcher and the answer wording all derive from here.
 */

export type TableId = '表二' | '表三' | '表四';
export type Unit = '件' | '万元';

export interface Metric {
  /** Public id (METRICS.md), e.g. `applications.newReceived.total`. */
  id: string;
  table: TableId;
  /** Section of the report the table belongs to. */
  section: string;
  /** Row label as printed, e.g. `（六）行政处罚` or `三（三）不予公开 1.属于国家秘密`. */
  rowLabel: string;
  /** Column label as printed. */
  columnLabel: string;
  /** Short Chinese name used in answers, e.g. `行政处罚决定数`. */
  name: string;
  /** English name used in English answers. */
  english: string;
  unit: Unit;
  /** Words people use for the row (without the column), most specific first. */
  aliases: readonly string[];
  /** English words for the row. */
  englishAliases: readonly string[];
  /** Words for the column (applicant type / outcome), when the row has several columns. */
  columnAliases: readonly string[];
  englishColumnAliases: readonly string[];
  /** Group id: the row id shared by all columns of one row, e.g. `applications.newReceived`. */
  rowId: string;
  /** Column key, e.g. `total`, `naturalPerson`, `issued`, or `value` for single-cell rows. */
  columnKey: string;
}

interface RowSpec {
  key: string;
  label: string;
  name: string;
  english: string;
  aliases: readonly string[];
  englishAliases: readonly string[];
  /** Row label pattern used by the parsers, matched against whitespace-free text. */
  pattern: RegExp;
}

interface ColumnSpec {
  key: string;
  label: string;
  aliases: readonly string[];
  english: readonly string[];
}

// ---------------------------------------------------------------- 表二
const SECTION_2 = '二、主动公开政府信息情况';
const SECTION_3 = '三、收到和处理政府信息公开申请情况';
const SECTION_4 = '四、政府信息公开行政复议、行政诉讼情况';

export const REGULATION_COLUMNS = [
  { key: 'issued', label: '本年制发件数', aliases: ['本年制发', '制发', '新制发', '新制定', '制定', '出台', '新发', '新出', '印发'], english: ['issued', 'issue', 'newly issued', 'adopted', 'promulgated'] },
  { key: 'repealed', label: '本年废止件数', aliases: ['本年废止', '废止', '废掉', '废除', '取消', '废了', '作废', '废弃'], english: ['repealed', 'abolished'] },
  { key: 'inForce', label: '现行有效件数', aliases: ['现行有效', '有效', '现行', '还有效'], english: ['in force', 'valid', 'current'] },
] as const satisfies readonly ColumnSpec[];

export const REGULATION_ROWS = [
  {
    key: 'rules', label: '第二十条第（一）项 规章', name: '规章', english: 'rules (规章)',
    aliases: ['规章'], englishAliases: ['rules', 'rule', 'government rules'], pattern: /^规章$|^规章(?!制度)/,
  },
  {
    key: 'normativeDocs', label: '第二十条第（一）项 行政规范性文件', name: '行政规范性文件', english: 'normative documents (行政规范性文件)',
    aliases: ['行政规范性文件', '规范性文件', '规范文件'], englishAliases: ['normative documents', 'normative document', 'normative'], pattern: /规范性文件/,
  },
] as const satisfies readonly RowSpec[];

interface SingleCellSpec {
  id: string;
  label: string;
  column: string;
  name: string;
  english: string;
  unit: Unit;
  aliases: readonly string[];
  englishAliases: readonly string[];
  pattern: RegExp;
}

export const DECISION_ROWS = [
  {
    id: 'licensing.decisions', label: '第二十条第（五）项 行政许可', column: '本年处理决定数量', name: '行政许可', english: 'administrative licensing decisions', unit: '件',
    aliases: ['行政许可', '许可决定', '许可'], englishAliases: ['administrative licensing', 'administrative licenses', 'administrative license', 'licensing', 'licenses', 'license', 'permits'], pattern: /行政许可/,
  },
  {
    id: 'penalty.decisions', label: '第二十条第（六）项 行政处罚', column: '本年处理决定数量', name: '行政处罚', english: 'administrative penalty decisions', unit: '件',
    aliases: ['行政处罚', '处罚决定', '处罚'], englishAliases: ['administrative penalties', 'administrative penalty', 'penalties', 'penalty', 'fines', 'sanctions'], pattern: /行政处罚/,
  },
  {
    id: 'coercion.decisions', label: '第二十条第（六）项 行政强制', column: '本年处理决定数量', name: '行政强制', english: 'administrative coercion decisions', unit: '件',
    aliases: ['行政强制', '强制决定', '强制措施', '强制执行', '强制'], englishAliases: ['administrative coercion', 'coercive measures', 'coercion', 'enforcement measures'], pattern: /行政强制/,
  },
  {
    id: 'fees.amountWan', label: '第二十条第（八）项 行政事业性收费', column: '本年收费金额（单位：万元）', name: '行政事业性收费', english: 'administrative and institutional charges', unit: '万元',
    aliases: ['行政事业性收费', '事业性收费', '行政事业性费用', '收费金额', '行政收费'], englishAliases: ['administrative and institutional charges', 'administrative fees', 'institutional charges', 'charges', 'fees collected'], pattern: /事业性收费/,
  },
] as const satisfies readonly SingleCellSpec[];

// ---------------------------------------------------------------- 表三
export const APPLICANT_COLUMNS = [
  { key: 'naturalPerson', label: '自然人', aliases: ['自然人', '个人', '老百姓', '公民', '群众'], english: ['natural person', 'natural persons', 'individuals', 'individual', 'citizens'] },
  { key: 'commercial', label: '商业企业', aliases: ['商业企业', '企业', '公司'], english: ['commercial enterprises', 'businesses', 'companies', 'enterprises'] },
  { key: 'research', label: '科研机构', aliases: ['科研机构', '科研', '研究机构'], english: ['research institutions', 'research'] },
  { key: 'socialOrg', label: '社会公益组织', aliases: ['社会公益组织', '社会组织', '公益组织', '社会公益'], english: ['social organizations', 'ngos', 'non-profits', 'public welfare'] },
  { key: 'legalService', label: '法律服务机构', aliases: ['法律服务机构', '律师事务所', '律所', '法律服务'], english: ['legal service', 'law firms', 'lawyers'] },
  { key: 'otherOrg', label: '其他', aliases: ['其他组织'], english: ['other organizations'] },
  { key: 'total', label: '总计', aliases: ['总计'], english: [] },
] as const satisfies readonly ColumnSpec[];

/** The 26 rows of 表三 in their fixed printed order. */
export const APPLICATION_ROWS = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', name: '本年新收政府信息公开申请数量', english: 'new applications received', aliases: ['本年新收', '新收', '收到', '申请数量', '政府信息公开申请', '申请数', '新收申请'], englishAliases: ['new applications', 'applications received', 'receive', 'received', 'requests received', 'new requests', 'new disclosure requests', 'requests were received', 'applications were received', 'were received', 'disclosure requests', 'applications', 'requests'], pattern: /本年新收/ },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', name: '上年结转政府信息公开申请数量', english: 'applications carried over from last year', aliases: ['上年结转', '上一年结转', '结转过来', '去年结转'], englishAliases: ['carried over from last year', 'carried over'], pattern: /上年结转/ },
  { key: 'granted', label: '三、本年度办理结果（一）予以公开', name: '予以公开', english: 'granted in full', aliases: ['予以公开', '同意公开', '全部公开'], englishAliases: ['granted in full', 'fully granted', 'granted'], pattern: /予以公开/ },
  { key: 'partiallyGranted', label: '（二）部分公开', name: '部分公开', english: 'partially granted', aliases: ['部分公开'], englishAliases: ['partially granted', 'partly granted', 'partial', 'granted in part', 'in part'], pattern: /部分公开/ },
  { key: 'withheld.stateSecret', label: '（三）不予公开 1.属于国家秘密', name: '不予公开（属于国家秘密）', english: 'withheld: state secret', aliases: ['国家秘密'], englishAliases: ['state secret', 'state secrets'], pattern: /国家秘密/ },
  { key: 'withheld.lawProhibited', label: '（三）不予公开 2.其他法律行政法规禁止公开', name: '不予公开（其他法律行政法规禁止公开）', english: 'withheld: prohibited by other laws', aliases: ['法律行政法规禁止公开', '禁止公开', '法律法规禁止', '法律行政法规禁止', '法规禁止'], englishAliases: ['prohibited by law'], pattern: /法规禁止|禁止公开/ },
  { key: 'withheld.threeSecurities', label: '（三）不予公开 3.危及“三安全一稳定”', name: '不予公开（危及“三安全一稳定”）', english: 'withheld: endangers the "three securities and one stability"', aliases: ['三安全一稳定', '三安全'], englishAliases: ['three securities'], pattern: /三安全|一稳定/ },
  { key: 'withheld.thirdPartyRights', label: '（三）不予公开 4.保护第三方合法权益', name: '不予公开（保护第三方合法权益）', english: 'withheld: third-party rights', aliases: ['第三方合法权益', '第三方权益', '第三方'], englishAliases: ['third party', 'third-party'], pattern: /第三方/ },
  { key: 'withheld.internalAffairs', label: '（三）不予公开 5.属于三类内部事务信息', name: '不予公开（属于三类内部事务信息）', english: 'withheld: internal affairs', aliases: ['三类内部事务', '内部事务'], englishAliases: ['internal affairs'], pattern: /内部事务/ },
  { key: 'withheld.processInfo', label: '（三）不予公开 6.属于四类过程性信息', name: '不予公开（属于四类过程性信息）', english: 'withheld: process information', aliases: ['四类过程性信息', '过程性信息'], englishAliases: ['process information', 'deliberative'], pattern: /过程性/ },
  { key: 'withheld.enforcementFiles', label: '（三）不予公开 7.属于行政执法案卷', name: '不予公开（属于行政执法案卷）', english: 'withheld: enforcement case files', aliases: ['行政执法案卷', '执法案卷'], englishAliases: ['enforcement files', 'case files'], pattern: /执法案卷/ },
  { key: 'withheld.queryMatters', label: '（三）不予公开 8.属于行政查询事项', name: '不予公开（属于行政查询事项）', english: 'withheld: administrative query matters', aliases: ['行政查询事项', '查询事项'], englishAliases: ['query matters'], pattern: /查询事项/ },
  { key: 'unavailable.notHeld', label: '（四）无法提供 1.本机关不掌握相关政府信息', name: '无法提供（本机关不掌握相关政府信息）', english: 'unavailable: not held by the agency', aliases: ['不掌握相关政府信息', '不掌握', '手里没有', '手里压根没有', '手上没有', '本来就没有这个信息', '没有这个信息', '没这个信息'], englishAliases: ['not held'], pattern: /不掌握/ },
  { key: 'unavailable.needsCreation', label: '（四）无法提供 2.没有现成信息需要另行制作', name: '无法提供（没有现成信息需要另行制作）', english: 'unavailable: would need to be created', aliases: ['没有现成信息需要另行制作', '另行制作', '没有现成信息'], englishAliases: ['needs creation', 'would need to be created'], pattern: /另行制作|没有现成/ },
  { key: 'unavailable.unclearAfterCorrection', label: '（四）无法提供 3.补正后申请内容仍不明确', name: '无法提供（补正后申请内容仍不明确）', english: 'unavailable: still unclear after correction', aliases: ['补正后还说不清楚', '补正以后还说不清楚', '补正后还不清楚', '补正后仍不明确', '补正后还不明确', '补正后申请内容仍不明确', '补正后仍不明确', '仍不明确'], englishAliases: ['unclear after correction'], pattern: /补正后|仍不明确/ },
  { key: 'notProcessed.complaints', label: '（五）不予处理 1.信访举报投诉类申请', name: '不予处理（信访举报投诉类申请）', english: 'not processed: petitions and complaints', aliases: ['信访举报投诉', '信访', '举报投诉'], englishAliases: ['petitions', 'complaints'], pattern: /信访|举报投诉/ },
  { key: 'notProcessed.repeated', label: '（五）不予处理 2.重复申请', name: '不予处理（重复申请）', english: 'not processed: repeated applications', aliases: ['重复申请', '重复'], englishAliases: ['repeated applications', 'repeat'], pattern: /重复申请/ },
  { key: 'notProcessed.publications', label: '（五）不予处理 3.要求提供公开出版物', name: '不予处理（要求提供公开出版物）', english: 'not processed: requests for publications', aliases: ['公开出版物', '出版物'], englishAliases: ['publications'], pattern: /出版物/ },
  { key: 'notProcessed.excessive', label: '（五）不予处理 4.无正当理由大量反复申请', name: '不予处理（无正当理由大量反复申请）', english: 'not processed: excessive repeated applications', aliases: ['大量反复申请', '大量反复'], englishAliases: ['excessive'], pattern: /大量反复/ },
  { key: 'notProcessed.confirmation', label: '（五）不予处理 5.要求行政机关确认或重新出具已获取信息', name: '不予处理（要求确认或重新出具已获取信息）', english: 'not processed: confirmation of information already obtained', aliases: ['重新出具', '确认或重新出具'], englishAliases: ['confirmation'], pattern: /重新出具|确认或/ },
  { key: 'otherHandling.overdueCorrection', label: '（六）其他处理 1.申请人无正当理由逾期不补正', name: '其他处理（逾期不补正）', english: 'other handling: correction overdue', aliases: ['逾期不补正', '不补正'], englishAliases: ['overdue correction', 'did not supplement', 'failed to supplement', 'did not correct', 'failed to correct', 'did not provide corrections'], pattern: /逾期不补正|不补正/ },
  { key: 'otherHandling.unpaidFees', label: '（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用', name: '其他处理（逾期未缴纳费用）', english: 'other handling: fees unpaid', aliases: ['逾期未缴费', '未缴纳费用', '缴纳费用'], englishAliases: ['unpaid fees', 'did not pay fees', 'did not pay the fees', 'failed to pay', 'did not pay', 'not paying fees'], pattern: /缴纳费用|收费通知/ },
  { key: 'otherHandling.misc', label: '（六）其他处理 3.其他', name: '其他处理（其他）', english: 'other handling: other', aliases: [], englishAliases: [], pattern: /^(?:\(六\)其他处理)?\d?\.?其他$/ },
  { key: 'resultsTotal', label: '（七）总计', name: '办理结果总计', english: 'total results', aliases: ['办理结果总计', '办理结果', '办结', '答复', '办完', '处理完', '办理完'], englishAliases: ['total results', 'results', 'handled'], pattern: /总计|合计/ },
  { key: 'carriedForward', label: '四、结转下年度继续办理', name: '结转下年度继续办理', english: 'carried forward to next year', aliases: ['结转下年度', '结转下年', '继续办理', '转下一年', '转到下一年', '转到下年', '转入下一年', '转入下年', '留到下一年', '还剩', '没办完', '未办结', '尚未办结'], englishAliases: ['carried forward', 'carry forward', 'carry over to next year', 'pending to next year', 'carried over to next year', 'carried over to the next year', 'carried into next year', 'carried into the next year', 'still pending', 'pending at year end', 'pending at year-end', 'rolled over'], pattern: /结转下|继续办理/ },
] as const satisfies readonly RowSpec[];

/** （六）其他处理 as a whole: the single row of the 2019 layout, the sum of its sub-rows otherwise. */
export const OTHER_HANDLING_ROW: RowSpec = {
  key: 'otherHandling', label: '（六）其他处理', name: '其他处理', english: 'other handling', aliases: ['其他处理'], englishAliases: ['other handling'], pattern: /其他处理/,
};

/** Result groups whose sub-rows sum to the whole (METRICS.md: the group id is the sum of its sub-rows). */
export const APPLICATION_GROUPS = [
  { key: 'withheld', label: '（三）不予公开', name: '不予公开', english: 'withheld', aliases: ['不予公开', '拒绝公开', '被拒', '拒绝'], englishAliases: ['withheld', 'refused', 'denied'] },
  { key: 'unavailable', label: '（四）无法提供', name: '无法提供', english: 'unavailable', aliases: ['无法提供'], englishAliases: ['unavailable', 'could not be provided'] },
  { key: 'notProcessed', label: '（五）不予处理', name: '不予处理', english: 'not processed', aliases: ['不予处理'], englishAliases: ['not processed'] },
  { key: 'otherHandling', label: '（六）其他处理', name: '其他处理', english: 'other handling', aliases: ['其他处理'], englishAliases: ['other handling'] },
] as const;

/**
 * Words asking why requests ended in a group (不予公开的理由, 无法提供都是什么原因): the group's printed sub-rows are
 * its reasons, so these ask for them, not for case details the form lacks.
 */
export const GROUP_REASON_WORDS = {
  zh: ['原因', '理由', '情形', '为什么', '为啥', '因为什么', '哪几种情况', '哪些情况', '什么情况', '依据'],
  en: ['reason', 'why', 'grounds'],
} as const;

// ---------------------------------------------------------------- 表四
export const OUTCOME_COLUMNS = [
  { key: 'upheld', label: '结果维持', aliases: ['结果维持', '维持'], english: ['upheld'] },
  { key: 'corrected', label: '结果纠正', aliases: ['结果纠正', '纠正', '纠错'], english: ['corrected', 'overturned'] },
  { key: 'other', label: '其他结果', aliases: ['其他结果'], english: ['other outcome'] },
  { key: 'pending', label: '尚未审结', aliases: ['尚未审结', '未审结', '没审完', '审理中', '未结', '审结了没有', '审结了没', '审结没有', '审结了吗', '结案了没有', '结案了吗', '判了没有', '有结果了吗'], english: ['pending', 'not concluded', 'still open'] },
  { key: 'total', label: '总计', aliases: ['总计'], english: [] },
] as const satisfies readonly ColumnSpec[];

export const REVIEW_BLOCKS = [
  { key: 'review', label: '行政复议', name: '行政复议', english: 'administrative reviews', aliases: ['行政复议', '复议'], englishAliases: ['administrative review', 'administrative reviews', 'reconsideration', 'review'] },
  { key: 'litigation.direct', label: '行政诉讼 未经复议直接起诉', name: '行政诉讼（未经复议直接起诉）', english: 'lawsuits filed directly', aliases: ['未经复议直接起诉', '直接起诉'], englishAliases: ['direct lawsuits', 'lawsuits filed directly'] },
  { key: 'litigation.afterReview', label: '行政诉讼 复议后起诉', name: '行政诉讼（复议后起诉）', english: 'lawsuits after review', aliases: ['复议后起诉', '复议后'], englishAliases: ['lawsuits after review'] },
] as const;

// ---------------------------------------------------------------- the catalog
function build(): Metric[] {
  const out: Metric[] = [];
  for (const row of REGULATION_ROWS) {
    for (const col of REGULATION_COLUMNS) {
      out.push({
        id: `regulations.${row.key}.${col.key}`, table: '表二', section: SECTION_2,
        rowLabel: row.label, columnLabel: col.label, name: `${row.name}${col.label}`,
        english: `${row.english}, ${col.english[0]}`, unit: '件',
        aliases: row.aliases, englishAliases: row.englishAliases, columnAliases: col.aliases, englishColumnAliases: col.english,
        rowId: `regulations.${row.key}`, columnKey: col.key,
      });
    }
  }
  for (const d of DECISION_ROWS) {
    out.push({
      id: d.id, table: '表二', section: SECTION_2, rowLabel: d.label, columnLabel: d.column,
      name: d.unit === '件' ? `${d.name}决定数` : `${d.name}金额`, english: d.english, unit: d.unit,
      aliases: d.aliases, englishAliases: d.englishAliases, columnAliases: [], englishColumnAliases: [],
      rowId: d.id, columnKey: 'value',
    });
  }
  for (const row of [...APPLICATION_ROWS.slice(0, 20), OTHER_HANDLING_ROW, ...APPLICATION_ROWS.slice(20)]) {
    for (const col of APPLICANT_COLUMNS) {
      out.push({
        id: `applications.${row.key}.${col.key}`, table: '表三', section: SECTION_3,
        rowLabel: row.label, columnLabel: col.key === 'total' ? '总计' : col.key === 'naturalPerson' ? '自然人' : `法人或其他组织 ${col.label}`,
        name: col.key === 'total' ? row.name : `${row.name}（${col.label}）`,
        english: col.key === 'total' ? row.english : `${row.english} (${col.english[0]})`, unit: '件',
        aliases: row.aliases, englishAliases: row.englishAliases, columnAliases: col.aliases, englishColumnAliases: col.english,
        rowId: `applications.${row.key}`, columnKey: col.key,
      });
    }
  }
  for (const block of REVIEW_BLOCKS) {
    for (const col of OUTCOME_COLUMNS) {
      out.push({
        id: `${block.key}.${col.key}`, table: '表四', section: SECTION_4,
        rowLabel: block.label, columnLabel: col.label,
        name: `${block.name}${col.label}`, english: `${block.english}, ${col.english[0] ?? 'total'}`, unit: '件',
        aliases: [...block.aliases], englishAliases: [...block.englishAliases], columnAliases: col.aliases, englishColumnAliases: col.english,
        rowId: block.key, columnKey: col.key,
      });
    }
  }
  return out;
}

/** Every cell id of METRICS.md, in the printed order of the tables. */
export const METRICS: readonly Metric[] = build();
export const METRIC_IDS: readonly string[] = METRICS.map((m) => m.id);
const byId = new Map(METRICS.map((m) => [m.id, m] as const));

/**
 * The cell id of its parts joined by dots (metricId('applications', 'newReceived', 'total')), one string per id
 * however often it is asked: a cell looked up by a string built anew each time pays for hashing it again, and the
 * parser and the audit look up every cell of every report an ingest reads.
 */
const joinedIds = new Map<string, Map<string, string>>();
export function metricId(...parts: string[]): string {
  let id = parts[0]!;
  for (let k = 1; k < parts.length; k++) {
    let next = joinedIds.get(id);
    if (!next) joinedIds.set(id, (next = new Map()));
    let joined = next.get(parts[k]!);
    if (joined === undefined) next.set(parts[k]!, (joined = `${id}.${parts[k]}`));
    id = joined;
  }
  return id;
}

export function metric(id: string): Metric {
  const m = byId.get(id);
  if (!m) throw new Error(`unknown metric id: ${id}`);
  return m;
}

/**
 * The cells a total is the sum of, by the form's own identity: a 表三 row's total is its six applicant columns, a
 * 表四 block's total its four outcomes. Empty for any other cell.
 */
export function partsOfTotal(id: string): string[] {
  const m = byId.get(id);
  if (!m || m.columnKey !== 'total') return [];
  const columns = m.table === '表三' ? APPLICANT_COLUMNS : m.table === '表四' ? OUTCOME_COLUMNS : [];
  return columns.filter((c) => c.key !== 'total').map((c) => `${m.rowId}.${c.key}`);
}

/** Source citation for a cell, e.g. `表二 第二十条第（六）项 行政处罚 · 本年处理决定数量`. */
export function citation(id: string): string {
  const m = metric(id);
  return `${m.table} ${m.rowLabel} · ${m.columnLabel}`;
}

// ---------------------------------------------------------------- ids as types
type KeyOf<T extends ReadonlyArray<{ key: string }>> = T[number]['key'];
type ApplicationRowKey = KeyOf<typeof APPLICATION_ROWS> | 'otherHandling';

/** Every public cell id, computed from the specs above: a misspelt id fails to compile. */
export type MetricId =
  | `regulations.${KeyOf<typeof REGULATION_ROWS>}.${KeyOf<typeof REGULATION_COLUMNS>}`
  | (typeof DECISION_ROWS)[number]['id']
  | `applications.${ApplicationRowKey}.${KeyOf<typeof APPLICANT_COLUMNS>}`
  | `${(typeof REVIEW_BLOCKS)[number]['key']}.${KeyOf<typeof OUTCOME_COLUMNS>}`;

export const asMetricId = (id: string): MetricId | null => (byId.has(id) ? (id as MetricId) : null);

/**
 * Every sentence the bot says in Chinese. Answer modules call these with data; none of them words a sentence
 * inline. en.ts has the same keys (its type is this file's), so a new sentence needs both languages.
 */
import type { CellValue } from '../model/schema.js';
import { amount, fmtNum, percentText, ratioOf } from './numbers.js';

const cnDate = (iso: string | null) => (iso ? iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_m, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`) : null);
const pct = (p: number | null) => (p === null ? '—' : `${fmtNum(p)}%`);

export const zh = {
  lang: 'zh' as 'zh' | 'en',
  sep: '：',
  listJoin: '、',
  num: (n: number, unit: string) => amount(n, unit, false),
  value: (v: CellValue | 'undetermined' | undefined, unit: string) =>
    v === null || v === undefined ? '报告未填写'
      : v === 'n/a' ? '不适用（报告填“/”）'
        : v === 'undetermined' ? '报告印有该数字，但无法从表格中确定'
          : amount(v, unit, false),
  metricName: (zhName: string, _en: string) => zhName,
  source: (s: string) => s,

  // ---- headings and notes
  reportHead: (agency: string, year: number) => `${agency} ${year} 年年报：`,
  defaultYear: (year: number) => `（未指定年份，按最新的 ${year} 年年报回答）`,
  relativeYear: (asked: number, used: number) => `（数据集中没有 ${asked} 年的年报，按最新的 ${used} 年年报回答）`,
  publishedInYear: (asked: number, used: number) => `（${asked} 年发布的是 ${used} 年的年报）`,
  movedYear: (asked: number, used: number) => `（${asked} 年的工作安排写在 ${used} 年年报中）`,
  lowConfidence: (said: string) => `（按“${said}”理解）`,

  // ---- cells
  line: (label: string, value: string) => `${label}：${value}`,
  yearLabel: (year: number) => `${year}年`,
  total: (n: number, unit: string) => `合计：${amount(n, unit, false)}`,
  ofWhich: (label: string, parts: string[]) => `${label}的结果：${parts.join('，')}`,
  blankTotalFromParts: (label: string, n: number, parts: string[]) => `${label}：总计栏报告未填写；按表中各栏相加为 ${fmtNum(n)} 件${parts.length ? `（${parts.join('、')}，其余各栏为 0）` : '（各栏均为 0）'}`,
  ratio: (a: string, b: string, x: number, y: number) => `${a}是${b}的 ${fmtNum(ratioOf(x, y))} 倍（${fmtNum(x)} ÷ ${fmtNum(y)}）`,
  perQuarter: (label: string, n: number, unit: string) => `${label}平均每季度 ${fmtNum(Math.round((n / 4) * 100) / 100)} ${unit}（${fmtNum(n)} ÷ 4）`,
  perMonth: (label: string, n: number, unit: string) => `${label}平均每月 ${fmtNum(Math.round((n / 12) * 100) / 100)} ${unit}（${fmtNum(n)} ÷ 12）`,
  partOfWhole: (part: string, n: number, whole: string, total: number) => `${part} 共 ${fmtNum(n)} 件，占${whole}的 ${percentText(n, total, '约')}（${fmtNum(n)} ÷ ${fmtNum(total)}）`,
  phonesPrinted: (n: number, same: boolean) => same ? `报告中共 ${n} 处印有电话，号码一样。` : `报告中共 ${n} 处印有电话，号码不完全一样。`,
  proseAlso: '报告正文另有：',
  shareOf: (label: string, n: number, total: number) => `${label}占该行总计的 ${percentText(n, total, '约')}（${fmtNum(n)} ÷ ${fmtNum(total)}）`,
  noShare: '年报表格只有件数，没有这个百分比；以上是表中的数字。',
  layoutLacks: (year: number) => `${year} 年年报用的是 2019 年版格式，表中没有这一栏，无法回答。`,
  sumOfAgencies: (n: number, total: string) => `${n} 个单位合计：${total}`,
  notItemised: (asked: string, into: string) => `报告没有单列“${asked}”，只给出“${into}”合计：`,
  totalUnavailable: '合计：部分单元格空白、不适用或无法确定，无法计算',
  difference: (a: string, b: string, diff: number, unit: string) => (diff === 0 ? `${a}与${b}一样多（相同，差 0）` : `${a}比${b}${diff > 0 ? '多' : '少'} ${amount(Math.abs(diff), unit, false)}`),
  cellTable: ['项目', '数值', '来源'],
  cellSourceSection: (table: string, section: string) => `${table}（${section}）`,

  // ---- 主动公开 breakdown
  proactiveTotal: (agency: string, year: number, total: string | null) => `${agency} ${year} 年主动公开政府信息${total ? ` ${total}` : '（报告未写总数）'}。`,
  shareComputed: (name: string, n: number, total: number) => `报告未印${name}的占比；按总数计算：${fmtNum(n)} ÷ ${fmtNum(total)} = ${percentText(n, total, '约')}`,
  category: (name: string, count: string, percent: number | null) => `${name}：${count}${percent !== null ? `，占 ${fmtNum(percent)}%` : ''}`,
  categoriesSum: (names: string[], count: string, share: string | null) => `${names.join(' + ')} 合计 ${count}${share ? `，占 ${share}` : ''}`,
  categoriesExcept: (names: string[], others: number, count: string, share: string | null) => `除${names.join('、')}以外的 ${others} 类合计 ${count}${share ? `，占 ${share}` : ''}`,
  categoryMost: (name: string, count: string, percent: number | null) => `最多的是${name}（${count}${percent !== null ? `，${pct(percent)}` : ''}）`,
  categoryLeast: (names: string[], count: string) => `最少的是${names.join('、')}（各 ${count}）`,
  shareOfTotal: (count: number, total: number) => `${fmtNum(count)}/${fmtNum(total)} = ${fmtNum(Math.round((count / total) * 1000) / 10)}%`,
  percentCheck: (name: string, computed: string, printed: number | null, ok: boolean) => `${name}：${computed}，报告写 ${pct(printed)}，${ok ? '一致' : '不一致'}`,
  percentsSum: (sum: number, ok: boolean) => `各类占比相加 = ${fmtNum(sum)}%，${ok ? '合计为 100%' : '合计不是 100%'}`,
  countsSum: (parts: number[], sum: number, total: number | null) => `各类条数相加：${parts.map(fmtNum).join(' + ')} = ${fmtNum(sum)}${total === null ? '' : `，报告总数 ${fmtNum(total)}，${sum === total ? '一致' : '不一致'}`}`,
  quotedCheck: (count: number, percent: number, computed: string, ok: boolean) => `${fmtNum(count)} 条占 ${fmtNum(percent)}%：按总数计算为 ${computed}，${ok ? '算得对' : '对不上'}`,
  breakdownNotParsed: (total: string) => `报告写明主动公开 ${total}，但分类条数未能从原文中读出，无法列出各类。`,
  breakdownAbsent: '报告没有写主动公开信息的分类条数。',
  breakdownTable: ['类别', '条数', '占比'],
  categoriesCount: (n: number) => `分为 ${n} 类：`,
  categoriesNamed: (names: string[]) => `分为 ${names.length} 类：${names.join('；')}（可问“各类各几条、占比多少”）`,

  // ---- contact, website, report facts
  contactHead: (agency: string, year: number) => `${agency} ${year} 年年报的联系方式：`,
  contactDepartment: (v: string | null) => `联系部门：${v ?? '报告未写明'}`,
  contactPhone: (v: string | null) => `电话：${v ?? '报告未写明'}`,
  contactAddress: (v: string | null) => `地址：${v ?? '报告未写明'}`,
  contactMissing: (part: 'phone' | 'address' | 'email' | 'department') => `报告没有写明${{ phone: '电话', address: '地址', email: '电子邮箱', department: '联系部门' }[part]}。`,
  contactEmail: (v: string | null) => `邮箱：${v ?? '报告未写明'}`,
  websiteLine: (v: string | null) => `网站：${v ?? '报告未写明'}`,
  downloadLine: (v: string | null) => (v ? `报告电子版可在 ${v} 查阅或下载` : '报告未写明下载网址'),
  publishDate: (iso: string | null) => `发布（落款）日期：${cnDate(iso) ?? '报告未写明'}`,
  daysAfterPeriod: (days: number, end: string, published: string) => `落款日期（${cnDate(published)}）距统计期截止（${cnDate(end)}）${days} 天`,
  period: (start: string | null, end: string | null) => (start || end ? `统计期限：${cnDate(start) ?? '未写明'} 至 ${cnDate(end) ?? '未写明'}` : '统计期限：报告未写明'),
  citesHead: '报告引用的文件：',
  cites: (short: string | null, full: string) => (short ? `《${short}》指${full}` : full),
  regulation: (v: string | null) => `报告依据：${v ?? '报告未写明'}`,
  agencyLine: (agency: string) => `编制单位：${agency}`,
  titleLine: (title: string) => `标题：${title}`,
  yearLine: (year: number) => `报告年度：${year} 年`,
  sectionsHead: (n: number) => `共 ${n} 个部分：`,
  subsectionsHead: (heading: string, n: number) => `“${heading}”下分 ${n} 个方面：`,
  sectionN: (n: number, heading: string) => `第${'一二三四五六七八九'[n - 1] ?? n}部分是“${heading}”`,
  sectionMissing: (n: number) => `报告没有第 ${n} 部分`,

  // ---- the form
  formItem: (label: string, covers: string) => `《条例》第二十条${label}：${covers}`,
  formCounted: (names: string[]) => `年报表二按此项统计：${names.join('、')}`,
  formNotCounted: '年报表二不单列此项的数字',
  formRow: (row: string, table: string, section: string) => `“${row}”是${table}（${section}）中的一行`,
  formColumns: (cols: string[]) => `按列统计：${cols.join('、')}`,
  formSubRows: (rows: string[]) => `包括：${rows.join('；')}`,
  formTable: (table: string, section: string) => `${table}是“${section}”的统计表`,
  formTable2: '年报表二（主动公开）统计《条例》第二十条的第（一）项（规章、行政规范性文件）、第（五）项（行政许可）、第（六）项（行政处罚、行政强制）、第（八）项（行政事业性收费）。',

  // ---- narrative, lists
  passageHead: (agency: string, year: number) => `${agency} ${year} 年年报原文：`,
  subsectionHead: (agency: string, year: number, heading: string) => `${agency} ${year} 年年报“${heading}”原文：`,
  listHead: (agency: string, year: number, what: 'problems' | 'improvements', n: number) => `${agency} ${year} 年年报列出的${what === 'problems' ? '存在的主要问题' : '整改/改进措施'}共 ${n} 条：`,
  listMissing: (what: 'problems' | 'improvements') => `报告没有单列${what === 'problems' ? '存在的问题' : '整改措施'}`,
  fees: (agency: string, year: number, yuan: number | null | undefined) => `${agency} ${year} 年${yuan === 0 ? '未收取信息处理费（0 元）' : typeof yuan === 'number' ? `收取信息处理费 ${fmtNum(yuan)} 元` : '报告提到信息处理费，但未写明金额'}。`,
  quote: (text: string) => `原文：“${text}”`,
  noFigure: (agency: string, year: number) => `${agency} ${year} 年年报没有给出这个数字，我不做推测。相关原文如下：`,

  // ---- audit
  auditHead: (agency: string, year: number) => `${agency} ${year} 年年报数据核对：`,
  blockCheck: (label: string, parts: number[], sum: number, total: number) => `${label}：${parts.map(fmtNum).join(' + ')} = ${fmtNum(sum)}，总计 ${fmtNum(total)}，${sum === total ? '一致' : '不一致'}`,
  balanceCheck: (a: number, b: number, c: number, d: number) => `表三总计列：一（${fmtNum(a)}）+ 二（${fmtNum(b)}）= ${fmtNum(a + b)}，三（七）总计（${fmtNum(c)}）+ 四（${fmtNum(d)}）= ${fmtNum(c + d)}，${a + b === c + d ? '一致（两边相等，勾稽关系成立）' : '不一致（两边不相等，勾稽关系不成立）'}`,
  balancePartial: (a: number, b: number, c: number | null, d: number | null) => `表三总计列：一（${fmtNum(a)}）+ 二（${fmtNum(b)}）= ${fmtNum(a + b)}；三（七）总计${c === null ? '未填写' : `（${fmtNum(c)}）`}、四${d === null ? '未填写' : `（${fmtNum(d)}）`}，无法核对是否相等`,
  findings: (n: number, errors: number) => `审核发现 ${n} 项问题（${errors} 项错误）：`,
  finding: (rule: string, message: string) => `- [${rule}] ${message}`,
  allPass: '全部勾稽关系与一致性检查通过：表三各列 一+二=三（七）+四、各行合计、表四各栏合计、主动公开分类与占比均一致，未发现矛盾。',
  breakdownUnchecked: '主动公开分类未能从原文读出，分类与占比无法核对。',

  // ---- source
  sourceHead: (agency: string, year: number) => `${agency} ${year} 年年报中：`,
  sourceLine: (name: string, section: string, cite: string) => `${name}：见“${section}”，${cite}`,
  sourceBreakdown: (section: string, line: string | null) => `主动公开的条数和分类出自正文“${section}”，不在表格中${line ? `：“${line}”` : ''}`,

  // ---- card
  cardHead: (agency: string, years: number[]) => `${agency}：数据集中有 ${years.join('、')} 年的年报。`,
  cardLatest: (year: number) => `${year} 年年报要点：`,
  cardProactive: (total: string) => `主动公开政府信息：${total}`,
  cardMore: '可以继续问：行政处罚多少件、收到多少申请、怎么联系……',

  // ---- across reports
  usedReports: (names: string[], total: number) => `使用的年报（${total} 份）：${names.join('、') || '无'}${total > names.length ? ` 等 ${total} 份` : ''}`,
  notCounted: (label: string, names: string[], total: number) => `未计入（年报中${label}空白、不适用或无法确定）：${names.join('、')}${total > names.length ? ` 等 ${total} 个` : ''}`,
  withoutReport: (year: number, names: string[], total: number) => `没有 ${year} 年年报的单位 ${total} 个：${names.join('、')}${total > names.length ? ` 等 ${total} 个` : ''}`,
  noYearGiven: (year: number) => `；未指定年份，按年报最多的 ${year} 年`,
  compareYearsHead: (agency: string) => `${agency}：`,
  compareYearsLine: (label: string, parts: string[], change: string) => `${label}：${parts.join('，')}${change ? `，变化 ${change}` : ''}`,
  yearValue: (year: number, value: string) => `${year} 年 ${value}`,
  trendHead: (agency: string, from: number, to: number, label: string) => `${agency} ${from}–${to} 年${label}：`,
  trendTable: (label: string) => ['年份', label, '较上年'],
  noReport: '无年报',
  trendMissing: (years: number[], available: number[]) => `${years.join('、')} 年没有年报（现有 ${available.join('、')}）。`,
  trendPick: (most: boolean, years: number[], value: string) => `${most ? '最多' : '最少'}的是 ${years.join('、')} 年（${value}）`,
  trendSum: (n: number, total: string, avg: string) => `${n} 个年度合计 ${total}，平均每年 ${avg}`,
  compareHead: (year: number, label: string, stated: boolean) => `${year} 年${label}${stated ? '' : `（未指定年份，按共同的最新年份 ${year} 年）`}：`,
  compareMixedHead: (label: string) => `${label}（各单位按所问或最新的年份）：`,
  agencyValue: (agency: string, value: string) => `${agency}：${value}`,
  agencyNoReport: (agency: string, year: number, years: number[]) => `${agency}：没有 ${year} 年年报（现有 ${years.join('、')}）`,
  compareSame: (value: string) => `两者相同，都是 ${value}。`,
  compareMost: (agency: string, other: string | null, diff: string | null, pctMore: string | null, value: string) => (other ? `${agency}最多，比${other}多 ${diff}${pctMore ? `（多 ${pctMore}）` : ''}。` : `${agency}最多，${value}。`),
  rankHead: (year: number, scope: string, label: string, least: boolean, one: boolean, n: number, compared: number, tie: number, stated: boolean) =>
    `${year} 年${scope}${label}${least ? '最少' : '最多'}的${one ? '单位' : `前 ${n} 名`}（比较了 ${compared} 份年报${tie > 1 ? `，${tie} 个单位并列` : ''}${stated ? '' : `；未指定年份，按年报最多的 ${year} 年`}）：`,
  rankLine: (rank: number, agency: string, value: string, tied: boolean) => `${rank}. ${agency}：${value}${tied ? '（并列）' : ''}`,
  zeroHead: (year: number, scope: string, label: string, n: number, compared: number, stated: boolean) => `${year} 年${scope}${label}为 0 的单位有 ${n} 个（比较了 ${compared} 份年报${stated ? '' : `；未指定年份，按年报最多的 ${year} 年`}）${n ? '：' : '。'}`,
  sumHead: (year: number, scope: string, label: string, total: string, n: number, avg: string, stated: boolean) => `${year} 年${scope}${label}合计 ${total}（${n} 份年报相加，平均每份 ${avg}${stated ? '' : `；未指定年份，按年报最多的 ${year} 年`}）。`,
  averageHead: (year: number, scope: string, label: string, total: string, n: number, avg: string, stated: boolean) => `${year} 年${scope}${label}平均每份 ${avg}（${n} 份年报，合计 ${total}${stated ? '' : `；未指定年份，按年报最多的 ${year} 年`}）。`,
  largest: (items: string[]) => `其中最多：${items.join('；')}`,
  names: (names: string[], total: number) => `${names.join('、')}${total > names.length ? ` 等 ${total} 个` : ''}`,
  yearsOf: (agency: string, years: number[]) => `${agency}有 ${years.length} 份年报：${years.join('、')} 年。`,
  inventoryHead: (scope: string | null, agencies: number, reports: number, span: string) => `${scope ?? '数据集'}共有 ${agencies} 个单位的 ${reports} 份年报${span ? `（${span} 年）` : ''}${agencies ? '：' : '。'}`,
  agencyYears: (agency: string, years: number[]) => `${agency}（${years.join('、')}）`,
  countForYear: (scope: string | null, year: number, n: number) => `${scope ?? ''}${year} 年的年报共有 ${n} 份。`,
  countAll: (scope: string | null, n: number, agencies: number, perYear: Array<[number, number]>) => `${scope ?? '数据集'}共有 ${n} 份年报（${agencies} 个单位）：${perYear.map(([y, c]) => `${y} 年 ${c} 份`).join('，')}。`,
  missingReportsHead: (scope: string | null, n: number, year: number, total: number, stated: boolean) => `${scope ?? ''}有 ${n} 个单位没有 ${year} 年的年报（共 ${total} 个单位${stated ? '' : `；未指定年份，按最新的 ${year} 年`}）：`,
  noneMissing: (scope: string | null, total: number, year: number) => `${scope ?? ''}${total} 个单位都有 ${year} 年的年报。`,
  agencyHas: (agency: string, years: number[]) => `${agency}（现有 ${years.join('、')}）`,
  continuityNone: (scope: string) => `${scope}没有相邻两年都有的年报，无法核对结转衔接。`,
  continuityBreaks: (scope: string, pairs: number, breaks: number) => `核对了${scope} ${pairs} 组相邻年度：${breaks} 组结转不衔接（本年“上年结转”应等于上年“结转下年度继续办理”）：`,
  continuityBreak: (agency: string, year: number, over: number, fwd: number) => `${agency}：${year} 年“上年结转” ${fmtNum(over)} 件 ≠ ${year - 1} 年“结转下年度继续办理” ${fmtNum(fwd)} 件`,
  continuityOk: (scope: string, pairs: number) => `核对了${scope} ${pairs} 组相邻年度：本年“上年结转”都等于上年“结转下年度继续办理”，结转衔接一致。`,
  continuitySource: '表三 二、上年结转政府信息公开申请数量 / 四、结转下年度继续办理 · 总计',
  errorsHead: (scope: string | null, checked: number, bad: number) => (bad ? `检查了${scope ?? ''} ${checked} 份年报，${bad} 份有勾稽或一致性错误：` : `检查了${scope ?? ''} ${checked} 份年报，没有发现勾稽错误。`),
  errorsLine: (agency: string, year: number, rules: string[]) => `${agency} ${year} 年（${rules.join('、')}）`,
  errorsHint: '（用 disclosure-bot audit 单位名 查看每条发现）',
  more: (n: number) => `……另有 ${n} 项`,
  sumOfCells: (label: string, n: number) => `${label}（${n} 项之和）`,
  sumSource: (table: string, n: number) => `${table}（${n} 个单元格之和）`,
  allAgencies: '全部单位',

  // ---- refusals, clarification, help
  unheld: (what: string, holds: string[]) => `年报${holds.length ? `只写了${holds.join('、')}` : '没有这项内容'}，没有${what}，我不做推测。`,
  unheldWhat: {
    amount: '金额（年报只统计件数）', staff: '人员或编制数', names: '具体名单或名称', reasons: '案件原因、内容或结果的细节', contactChannel: '这项联系信息',
    budget: '预算或经费金额', targets: '计划数量或目标数字', feeRates: '收费标准（只写了是否收费和金额）', traffic: '网站访问量', satisfaction: '满意度或评价', duration: '办理用时', documents: '文件名称',
  } as Record<string, string>,
  unheldSubset: (word: string) => `“${word}”的分项数字（年报只有总数）`,
  unheldHoldsContact: (parts: string[]) => `联系方式：${parts.join('；')}`,
  clarify: (total: number) => `您问的是哪个单位？${total > 5 ? `（共 ${total} 个单位符合，列出前 5 个；可加上地区名缩小范围）` : ''}`,
  noData: '数据集中还没有年报，请先用 disclosure-bot ingest 导入。',
  unknownAgency: (name: string, available: string) => `数据集中没有“${name}”的年报，无法回答。现有：${available}。`,
  missingYear: (agency: string, year: number, years: number[]) => `没有${agency} ${year} 年的年报。现有：${agency} ${years.join('、')} 年报。`,
  emptyScope: (scope: string) => `数据集中没有${scope}的年报，无法统计或排名。`,
  noReportsForYear: (scope: string, year: number) => `${scope}没有 ${year} 年的年报，无法比较。`,
  notInReport: (agency: string, year: number, what: string | null) => `${agency} ${year} 年年报中没有${what ? `“${what}”的` : '这项'}数据，我不做推测。年报只包含主动公开（表二）、依申请公开（表三）、行政复议和诉讼（表四）、联系方式及文字部分。`,
  noMeasure: '请说明要比较哪一项数据，例如：行政处罚、收到的申请、行政复议。',
  notUnderstood: '抱歉，我没有理解这个问题。我回答政府信息公开工作年度报告里的数字和内容，例如：',
  offTopic: (available: string) => `抱歉，这个问题超出了我的范围。我只回答政府信息公开工作年度报告的问题（现有：${available}）。可以试试：`,
  available: (items: string[], more: number) => `${items.join('；')}${more ? ` 等 ${more} 个单位` : ''}`,
  availableItem: (agency: string, years: number[]) => `${agency} ${years.join('、')} 年报`,
  help: (available: string) => `我是政府信息公开年报问答机器人，根据年度报告原文回答数字和内容，并注明出处。现有：${available}。可以这样问：`,
  welcome: '不客气！还有什么想了解的，随时问我。',
  greeting: '您好！我可以回答政府信息公开工作年度报告里的问题。',
  error: '抱歉，处理这个问题时出错了，请换个说法再试。',
  empty: '请输入一个问题。',
  rateLimited: (perMinute: number) => `您提问有点快了：每分钟最多 ${perMinute} 个问题。请稍等片刻再问，谢谢！`,
  examples: (agency: string, year: number, many: boolean) => [
    `${agency}${year}年行政处罚多少件`, ...(many ? [`${year}年各部门行政处罚排名前五`, '你有哪些部门的数据'] : []), '收到多少政府信息公开申请', '主动公开了多少条信息，各类占比多少',
    `怎么联系${agency}`, '行政复议和行政诉讼情况', '报告存在哪些问题', '整改措施有哪些', '这份报告的数据一致吗', '报告的发布日期是哪天',
  ],
};

export type Words = typeof zh;

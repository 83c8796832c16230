/**
 * The national form itself (国办公开办函〔2021〕30号 and 《中华人民共和国政府信息公开条例》 as revised in 2019):
 * what each 第二十条 item covers, which of them 表二 counts, and the notes printed in its row labels. Questions
 * about the form ("第二十条第（六）项是什么", "不予公开有哪几种情形") are answered from here, not from a report.
 */

export interface Article20Item {
  /** 1–15, printed as 第（N）项. */
  n: number;
  /** What the regulation lists under the item. */
  covers: string;
  /** 表二 rows the national format counts under the item (empty: the item is disclosed but not counted). */
  counted: readonly string[];
}

/** 《条例》第二十条: what administrative organs disclose proactively. */
export const ARTICLE_20: readonly Article20Item[] = [
  { n: 1, covers: '行政法规、规章和行政规范性文件', counted: ['regulations.rules', 'regulations.normativeDocs'] },
  { n: 2, covers: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名', counted: [] },
  { n: 3, covers: '国民经济和社会发展规划、专项规划、区域规划及相关政策', counted: [] },
  { n: 4, covers: '国民经济和社会发展统计信息', counted: [] },
  { n: 5, covers: '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果', counted: ['licensing.decisions'] },
  { n: 6, covers: '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定', counted: ['penalty.decisions', 'coercion.decisions'] },
  { n: 7, covers: '财政预算、决算信息', counted: [] },
  { n: 8, covers: '行政事业性收费项目及其依据、标准', counted: ['fees.amountWan'] },
  { n: 9, covers: '政府集中采购项目的目录、标准及实施情况', counted: [] },
  { n: 10, covers: '重大建设项目的批准和实施情况', counted: [] },
  { n: 11, covers: '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况', counted: [] },
  { n: 12, covers: '突发公共事件的应急预案、预警信息及应对情况', counted: [] },
  { n: 13, covers: '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况', counted: [] },
  { n: 14, covers: '公务员招考的职位、名额、报考条件等事项以及录用结果', counted: [] },
  { n: 15, covers: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息', counted: [] },
];

/** Notes the form prints inside its labels, keyed by the row group they explain. */
export const FORM_NOTES = {
  balance: '表三的勾稽关系：第一项加第二项之和，等于第三项加第四项之和（一、本年新收 + 二、上年结转 = 三、本年度办理结果总计 + 四、结转下年度继续办理）。',
  partiallyGranted: '部分公开：区分处理的，只计这一情形，不计其他情形。',
  applicants: '申请人分为自然人和法人或其他组织；法人或其他组织又分商业企业、科研机构、社会公益组织、法律服务机构、其他。',
  reviewLitigation: '表四分行政复议、行政诉讼两栏；行政诉讼又分未经复议直接起诉和复议后起诉，每栏按结果维持、结果纠正、其他结果、尚未审结、总计统计。',
} as const;

export const toChineseItemNumber = (n: number): string => {
  const digits = '〇一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : digits[n]!;
  return `十${digits[n - 10]}`;
};

/**
 * What people ask about that the national format never holds. A question carrying one of these words is not
 * about the cell it also names ("行政处罚金额" is not the number of decisions): the bot says what the report
 * does hold instead of answering a different question. Each entry is one kind of missing attribute.
 */

export interface UnheldAttribute {
  id: string;
  zh: readonly string[];
  en: readonly string[];
  /** Only for counted cells (件/条): money asked of a count. Fees in 万元 are money and stay answerable. */
  countsOnly?: boolean;
  /** Only beside a cell (那7件行政强制是什么措施): alone, the same words ask about the report's own measures. */
  withCells?: boolean;
  /** What to say instead (a words key the locale files phrase). */
  what: 'amount' | 'staff' | 'names' | 'reasons' | 'contactChannel' | 'budget' | 'traffic' | 'satisfaction' | 'duration' | 'documents' | 'subset' | 'targets' | 'feeRates' | 'followThrough' | 'hotline' | 'complaints';
}

export const UNHELD: readonly UnheldAttribute[] = [
  { id: 'amount', what: 'amount', countsOnly: true, zh: ['金额', '多少钱', '多少万', '罚款总额', '罚没', '罚了多少钱', '罚款数额', '罚金', '几块钱', '钱数', '数额', '元钱', '多少元', '几元', '多少块'], en: ['amount of money', 'how much money', 'total fines', 'amount of fines', 'amount of the fines', 'fine amounts', 'value of fines', 'how much in fines', 'yuan', 'money'] },
  { id: 'staff', what: 'staff', zh: ['人数', '编制人数', '人员编制', '编制数', '多少工作人员', '几个工作人员', '多少名工作人员', '多少人负责', '几个人负责', '几个人管', '多少人管', '科有几个人', '科一共有几个人', '科几个人', '室有几个人', '室几个人', '员工人数', '职工人数', '工作人员最多', '人员最多', '人最多', '多少名', '几名', '在编', '专职人员', '执法人员', '工作人员有多少', '工作人员一共', '多少个编制', '几个编制', '编制有多少', '编制多少'], en: ['staff numbers', 'number of staff', 'how many staff', 'how many people work', 'employees', 'headcount', 'personnel'] },
  { id: 'names', what: 'names', zh: ['名单', '局长叫', '科长叫', '局长姓', '局长是', '科长是', '主任叫', '科长是谁', '局长是谁', '主任是谁', '负责人是谁', '领导是谁', '姓名', '叫什么名字的人', '组长叫', '组长姓', '负责人叫', '领导叫什么', '哪些企业', '哪家企业', '哪些公司', '哪家公司', '被处罚的企业', '处罚对象', '当事人', '是谁申请', '谁申请', '申请人是谁', '文件名称', '文件名', '叫什么文件', '具体文件', '车牌', '企业有哪些', '公司有哪些', '企业名单', '企业名称', '哪些单位被', '哪些项目', '什么项目', '具体项目', '项目名称', '批的是哪些'], en: ['which companies', 'names of', 'who applied', 'list of companies', 'file names', 'name and title', 'staff member', 'which person', 'whose name'] },
  { id: 'reasons', what: 'reasons', zh: ['案由', '具体案情', '案子具体', '违法行为', '违法类型', '处罚原因', '处罚理由', '为什么被罚', '案件详情', '具体案件', '什么案件', '哪类案件', '案件类型', '违法事实', '申请内容', '申请了什么', '要的什么信息', '要的是什么信息', '申请的是什么信息', '申请公开的是什么', '申请了哪些信息', '要了什么信息', '诉讼请求', '判决结果', '胜诉', '败诉'], en: ['reasons', 'case details', 'what cases', 'violations', 'won', 'lost'] },
  { id: 'parties', what: 'names', withCells: true, zh: ['哪家公司', '哪家企业', '哪家运输公司', '哪些公司', '哪些企业', '哪个公司', '哪个企业', '谁被罚', '被罚的是谁', '被处罚的是谁', '处罚对象', '当事人'], en: ['which company', 'which companies', 'who was fined', 'who was penalised', 'who was penalized'] },
  // why a count is what it is: the tables count, they do not explain
  { id: 'causes', what: 'reasons', withCells: true, zh: ['分析原因', '什么原因', '原因是什么', '为啥', '为什么没人', '为什么没有人', '为什么是零', '为什么为零'], en: ['why was', 'why were', 'why is', 'why are', 'reason for'] },
  { id: 'caseMeasures', what: 'reasons', withCells: true, zh: ['有分类吗', '有没有分类', '有细分吗', '有没有细分', '分类统计吗', '什么措施', '哪种措施', '哪些措施', '具体措施', '啥措施', '什么手段', '扣了什么车', '扣了哪些车', '扣押了什么', '查封了什么'], en: ['what measures', 'which measures'] },
  { id: 'contactChannel', what: 'contactChannel', zh: ['传真', '邮编', '邮政编码', '办公时间', '上班时间', '工作时间', '几点上班', '几点下班', '几点开门', '开门', '微信', '公众号', '微博', 'qq', '手机号'], en: ['fax', 'postcode', 'zip code', 'office hours', 'opening hours', 'wechat', 'mobile'] },
  // the improvements section says what will be done, never how many of anything is planned
  { id: 'targets', what: 'targets', zh: ['计划公开多少', '计划主动公开', '计划发布多少', '预计公开', '预计主动公开', '预计多少', '计划多少', '目标多少', '目标是多少', '指标是多少', '任务数', '打算公开多少', '打算主动公开多少', '准备公开多少', '打算发布多少', '准备发布多少', '打算公开几', '要公开多少'], en: ['planned number', 'how many planned', 'plan to publish', 'target number', 'targets for'] },
  // the report says whether processing fees were charged and how much, never the price list
  { id: 'feeRates', what: 'feeRates', zh: ['按件收费', '按量收费', '计费标准', '每件多少元', '每件收多少', '每件收费', '每页多少'], en: ['fee schedule', 'rate per', 'per request fee', 'price per'] },
  // the measures a report plans are judged in the next year's report, never in this one
  { id: 'followThrough', what: 'followThrough', zh: ['落实得怎么样', '落实得如何', '有成效吗', '成效如何', '效果怎么样', '效果如何', '做到了吗', '完成了吗', '实现了吗', '改好了吗', '整改到位了吗'], en: ['did it work', 'were they implemented', 'how did it go', 'results of the measures'] },
  { id: 'budget', what: 'budget', zh: ['预算金额', '决算金额', '经费', '支出', '花了多少钱', '花费', '财政拨款', '投入资金', '投入了多少'], en: ['budget amount', 'spending', 'expenditure', 'funding', 'total budget', 'budget was', 'budget of', 'budget for', 'how much money'] },
  { id: 'traffic', what: 'traffic', zh: ['访问量', '点击量', '浏览量', '阅读量', '访问人数', '粉丝', '关注人数', '关注量', '粉丝数'], en: ['page views', 'visits', 'traffic', 'followers', 'subscribers'] },
  // a service hotline's workload is another office's statistic, not the disclosure report's (its phone is the contact)
  { id: 'hotline', what: 'hotline', zh: ['12345', '政务服务热线', '便民服务热线', '服务热线受理', '热线受理', '热线接到', '热线接了', '热线工单', '诉求'], en: ['hotline calls', 'hotline received', '12345'] },
  // complaints about the agency's own business (a consumer's complaint) are its casework, not requests for information
  // — the 信访举报投诉类申请 row counts disclosure requests that were really complaints
  { id: 'complaints', what: 'complaints', zh: ['消费投诉', '消费者投诉', '投诉举报件', '12315', '举报投诉件', '消费维权'], en: ['consumer complaints', 'consumer complaint', 'complaints from consumers'] },
  { id: 'satisfaction', what: 'satisfaction', zh: ['满意度', '满意率', '好评', '投诉率', '评分', '考核结果', '排第几'], en: ['satisfaction', 'rating'] },
  { id: 'duration', what: 'duration', zh: ['多少天', '几天', '办理时限', '平均用时', '多长时间', '答复期限', '超期', '完成时限', '完成时间', '截止时间'], en: ['how long', 'how many days', 'average time', 'working days', 'days to reply', 'days to respond', 'days did'] },
];

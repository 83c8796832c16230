/**
 * Cue words: what a question asks for, apart from which cell (a comparison, a ranking, the contact, a date …).
 * The question reader marks them like any other word and the intent table scores intents by them. Words are
 * matched on the normalized question (simplified, half-width, lower-case English), longest first.
 */

export const CUES = {
  help: { zh: ['帮助', '使用说明', '怎么用', '菜单', '你是谁', '你能做什么', '能做什么', '能干什么', '能回答什么', '能问什么', '能干点啥', '能干啥', '帮我做什么', '能帮我做什么', '可以帮我做什么', '能干嘛', '会干什么', '会什么', '能帮我什么', '可以做什么', '可以问什么', '功能', '机器人', '做什么用', '干什么用', '是做什么的', '有什么用', '怎么使用'], en: ['help', 'what can you do', 'what do you do', 'who are you', 'how do i use'] },
  greeting: { zh: ['你好', '您好', '在吗', '哈喽'], en: ['hello', 'hi', 'hey'] },
  thanks: { zh: ['谢谢', '多谢', '感谢', '辛苦了'], en: ['thanks', 'thank you'] },
  audit: {
    zh: ['一致', '勾稽', '对得上', '之和等于', '等于第3项', '等于第三项', '对不上', '矛盾', '核对', '算得对', '算对', '算错', '有没有错', '有错误', '错误', '是否等于', '等于总计', '相符', '吻合', '准确吗', '准不准', '平衡', '校验', '核验', '加起来是不是', '合起来是不是', '能对上', '对上了吗', '数据有问题', '数据有没有问题', '数字有问题', '数字有没有问题', '数据对不对', '数对不对', '是否相等', '相等吗', '等不等', '满足这一关系', '满足这个关系', '满足该关系', '满足关系', '关系成立', '成不成立', '是否成立'],
    en: ['consistent', 'consistency', 'add up', 'adds up', 'errors', 'check the numbers', 'correct', 'accurate', 'identity', 'satisfy', 'balance', 'balances'],
  },
  source: { zh: ['出处', '来源', '出自', '哪一部分', '哪部分', '哪个部分', '哪张表', '哪个表', '哪一节', '出现在', '在报告哪里', '哪里看到', '从哪来', '哪来的'], en: ['source', 'which section', 'which table', 'where in the report', 'where does'] },
  sections: { zh: ['几个部分', '几大块', '几块', '几大部分', '哪几部分', '部分的标题', '部分标题', '最后一部分', '各部分', '哪几个部分', '哪些部分', '结构', '目录', '由哪几', '分为几', '分几个', '章节', '框架', '几部分', '几个方面', '哪几个方面', '哪几点', '几点来写'], en: ['sections', 'structure', 'parts', 'table of contents'] },
  publishDate: { zh: ['落款', '发布日期', '哪一天发布', '哪天公开', '哪一天公开', '哪天公布', '哪一天公布', '什么时候公开', '几号发布', '几号公开', '发布时间', '什么时候发布', '何时发布', '哪天发布', '落款日期', '成文日期', '印发日期', '发布于', '什么时候发的', '啥时候发', '什么时候发', '何时发', '哪天发', '几号发', '哪天出的', '啥时候出的', '什么时候公布', '啥时候公布', '哪天发的', '什么时候出的', '几号发布', '落款时间', '日期', '发布得更早', '发布得早', '发布得更晚', '发布得晚', '发得早', '发得晚', '发得更早', '出得早', '出得更早', '先发布', '后发布', '先发的', '先公布', '先出的', '更早发布', '更晚发布', '几月出', '几月发', '哪个月发', '哪月发', '哪年几月', '挂到网上', '挂网', '挂出来', '哪天挂', '什么时候挂', '上网公布'], en: ['published on', 'published earlier', 'published first', 'published later', 'publication date', 'when was', 'release date', 'date', 'dated', 'signed on'] },
  period: { zh: ['统计期限', '统计期', '统计时间', '统计周期', '统计区间', '统计范围', '截止', '截至', '时间范围', '起止', '覆盖', '哪段时间', '从什么时候', '到什么时候', '统计到', '到哪一天', '到哪天', '从哪天'], en: ['reporting period', 'period', 'time range', 'covers'] },
  documents: { zh: ['条例', '方案', '办法', '全称', '简称', '依据', '根据什么', '根据哪', '法规依据', '依照', '哪部法规', '哪些文件', '引用了', '引用的', '引用哪', '援引', '哪几个文件', '哪几份文件', '几份文件', '多少份文件', '哪些法规', '哪几部', '什么文件来编', '根据了哪', '哪个文件规定', '哪一文件规定', '什么文件规定', '规定的格式', '什么格式', '哪种格式', '格式要求', '按照哪个文件', '按哪个文件'], en: ['regulation', 'based on', 'legal basis', 'abbreviation', 'stand for', 'stands for', 'cite', 'cites'] },
  agencyMeta: { zh: ['编制单位', '发布单位', '发布机关', '谁发布', '谁编制', '谁写', '谁发的', '落款单位', '哪个单位落款', '落款的单位', '落款是哪个单位', '署名单位', '谁落款', '哪个单位发布', '哪个部门发布', '报告单位', '哪个单位的', '哪个部门的', '编制的', '哪个单位编', '哪个部门编', '谁编的', '单位编的', '哪个单位写', '哪个部门写', '出自哪个单位', '出自哪个部门'], en: ['who published', 'publisher', 'which agency', 'who wrote', 'issued by', 'who compiled', 'who prepared', 'compiled by', 'prepared by'] },
  title: { zh: ['标题', '题目', '报告名称', '报告叫什么', '报告的名字', '年报叫什么'], en: ['title'] },
  reportYear: { zh: ['哪一年的报告', '哪年的报告', '哪一年的年报', '哪年的年报', '年度是', '哪个年度', '报告年度', '什么年度'], en: ['which year', 'what year'] },
  contact: { zh: ['联系', '联系方式', '找谁', '联系人', '怎么找', '对接', '咨询电话', '咨询方式'], en: ['contact', 'reach', 'get in touch'] },
  phone: { zh: ['电话', '号码', '区号', '热线', '座机', '打给', '打哪个'], en: ['phone', 'telephone', 'call', 'number to call'] },
  address: { zh: ['地址', '哪条路', '什么路', '哪条街', '哪个街道', '在哪条路', '门牌号', '门牌', '寄到哪', '寄到什么地方', '寄往哪', '办公地点', '在哪办公', '在哪里办公', '在哪儿办公', '办公在哪', '哪条街', '办公位置'], en: ['address', 'located', 'location', 'where is'] },
  email: { zh: ['邮箱', '电子邮件', '电邮', '邮件', '邮箱地址', '电子邮箱地址', '邮件地址'], en: ['email address', 'e-mail address', 'email', 'e-mail', 'mail'] },
  department: { zh: ['科室', '哪个科', '什么科', '哪个部门负责', '负责部门', '经办部门', '承办部门', '承办科室', '谁承办', '谁经办', '哪个科室承办'], en: ['department', 'office in charge', 'which office', 'what office', 'office handles', 'office that handles', 'office responsible'] },
  websiteAddress: { zh: ['网址', '网站地址', '链接', '域名', '官网地址'], en: ['web address', 'url', 'link'] },
  website: { zh: ['哪个网站上', '在哪个网站', '网站上公开', '哪个平台', '什么平台', '哪个网站', '什么网站', '网站是', '官网', '网站', '专栏', '哪个栏目', '什么栏目'], en: ['website', 'web site', 'portal', 'homepage'] },
  platform: { zh: ['门户', '网页', '专栏', '栏目', '平台', '在线', '门户网站'], en: ['online', 'platform'] },
  download: { zh: ['下载', '电子版', '查阅', '哪里看', '哪里可以看', '哪里能看', '在哪看', '哪里找', '在哪找', '获取'], en: ['download', 'downloaded', 'downloadable', 'be found online', 'electronic version', 'where can i read', 'where can i find', 'get a copy'] },
  problems: { zh: ['自我评价', '怎么评价自己', '问题', '不足', '短板', '毛病', '差距', '薄弱', '欠缺', '存在', '缺点', '困难', '挑战', '做得不好', '做的不好', '不到位', '没做好', '哪里不好', '不够好'], en: ['problem', 'problems', 'shortcoming', 'shortcomings', 'weakness', 'weaknesses', 'issues'] },
  improvements: { zh: ['整改', '改进', '措施', '下一步', '打算', '计划', '工作安排', '举措', '想达到', '达到什么', '达到啥', '什么效果', '啥效果', '实现什么', '希望实现', '怎么改', '如何改', '努力方向', '下功夫', '重点抓', '怎么解决', '如何解决', '怎样解决', '针对这个问题', '针对这些问题', '针对上述问题', '针对问题', '针对存在的问题', '有哪些改进措施'], en: ['improve', 'improvement', 'improvements', 'measures', 'plans', 'plan', 'next steps', 'remedy'] },
  compare: { zh: ['相比', '比较', '对比', '变化', '增长', '减少', '同比', '多还是少', '高还是低', '增加', '下降', '上升', '差多少', '相差', '多出', '少了', '多了', '涨', '降', '增减', '差别', '差异', '比上', '比前', '比去', '比下'], en: ['compare', 'compared', 'than', 'versus', 'vs', 'change', 'increase', 'decrease', 'difference', 'more or less', 'grow', 'grew', 'fell', 'rose'] },
  previousYear: { zh: ['上一年', '上年度', '前一年', '上一年度', '往年', '上年'], en: ['last year', 'previous year', 'prior year', 'year before'] },
  trend: { zh: ['历年', '每年', '各年', '逐年', '趋势', '这几年', '近几年', '各年度', '历年来', '走势', '这些年'], en: ['over the years', 'each year', 'every year', 'trend', 'year by year'] },
  respectively: { zh: ['分别', '各是', '各有', '各多少', '各几', '各自'], en: ['respectively', 'each'] },
  rank: { zh: ['倒数', '哪个部门', '哪家', '哪个单位', '哪些部门', '哪些单位', '谁最'], en: ['which agency', 'which agencies'] },
  rankList: { zh: ['排名', '排行', '排序', '名次', '前几名', '排个序', '排一下'], en: ['rank', 'ranking', 'top'] },
  most: { zh: ['最多', '最高', '最大', '最多的', '最大的'], en: ['most', 'highest', 'largest', 'biggest', 'maximum'] },
  least: { zh: ['最少', '最低', '最小', '最少的'], en: ['least', 'lowest', 'fewest', 'smallest', 'minimum'] },
  zero: { zh: ['没有收到', '未收到', '没收到', '为0', '为零', '是零', '是0', '零件', '一件也没有', '一个也没有', '没有'], en: ['zero', 'none', 'no '] },
  scopeAll: { zh: ['这几份年报', '的几份年报', '所有报告', '所有年报', '全部报告', '全部年报', '数据里所有', '各份年报', '这几家', '这些单位', '这几个单位', '这几家单位', '这些部门', '这几个部门', '几家单位里', '各部门', '各单位', '各机关', '所有部门', '所有单位', '全部部门', '全部单位', '各局', '各个部门', '各个单位', '全县', '全市', '全省', '全区', '各地', '每个部门'], en: ['all agencies', 'every agency', 'each agency', 'all departments', 'in the dataset', 'any agency', 'all reports', 'all the reports'] },
  sum: { zh: ['一共', '合计', '总共', '共计', '加起来', '之和', '总和', '总数', '累计', '加在一起', '合起来', '共有', '加一块', '加一起', '合一块'], en: ['in total', 'altogether', 'combined', 'sum', 'total', 'together', 'add up the', 'adding up the', 'if you add', 'added together', 'add together', 'sum of'] },
  times: { zh: ['多少倍', '几倍', '倍数', '倍'], en: ['times as many', 'how many times', 'ratio', 'per'] },
  perQuarter: { zh: ['每季度', '每个季度', '每一季度', '季均', '一个季度'], en: ['per quarter', 'a quarter', 'quarterly'] },
  perMonth: { zh: ['每个月', '每月', '月均', '一个月', '按月平均', '月平均'], en: ['per month', 'a month', 'monthly'] },
  average: { zh: ['平均', '均值'], en: ['average', 'mean'] },
  inventory: { zh: ['多少个部门', '几个部门', '多少个单位', '几个单位', '多少家单位', '有哪些部门', '有哪些单位', '哪些部门的', '哪些单位的', '什么数据', '哪些数据', '收录', '数据库里', '你有哪些', '你有什么', '有哪些年报', '有什么年报', '都有谁'], en: ['what agencies', 'which agencies do you', 'what reports', 'what data'] },
  yearsOf: { zh: ['哪些年', '哪几年', '哪些年份', '几年的', '什么年份', '哪几个年份', '有几年'], en: ['which years', 'what years'] },
  countReports: { zh: ['几份年报', '多少份年报', '几份报告', '多少份报告', '几篇年报', '多少篇年报', '几个年报', '多少个年报', '几份', '多少份'], en: ['how many reports'] },
  missingReports: { zh: ['没有年报', '缺少年报', '缺年报', '没发布', '未发布', '没发年报', '没交', '缺哪'], en: ['missing report', 'no report'] },
  continuity: { zh: ['衔接', '结转一致', '结转对得上', '连续性', '前后衔接', '接得上'], en: ['continuity', 'carry-over', 'carried over consistently'] },
  // how many cells a table of the form has (表四一共有多少个数据栏)
  cellCount: { zh: ['数据栏', '数据格', '单元格', '多少栏', '几栏', '多少格', '几个格', '多少个格子', '几个格子', '多少个空', '几个空'], en: ['how many cells', 'number of cells', 'how many fields'] },
  // what a cell of the form holds (那一栏填的是多少, not 一列的申请数是多少): a blank one is then an answer — 报告未填写 — not a refusal;
  // it asks a quantity too (slots/index.ts)
  printedCell: { zh: ['填的', '填了', '填报', '数值', '空着', '填的是啥', '填的是什么', '填的什么', '填了什么', '填了啥', '填的啥', '填报的是什么', '填报的什么', '填报的是啥', '写的是啥', '写的是多少'], en: ['filled in', 'entered in', 'printed in', 'in the cell', 'blank'] },
  // where an item stands in a list (…是第几个问题)
  position: { zh: ['是第几', '排第几', '排在第几', '列第几', '属于第几'], en: ['which number is', 'what number is'] },
  // which item of 第二十条 a row is published under (第几项, which article)
  articleItem: { zh: ['第几项', '哪一项规定', '属于第几条', '依据第几', '第几款'], en: ['which article', 'which item', 'what article', 'what item'] },
  form: { zh: ['归属于哪', '属于哪一大类', '归哪一类', '属于哪一类', '怎么表述', '如何表述', '表述', '注明', '怎么规定', '如何规定', '怎么计数', '怎么计算', '如何计算', '怎么统计', '如何统计', '怎么算', '统计口径', '什么意思', '是什么意思', '啥意思', '指什么', '指的是', '包括哪些', '包含哪些', '涵盖', '哪些内容', '含义', '定义', '怎么理解', '是指', '指哪些', '属于什么', '有哪几类', '有哪些类', '分哪几类', '哪几种', '有哪些情形', '哪几项', '是啥', '关系是什么', '关系是啥', '关系为何', '括号里写', '括号里', '备注', '哪几栏', '哪些栏', '几栏', '设了哪几', '分了哪几栏', '写的是什么', '写的啥', '注的是什么'], en: ['what does', 'mean', 'meaning', 'what is covered', 'what counts as', 'define', 'definition', 'stand for'] },
  share: { zh: ['占比', '占多少', '占了多少', '百分之', '比例', '比重', '份额', '占到', '几成', '百分比', '占总数'], en: ['share', 'percent', 'percentage', 'proportion', 'fraction'] },
  category: { zh: ['哪类', '哪一类', '各类', '几类', '分类', '类别', '哪几类', '每类', '每一类', '什么类', '哪些类', '这几类', '类信息'], en: ['category', 'categories', 'kind', 'kinds', 'type of'] },
  except: { zh: ['以外', '除了', '之外', '除去', '除开', '刨去', '刨除', '排除', '扣除', '不算', '其余', '剩下', '剩余', '其他几类'], en: ['except', 'other than', 'besides', 'apart from', 'excluding'] },
  which: { zh: ['哪几', '哪个', '哪些', '哪一', '哪家', '哪'], en: ['which'] },
  yesno: { zh: ['吗', '是否', '有没有', '是不是', '了没', '没有吗', '对吗', '对不对', '可不可以', '能不能'], en: ['did ', 'does ', 'is there', 'are there', 'was there', 'were there', 'whether'] },
  quantity: { zh: ['多少', '几件', '几个', '几次', '几条', '几项', '几回', '几场', '几起', '几宗', '几例', '几', '数量', '数目', '数字', '件数', '条数', '次数', '个数', '数据'], en: ['how many', 'how much', 'number', 'count', 'figure', 'amount'] },
  narrative: { zh: ['提到', '内容', '讲了', '说了', '介绍', '情况', '做了什么', '怎么做', '如何', '怎样', '做法', '工作', '开展', '采取', '方面', '做了哪些', '有什么', '是什么', '什么', '讲讲', '说说', '概括', '总结', '总体'], en: ['what did', 'how did', 'describe', 'what does the report say', 'summary', 'summarize', 'overview', 'what', 'how'] },
  verbatim: { zh: ['原文', '引用原文', '原文表述', '怎么写', '怎么说', '那一节', '这一节', '那一段', '这一段', '那部分', '这部分', '写了什么', '原话', '说了什么', '报告里关于', '报告中关于', '年报里关于', '报告关于'], en: ['verbatim', 'exact words', 'what does the report say', 'actually say', 'section on'] },
  offTopic: { zh: ['写一首', '写首', '作诗', '写诗', '笑话', '天气', '下雨', '下雪', '气温', '几度', '股票', '彩票', '猜一下', '猜猜', '编一个', '编个'], en: ['poem', 'joke', 'weather', 'stock price'] },
  outcomes: { zh: ['结果如何', '结果是什么', '什么结果', '结果有什么', '结果分别', '结果怎样', '结果怎么样', '结果咋样', '结果啥样', '结果呢', '怎么判', '判了', '咋判'], en: ['outcome', 'outcomes', 'result of', 'status'] },
  both: { zh: ['两份', '这两份', '两个', '两者', '二者', '这两个', '两家', '他俩', '俩', '这俩', '两个单位', '两个局', '2个', '这2个', '2个单位', '2家', '2个局', '2者', '两项', '这两项', '两类', '这两类', '2项', '这2项', '2类', '这2类'], en: ['both', 'the two'] },
  followUp: { zh: ['那么', '那', '还有', '呢', '同样', '也是', '换成', '你确定', '确定吗', '真的吗', '没错吧', '没搞错吧', '那几栏', '这几栏', '那几列', '这几列', '那几项', '这几项'], en: ['what about', 'how about', 'and '] },
  report: { zh: ['报告', '年报', '年度报告', '这份', '本报告', '该报告'], en: ['report', 'annual report'] },
} as const satisfies Record<string, { zh: readonly string[]; en: readonly string[] }>;

export type CueId = keyof typeof CUES;
export const CUE_IDS = Object.keys(CUES) as CueId[];

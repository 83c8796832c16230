/**
 * Agency-name vocabulary: common abbreviations of Chinese government bodies, used both when a report
 * names itself in short (上海市科委) and when users type short forms (交通局, 发改局, 市政府办).
 */

/** Abbreviation suffix → full suffix. Longest keys are tried first. */
export const AGENCY_ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ['市政府办', '市人民政府办公室'],
  ['县政府办', '县人民政府办公室'],
  ['区政府办', '区人民政府办公室'],
  ['政府办', '人民政府办公室'],
  ['交运局', '交通运输局'],
  ['交通局', '交通运输局'],
  ['发改委', '发展和改革委员会'],
  ['发改局', '发展和改革局'],
  ['科委', '科学技术委员会'],
  ['科技局', '科学技术局'],
  ['人社局', '人力资源和社会保障局'],
  ['住建局', '住房和城乡建设局'],
  ['自然资源局', '自然资源局'],
  ['规自局', '自然资源和规划局'],
  ['市监局', '市场监督管理局'],
  ['市场监管局', '市场监督管理局'],
  ['市场局', '市场监督管理局'],
  ['自规局', '自然资源和规划局'],
  ['资规局', '自然资源和规划局'],
  ['农业局', '农业农村局'],
  ['城管局', '城市管理局'],
  ['卫健委', '卫生健康委员会'],
  ['卫健局', '卫生健康局'],
  ['教体局', '教育和体育局'],
  ['文旅局', '文化和旅游局'],
  ['农业农村局', '农业农村局'],
  ['应急局', '应急管理局'],
  ['生态环境局', '生态环境局'],
  ['环保局', '生态环境局'],
  ['生态局', '生态环境局'],
  ['工信局', '工业和信息化局'],
  ['商务局', '商务局'],
  ['统计局', '统计局'],
  ['审批局', '行政审批局'],
  ['行政审批局', '行政审批局'],
  ['医保局', '医疗保障局'],
  ['退役军人局', '退役军人事务局'],
  ['林业局', '林业局'],
  ['水务局', '水务局'],
  ['民政局', '民政局'],
  ['司法局', '司法局'],
  ['财政局', '财政局'],
  ['公安局', '公安局'],
  ['税务局', '税务局'],
];

/**
 * One department, two names by level (a county's 发展和改革局 is what a city calls its 发改委): people use either.
 * Each body lists the other names it also answers to.
 */
export const DEPARTMENT_ALSO_CALLED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['发展和改革局', ['发展和改革委员会', '发改委', '发展改革委', '发展改革局']],
  ['发展和改革委员会', ['发展和改革局', '发改局']],
  ['卫生健康局', ['卫生健康委员会', '卫健委']],
  ['卫生健康委员会', ['卫生健康局', '卫健局']],
  ['科学技术局', ['科学技术委员会', '科委']],
  ['科学技术委员会', ['科学技术局', '科技局']],
];

/**
 * A township-level office is named by its place (望澜街道办事处, 北石店镇人民政府); people name it by the place
 * alone or shortened (望澜街道, 望澜街道办, 北石店镇, 北石店镇政府). Full suffix → the other suffixes it answers to.
 */
export const TOWNSHIP_OFFICES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['街道办事处', ['街道', '街道办', '办事处']],
  ['镇人民政府', ['镇', '镇政府']],
  ['乡人民政府', ['乡', '乡政府']],
];

/** Expands a trailing abbreviation: 上海市科委 → 上海市科学技术委员会. Full names pass unchanged. */
export function expandAgencyAbbreviations(name: string): string {
  for (const [short, full] of AGENCY_ABBREVIATIONS) {
    if (name.endsWith(short) && !name.endsWith(full)) return name.slice(0, -short.length) + full;
  }
  return name;
}

/** Administrative-division suffixes, for dropping or matching the region part of a name. */
export const REGION_SUFFIX = /^(.{1,12}?(?:省|自治区|市|自治州|地区|盟|县|自治县|旗|区|综合实验区|新区))/;

/**
 * English names of departments, as agencies translate themselves ("Zezhou County Transport Bureau"), mapped to
 * the Chinese body. Longest first; matched case-insensitively as whole words.
 */
export const ENGLISH_DEPARTMENTS: ReadonlyArray<readonly [RegExp, string | readonly string[]]> = [
  [/\b(?:people'?s )?government (?:general )?office\b/i, '人民政府办公室'],
  [/\bdevelopment and reform (?:bureau|commission)\b|\bDRC\b/i, '发展和改革局'],
  [/\bhuman resources and social security bureau\b/i, '人力资源和社会保障局'],
  [/\bhousing and urban[- ]rural development bureau\b/i, '住房和城乡建设局'],
  [/\bmarket (?:supervision|regulation)(?: and administration)? bureau\b/i, '市场监督管理局'],
  [/\btransport(?:ation)? bureau\b/i, '交通运输局'],
  [/\bpublic security bureau\b/i, '公安局'],
  [/\bfinance bureau\b/i, '财政局'],
  [/\beducation bureau\b/i, '教育局'],
  [/\bcivil affairs bureau\b/i, '民政局'],
  [/\bjustice bureau\b/i, '司法局'],
  [/\bnatural resources bureau\b/i, '自然资源局'],
  [/\becology and environment bureau|environmental protection bureau\b/i, '生态环境局'],
  [/\bwater (?:resources|affairs) bureau\b/i, '水务局'],
  [/\bagriculture and rural affairs bureau\b/i, '农业农村局'],
  [/\bcommerce bureau\b/i, '商务局'],
  [/\bculture and tourism bureau\b/i, '文化和旅游局'],
  [/\bhealth (?:commission|bureau)\b/i, '卫生健康局'],
  [/\bemergency management bureau\b/i, '应急管理局'],
  [/\bstatistics bureau\b/i, '统计局'],
  [/\bmedical (?:insurance|security) bureau\b/i, '医疗保障局'],
  [/\b(?:science and technology|s&t|s ?& ?t|sci-tech) (?:commission|committee)\b|\bSTC(?:SM)?\b/i, ['科学技术委员会', '科委', '科技委']],
  [/\bscience and technology bureau\b/i, ['科学技术局', '科技局']],
  // agencies name the same body several ways: the one the dataset has is taken
  [/\b(?:administrative (?:examination and )?)?approvals?(?: services?)?(?: administration)? bureau\b/i, ['行政审批局', '行政审批服务管理局', '审批局']],
];

/** English for the kinds of region the gazetteer lacks (平潭综合实验区, 浦东新区): the place's name stays before them. */
export const ENGLISH_ZONES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcomprehensive (?:experimental|pilot) zone\b/i, '综合实验区'],
  [/\beconomic and technological development zone\b/i, '经济技术开发区'],
  [/\bhigh-?tech (?:industrial )?(?:development )?zone\b/i, '高新区'],
  [/\bdevelopment zone\b/i, '开发区'],
  [/\bnew area\b/i, '新区'],
];

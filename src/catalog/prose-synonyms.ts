/**
 * Words the reports' prose and the people asking use for the same thing (网上申请 / 网络申请): the passage search
 * and the prose complement look for every word of a group the question uses. One group per line; a new word goes
 * into its group. Only words that mean the same in this domain — not merely related ones.
 */
export const PROSE_SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['网上', '网络', '在线', '线上', '互联网'],
  ['信函', '写信', '信件', '邮寄', '寄信'],
  ['当面', '现场', '窗口'],
  ['热线', '咨询电话'],
  ['公众号', '微信公众号'],
  ['不及时', '不够及时', '滞后'],
  ['培训', '业务培训'],
  ['保证', '确保', '保障'],
  ['每条', '每一条'],
  ['邮编', '邮政编码'],
  ['粉丝', '粉丝数', '关注人数', '关注量', 'followers', 'subscribers'],
  ['办公时间', '工作时间', '上班时间'],
];

const GROUP_OF = new Map<string, readonly string[]>(PROSE_SYNONYMS.flatMap((group) => group.map((word) => [word, group] as const)));

/** The other words of `word`'s group (none when it has none). */
export function synonymsOf(word: string): readonly string[] {
  return GROUP_OF.get(word)?.filter((w) => w !== word) ?? [];
}

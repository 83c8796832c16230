/**
 * English words for what the reports' prose talks about, with the Chinese words the prose uses for them, so an
 * English question about the narrative ("What training did they hold?") finds its passage. The cells of the
 * form have their English in metrics.ts and vocabulary.ts; this list is for the prose only. Adding a topic is
 * one entry.
 */
export const PROSE_ENGLISH: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/\btrain(?:ing|ings|ed|s)?\b|\bworkshops?\b/i, ['培训']],
  [/\bplatforms?\b/i, ['平台']],
  [/\bweb ?sites?\b|\bportals?\b|\bonline\b/i, ['网站', '门户网站']],
  [/\bwechat\b/i, ['微信']],
  [/\bweibo\b|\bmicro-?blogs?\b/i, ['微博']],
  [/\b(?:new|social) media\b/i, ['新媒体']],
  [/\bpress conferences?\b|\bbriefings?\b/i, ['发布会']],
  [/\binterpret(?:ation|ations|ing|ed)?\b/i, ['解读']],
  [/\bsupervis(?:ion|ed|e|ing)\b|\boversight\b|\bsafeguards?\b/i, ['监督', '保障']],
  [/\bassess(?:ment|ments|ed)?\b|\bevaluat(?:ion|ions|ed|e)\b|\bappraisal\b/i, ['考核', '评议']],
  [/\bvetting\b|\bvetted\b|\bconfidential(?:ity)?\b|\bsecre(?:cy|ts?)\b/i, ['审核', '保密']],
  [/\bmechanisms?\b|\binstitutions?\b|\bsystems?\b/i, ['机制', '制度']],
  [/\bleadership\b|\bleading group\b|\bleaders?\b/i, ['领导']],
  [/\bhotlines?\b/i, ['热线']],
  [/\bcomplaints?\b/i, ['投诉']],
  [/\bprocess(?:es)?\b|\bprocedures?\b|\bworkflows?\b/i, ['流程', '程序']],
  [/\btimel(?:y|iness)\b|\bpromptly\b|\bdelays?\b/i, ['及时']],
  [/\baccura(?:te|cy)\b/i, ['准确']],
  [/\bguides?\b|\bguidelines?\b|\bdirector(?:y|ies)\b|\bcatalog(?:ue)?s?\b/i, ['指南', '目录']],
  [/\breading rooms?\b|\bconsult(?:ation|ing)? (?:points?|rooms?|sites?)\b/i, ['查阅']],
  [/\bpublic (?:participation|opinion|comment)s?\b|\bsolicit(?:ed|ing)?\b/i, ['征求意见', '参与']],
  [/\bproposals?\b|\bsuggestions?\b|\bdeputies\b/i, ['建议', '提案']],
  [/\bmethods?\b|\bchannels?\b|\bways?\b|\bmeans\b/i, ['方式', '渠道']],
  [/\bscope\b|\brange\b|\bcoverage\b/i, ['范围']],
  [/\bquality\b/i, ['质量']],
  [/\bimprov(?:e|ed|es|ing)\b|\bexpand(?:ed|ing)?\b|\bbroaden(?:ed|ing)?\b/i, ['改进', '提高', '拓宽']],
  [/\bawareness\b|\bconsciousness\b/i, ['意识']],
  [/\binnovat(?:ion|ive|e)\b/i, ['创新']],
  [/\bcontent\b|\bcomprehensive(?:ness)?\b/i, ['内容', '全面']],
  [/\bteams?\b|\bworkforce\b/i, ['队伍']],
  [/\bresponsib(?:le|ility|ilities)\b|\bdesignated\b|\bin charge\b/i, ['负责', '专人']],
  [/\bopenness\b|\btransparen(?:cy|t)\b/i, ['公开', '政务公开']],
  [/\bsecurity\b|\bsafety\b/i, ['安全']],
  [/\bcontact details?\b|\bcontact information\b/i, ['联系方式']],
  [/\bpublic(?:ise|ize|ised|ized|ly announced)\b|\bmade public\b/i, ['公布', '公开']],
  [/\bother matters\b/i, ['其他需要报告的事项']],
  [/\bbusiness environment\b/i, ['营商环境']],
  [/\bfeedback\b|\bresponses? to (?:public )?concerns?\b/i, ['回应', '关切']],
];

/** The Chinese prose words an English question names. */
export function proseWordsOfEnglish(text: string): string[] {
  const out: string[] = [];
  for (const [pattern, words] of PROSE_ENGLISH) if (pattern.test(text)) out.push(...words);
  return out;
}

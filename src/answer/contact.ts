/** Intents `contact` and `website`: the contact details and the website the report gives, quoted with its line. */
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Report } from '../model/schema.js';
import type { Understanding } from '../understand/understand.js';
import { loadReport, reportNotes, type AnswerContext } from './context.js';
import { contactLines } from '../understand/understand.js';
import { findSentence } from './narrative.js';

type Sourced = Report['website'];

function facts(r: Report, pairs: Array<[string, Sourced]>): Fact[] {
  return pairs.filter(([, v]) => v).map(([id, v]) => ({ agency: r.agency, year: r.year, metric: id, label: id, value: v!.value, unit: '', source: v!.source.line ?? v!.source.section }));
}

/** Every phone number the report's text prints (0356—3915675, 0356-3915675 …), as written. */
function phonesPrinted(r: Report): string[] {
  const text = [...contactLines(r), ...r.sections.map((s) => s.text)].join('\n');
  return [...text.matchAll(/(?<!\d)(?:0\d{2,3}\s*[-—–－]?\s*)?\d{7,8}(?!\d)/g)].map((m) => m[0]).filter((p) => !/^(?:19|20)\d{2}/.test(p.replace(/\D/g, '')) || /[-—–－]/.test(p));
}

export function answerContact(u: Extract<Understanding, { intent: 'contact' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const c = r.contact;
  const all = u.parts.length === 4;
  const lines: string[] = [];
  if (all || u.parts.includes('department')) lines.push(w.contactDepartment(c.department?.value ?? null));
  if (all || u.parts.includes('phone')) lines.push(w.contactPhone(c.phone?.value ?? null));
  if (all || u.parts.includes('address')) lines.push(w.contactAddress(c.address?.value ?? null));
  if ((all && c.email) || u.parts.includes('email')) lines.push(w.contactEmail(c.email?.value ?? null));
  if (all) lines.push(w.websiteLine(r.website?.value ?? null));
  // the report prints a phone number in several places (两次电话一样吗): whether they agree
  if (u.parts.includes('phone') && c.phone && /一样|相同|一致|同一|不同|几处|几次|出现|两次|两个号码|几个号码|same|match|differ/i.test(u.question)) {
    const printed = phonesPrinted(r);
    if (printed.length > 1) lines.push(w.phonesPrinted(printed.length, new Set(printed.map((p) => p.replace(/\D/g, ''))).size === 1));
  }
  const stated = facts(r, [['contact.department', c.department], ['contact.phone', c.phone], ['contact.address', c.address], ['contact.email', c.email], ...(all ? [['website', r.website] as [string, Sourced]] : [])]);
  const base = { intent: 'contact' as const, language: w.lang, notes: reportNotes(u.report, w), confidence: u.confidence };
  const asked = { department: c.department, phone: c.phone, address: c.address, email: c.email };
  // only parts the report does not print were asked (有电子邮箱吗), or it prints no contact at all: say so, and give what it does print
  if (u.parts.every((p) => !asked[p])) {
    const holds = [c.department?.value, c.phone?.value, c.address?.value].filter((x): x is string => !!x);
    return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', title: w.contactHead(r.agency, r.year), lines: [...u.parts.map((p) => w.contactMissing(p)), ...(holds.length ? [w.unheldHoldsContact(holds)] : r.website ? [w.websiteLine(r.website.value)] : [])], facts: stated });
  }
  if (!stated.length) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.notInReport(r.agency, r.year, w.lang === 'zh' ? '联系方式' : 'contact details')] });
  const line = c.phone?.source.line ?? c.address?.source.line ?? c.department?.source.line ?? '';
  return makeReply({ ...base, kind: 'facts', title: w.contactHead(r.agency, r.year), lines, facts: stated, source: `“${line.slice(0, 160)}”` });
}

/** The report's sentence naming its column (专栏/栏目) on a website, if it has one. */
const columnSentence = (r: Report) => findSentence(r, (x) => /专栏|栏目/.test(x) && /网站|门户|平台/.test(x))?.slice(0, 200);

export function answerWebsite(u: Extract<Understanding, { intent: 'website' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const base = { intent: 'website' as const, language: w.lang, notes: reportNotes(u.report, w), confidence: u.confidence };
  if (!r.website) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.notInReport(r.agency, r.year, w.lang === 'zh' ? '网址' : 'a website')] });
  const lines = [w.websiteLine(r.website.value), ...(u.download ? [w.downloadLine(r.website.value)] : [])];
  // 哪个栏目 / the dedicated column: the report's own sentence about its 专栏 on that site
  const column = /栏目|专栏|\bcolumn\b|\bsection\b/i.test(u.question) ? columnSentence(r) : undefined;
  if (column) lines.push(`“${column}”`);
  return makeReply({ ...base, kind: 'facts', title: w.reportHead(r.agency, r.year), lines, facts: facts(r, [['website', r.website]]), source: `“${(r.website.source.line ?? '').slice(0, 160)}”` });
}

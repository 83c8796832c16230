/** Report facts outside the tables: agency, year, period, publish date, website, contact. */
import type { SourcedText } from '../model/schema.js';

const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const pad = (n: string | number) => String(n).padStart(2, '0');
const iso = (y: string | number, m: string | number, d: string | number) => `${y}-${pad(m)}-${pad(d)}`;

const sourced = (value: string | undefined, section: string, line: string): SourcedText | null =>
  value && value.trim() ? { value: value.trim(), source: { section, line: line.trim().slice(0, 300) } } : null;

/** The sentence around a match, for provenance. */
function sentenceAt(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('。', index), text.lastIndexOf('\n', index)) + 1;
  const ends = [text.indexOf('。', index), text.indexOf('\n', index)].filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) + 1 : text.length;
  return text.slice(start, Math.min(end, start + 300));
}

export function findTitle(lines: string[], htmlTitle: string | null): string {
  const crawler = lines.find((l) => /^标题\s*[:：]/.test(l));
  if (crawler) return crawler.replace(/^标题\s*[:：]\s*/, '').trim();
  const head = lines.slice(0, 200);
  const idx = head.findIndex((l) => /信息公开.{0,6}年度?报告|年度报告/.test(l) && l.length < 80);
  if (idx >= 0) {
    let t = head[idx]!.trim();
    // a title broken over two lines ("…信息公开工作" / "年度报告")
    if (idx > 0 && /^年度?报告$/.test(t)) t = head[idx - 1]!.trim() + t;
    else if (!/报告/.test(t) && head[idx + 1]) t += head[idx + 1]!.trim();
    return t.replace(/^正文\s*/, '');
  }
  const broken = head.findIndex((l, i) => /信息公开(?:工作)?$/.test(l.trim()) && /^年度?报告/.test(head[i + 1]?.trim() ?? ''));
  if (broken >= 0) return head[broken]!.trim() + head[broken + 1]!.trim();
  return htmlTitle?.trim() ?? '';
}

export function agencyFromTitle(title: string): string | null {
  const t = title.replace(/\s+/g, '').replace(/[-—_|｜].*$/, '');
  const before = /^(.+?)(?:\d{4}|二[〇零]\S{2})年度?(?:政府|政务)?信息公开/.exec(t);
  if (before?.[1]) return clean(before[1]);
  const after = /^\d{4}年度?(.+?)(?:政府|政务)信息公开/.exec(t);
  if (after?.[1]) return clean(after[1]);
  return null;
}

function clean(agency: string): string {
  return (agency.replace(/^关于|的?$/g, '').replace(/[《》“”"]/g, ''));
}

export function agencyFromText(text: string): string | null {
  const m = /现(?:将|向社会)?公布(.{2,30}?)(?:\d{4})\s*年度?政府信息公开/.exec(text.replace(/\s+/g, ''));
  return m?.[1] ? clean(m[1]) : null;
}

export function yearOf(title: string, text: string): number | null {
  const t = /(\d{4})\s*年/.exec(title.replace(/\s+/g, ''));
  if (t) return Number(t[1]);
  const p = /统计(?:期限|时限|周期|期|时间)[^\d]{0,12}(\d{4})\s*年/.exec(text);
  return p ? Number(p[1]) : null;
}

export function periodOf(text: string, year: number | null): { start: string | null; end: string | null } {
  const flat = text.replace(/\s+/g, '');
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日起?(?:至|到|—|－|-|~)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:止)?/.exec(flat);
  if (m) return { start: iso(m[1]!, m[2]!, m[3]!), end: iso(m[4] ?? m[1]!, m[5]!, m[6]!) };
  return year ? { start: iso(year, 1, 1), end: iso(year, 12, 31) } : { start: null, end: null };
}

/** Publish date: the date under the signature at the end, else the page's publication metadata. */
export function publishDateOf(bodyLines: string[], allLines: string[], meta: Record<string, string>, year: number | null): string | null {
  const tail = bodyLines.slice(-8).join('\n');
  const dates = [...tail.matchAll(new RegExp(DATE.source, 'g'))];
  const last = dates[dates.length - 1];
  if (last && (!year || Number(last[1]) >= year)) {
    const after = tail.slice(last.index! + last[0].length).replace(/\s/g, '');
    if (after.length < 40) return iso(last[1]!, last[2]!, last[3]!);
  }
  for (const l of allLines.slice(0, 400)) {
    const m = /(?:发布时间|发布日期|公开日期|成文日期|日期)\s*[:：]?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(l);
    if (m) return iso(m[1]!, m[2]!, m[3]!);
  }
  const pub = meta.pubdate ?? meta.publishdate ?? meta['article:published_time'];
  const pm = pub && /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(pub);
  return pm ? iso(pm[1]!, pm[2]!, pm[3]!) : null;
}

export function websiteOf(text: string): SourcedText | null {
  const m = /((?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.gov\.cn(?:\/[\w\-./%]*)?)/i.exec(text);
  return m ? sourced(m[1], '前言', sentenceAt(text, m.index)) : null;
}

export function contactOf(text: string): { department: SourcedText | null; phone: SourcedText | null; address: SourcedText | null; email: SourcedText | null } {
  const flat = text.replace(/[ \t\u3000]+/g, '');
  const phone = /(?:电话|联系方式|咨询电话|联系电话)[:：]?(\(?0\d{2,3}\)?[-—－–]?\d{7,8}(?:[-—－–]\d{1,4})?)/.exec(flat)
    ?? /(0\d{2,3}[-—－–]\d{7,8})/.exec(flat);
  const address = /(?:通讯地址|联系地址|办公地址|地址)[:：]([^；;，,。)）\n]{4,60})/.exec(flat);
  const dept = /请(?:与|向|联系)(.{2,40}?)联系/.exec(flat) ?? /(?:联系单位|联系部门)[:：]([^；;，,。\n]{2,40})/.exec(flat);
  const email = /([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/.exec(flat);
  return {
    phone: phone ? sourced(phone[1]!.replace(/[—－–]/g, '-'), '前言', sentenceAt(flat, phone.index)) : null,
    address: address ? sourced(address[1], '前言', sentenceAt(flat, address.index)) : null,
    department: dept ? sourced(dept[1], '前言', sentenceAt(flat, dept.index)) : null,
    email: email ? sourced(email[1], '前言', sentenceAt(flat, email.index)) : null,
  };
}

export function regulationOf(text: string): string | null {
  const m = /《(中华人民共和国政府信息公开条例)》/.exec(text) ?? /《(政府信息公开条例)》/.exec(text);
  return m ? `《${m[1]}》` : null;
}

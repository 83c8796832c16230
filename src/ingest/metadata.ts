/** Report facts outside the tables: period, publish date, website, contact, regulation. */
import type { SourcedText } from '../model/schema.js';
import { statedPeriod } from './report-year.js';

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

/** The 统计期限 as printed (`stated`, when the caller has read it already); else the calendar year of the report. */
export function periodOf(text: string, year: number | null, stated = statedPeriod(text)): { start: string | null; end: string | null } {
  if (stated) return stated;
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

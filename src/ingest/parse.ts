/** Raw report (text or HTML) → validated Report. Throws IngestError naming what was not found. */
import { REPORT_SCHEMA_VERSION, type Report } from '../model/schema.js';
import { safeParseReport } from '../model/validate.js';
import { htmlToLines, looksLikeHtml } from './html.js';
import { agencyFromSignature, agencyFromText, agencyFromTitle, findTitle } from './agency.js';
import { citationsOf } from './citations.js';
import { cleanLines } from './cleanup.js';
import { contactOf, periodOf, publishDateOf, regulationOf, websiteOf } from './metadata.js';
import { overviewSubsections, problemsAndImprovements, processingFees, recoverProblemsSection, splitSections } from './narrative.js';
import { proactiveBreakdown } from './proactive.js';
import { decideYear, statedPeriod } from './report-year.js';
import { normalizeSourceText } from './rows.js';
import { IngestError, readTables } from './tables.js';
import { auditReport } from '../audit/rules.js';

export { IngestError };

export interface ParseOptions {
  sourceFile: string;
  agency?: string;
  year?: number;
}

/** The report proper: without crawler headers, site chrome before the title, or footers after the signature. */
/** The page around a report: its footer and sharing links are not the report. */
const SITE_FOOTER = /版权所有|主办单位|承办单位|ICP备|网站标识码|技术支持|关闭窗口|打印本页|【打印】|扫一扫|分享到|阅读原文|相关链接|上一篇|下一篇/;
/** 六、其他需要报告的事项 holds a few paragraphs (fees, proposals handled, contact) and the signature. */
const MAX_OTHER_PARAGRAPHS = 8;

function cropBody(lines: string[]): string[] {
  const sep = lines.findIndex((l) => /^={5,}\s*正文\s*={5,}$/.test(l.trim()));
  let start = sep >= 0 ? sep + 1 : 0;
  if (sep < 0) {
    const intro = lines.findIndex((l) => /(?:根据|依据|按照).{0,10}《(?:中华人民共和国)?政府信息公开条例》|本报告/.test(l));
    const overview = lines.findIndex((l) => /[一1]\s*[、.．]\s*总体情况/.test(l));
    const first = [intro, overview].filter((i) => i >= 0);
    if (first.length) {
      start = Math.min(...first);
      // keep the title line(s) just above the introduction
      for (let i = start - 1; i >= Math.max(0, start - 4); i--) if (/年度?报告|信息公开/.test(lines[i]!) && lines[i]!.length < 80) start = i;
    }
  }
  let end = lines.length;
  // the last 六、其他需要报告的事项 heading (the preamble often lists the section names too)
  let other = -1;
  lines.forEach((l, i) => { if (i >= start && /[六五七]\s*[、.．]\s*其他需要报告的事项/.test(l)) other = i; });
  if (other >= 0) {
    // the section runs to its signature date; without one, over its paragraphs (counted without the empty lines
    // between them) up to the page's own footer
    end = lines.length;
    let paragraphs = 0;
    for (let i = other + 1; i < lines.length; i++) {
      const t = lines[i]!.trim();
      if (/^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(t)) { end = i + 1; break; }
      if (SITE_FOOTER.test(t) || (t && ++paragraphs > MAX_OTHER_PARAGRAPHS)) { end = i; break; }
    }
  }
  return lines.slice(start, end);
}

/** 9,836条 / 1,260元: a thousands separator is no boundary between numbers. */
const withoutThousandsSeparators = (text: string) => text.replace(/(?<=\d),(?=\d{3}(?!\d))/g, '');

const yearOfDate = (iso: string | undefined) => (iso ? Number(iso.slice(0, 4)) : null);

export function parseReport(raw: string, options: ParseOptions): Report {
  if (!raw.trim()) throw new IngestError(`${options.sourceFile}: file is empty`);
  const html = looksLikeHtml(raw);
  let allLines: string[];
  let htmlTitle: string | null = null;
  let meta: Record<string, string> = {};
  if (html) {
    const converted = htmlToLines(normalizeSourceText(raw));
    allLines = converted.lines; htmlTitle = converted.title; meta = converted.meta;
  } else {
    allLines = normalizeSourceText(raw).split('\n');
  }
  allLines = cleanLines(allLines);
  const bodyLines = cropBody(allLines);
  const body = bodyLines.join('\n');

  const tables = readTables(body);
  const title = findTitle(allLines, htmlTitle);
  const agency = options.agency ?? agencyFromTitle(title) ?? agencyFromSignature(bodyLines) ?? agencyFromText(body);
  if (!agency) throw new IngestError(`${options.sourceFile}: agency not found in the title, the signature or the text (pass --agency)`);

  const sections = recoverProblemsSection(splitSections(body));
  const overview = sections.find((s) => s.key === 'overview');
  const stated = statedPeriod(body); // (read once: it flattens the whole body)
  const decided = decideYear(title, yearOfDate(stated?.start), overview?.text ?? '', options.year ?? null);
  if (decided.conflict && options.year === undefined) {
    throw new IngestError(`${options.sourceFile}: the report states different years (${decided.conflict}); pass --year to say which year it is`);
  }
  const year = decided.year;
  if (!year) throw new IngestError(`${options.sourceFile}: report year not found in the title, the 统计期限 or the text (pass --year)`);
  const five = sections.find((s) => s.key === 'problems');
  const six = sections.find((s) => s.key === 'other');
  const { problems, improvements } = problemsAndImprovements(five?.text ?? '');
  const period = periodOf(body, year, stated);
  const preamble = body.slice(0, Math.max(body.search(/[一1]\s*[、.．]\s*总体情况/), 400));

  const format = html ? 'html' : tables.flattened ? 'flattened'
    : /\t/.test(body) ? 'tsv' : /\|.*\|/.test(body) ? 'pipe' : 'cells';
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: `${agency}-${year}`,
    agency,
    year,
    title: title || `${agency}${year}年政府信息公开工作年度报告`,
    layout: tables.layout,
    sourceFile: options.sourceFile,
    sourceFormat: format,
    periodStart: period.start,
    periodEnd: period.end,
    publishDate: publishDateOf(bodyLines, allLines, meta, year),
    website: websiteOf(preamble) ?? websiteOf(body),
    contact: (() => {
      const head = contactOf(preamble);
      // the whole body is searched only for what the preamble lacks
      if (head.department && head.phone && head.address && head.email) return { department: head.department, phone: head.phone, address: head.address, email: head.email };
      const all = contactOf(body);
      return { department: head.department ?? all.department, phone: head.phone ?? all.phone, address: head.address ?? all.address, email: head.email ?? all.email };
    })(),
    regulation: regulationOf(body),
    citations: citationsOf(body),
    cells: tables.cells,
    sections: [...sections, ...(overview ? overviewSubsections(overview.text) : [])],
    // (9,836条: a thousands separator is no boundary between numbers)
    proactive: proactiveBreakdown(withoutThousandsSeparators(overview?.text ?? body)),
    problems,
    improvements,
    processingFees: processingFees(withoutThousandsSeparators(six?.text ?? '')) ?? processingFees(withoutThousandsSeparators(body)),
    notes: tables.notes,
    yearEvidence: decided.evidence,
    findings: [],
  };
  report.findings = auditReport(report);
  const checked = safeParseReport(report);
  if (!checked.success) throw new IngestError(`${options.sourceFile}: parsed report failed validation: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return checked.data;
}

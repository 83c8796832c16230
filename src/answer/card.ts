/** Intent `card`: a bare agency name → its reports and the key figures and contact of the latest one. */
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { reportOf } from '../understand/agency-directory.js';
import { cellFact, valueWords, type AnswerContext } from './context.js';

const KEY_CELLS = ['licensing.decisions', 'penalty.decisions', 'coercion.decisions', 'applications.newReceived.total', 'review.total', 'litigation.direct.total'];

export function answerCard(u: Extract<Understanding, { intent: 'card' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const e = u.agency;
  const year = u.year ?? e.years[e.years.length - 1]!;
  const r = ctx.data.report(reportOf(e, year)!);
  const facts = KEY_CELLS.map((id) => cellFact(r, id, w));
  const lines = [w.cardLatest(year), ...facts.map((f) => `- ${w.line(f.label, valueWords(w, f.value, f.unit))}`)];
  if (r.proactive.total) lines.push(`- ${w.cardProactive(w.num(r.proactive.total.value, r.proactive.total.unit))}`);
  if (r.contact.phone || r.contact.department) lines.push(w.contactDepartment(r.contact.department?.value ?? null), w.contactPhone(r.contact.phone?.value ?? null));
  lines.push(w.cardMore);
  return makeReply({ kind: 'facts', intent: 'card', language: w.lang, title: w.cardHead(e.agency, e.years), lines, facts, confidence: u.confidence });
}

/**
 * Intent `unheld`: the question asks for something the form never holds (a fine's amount, staff numbers, names,
 * case details …). Say what the report does hold instead — the counted cells it names, or the contact it gives —
 * and refuse the rest, rather than answer a different question.
 */
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { cellsFor } from './cells.js';
import { cellFact, loadReport, valueWords, type AnswerContext } from './context.js';

export function answerUnheld(u: Extract<Understanding, { intent: 'unheld' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const what = u.attribute.what === 'subset' ? w.unheldSubset(u.attribute.zh[0] ?? '') : w.unheldWhat[u.attribute.what] ?? u.attribute.what;
  const holds: string[] = [];
  let facts: Fact[] = [];
  let title: string | undefined;
  if (u.report) {
    const r = loadReport(ctx, u.report);
    title = w.reportHead(r.agency, r.year);
    facts = cellsFor(u.measure.rows, u.measure.columns, r.layout).ids.slice(0, 4).map((id) => cellFact(r, id, w));
    holds.push(...facts.map((f) => `${f.label} ${valueWords(w, f.value, f.unit)}`));
    if (u.attribute.what === 'contactChannel') {
      const c = r.contact;
      const parts = [c.department?.value, c.phone?.value, c.address?.value, c.email?.value].filter((x): x is string => !!x);
      if (parts.length) holds.push(w.unheldHoldsContact(parts));
    }
  }
  return makeReply({ kind: 'refuse', reason: 'unheld', intent: 'unheld', language: w.lang, ...(title ? { title } : {}), lines: [w.unheld(what, holds)], facts, confidence: u.confidence });
}

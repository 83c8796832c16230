/**
 * Report fields the newer schema adds, with what older stored reports imply: the breakdown's parse status and
 * the documents a report cites with its own 以下简称.
 */
import type { Report } from '../model/schema.js';

export type BreakdownStatus = Report['proactive']['breakdown'];

/** An old report without the status: its items, or a total without items, say what happened. */
export function breakdownStatus(r: Report): BreakdownStatus {
  if (r.proactive.items.length) return 'parsed';
  return r.proactive.breakdown === 'absent' && r.proactive.total ? 'notParsed' : r.proactive.breakdown;
}

export type Citation = Report['citations'][number];

export const citations = (r: Report): Citation[] => r.citations;

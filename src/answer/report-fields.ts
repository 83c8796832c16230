/**
 * The breakdown's parse status, with what older stored reports (without the field) imply.
 */
import type { Report } from '../model/schema.js';

export type BreakdownStatus = Report['proactive']['breakdown'];

/** An old report without the status: its items, or a total without items, say what happened. */
export function breakdownStatus(r: Report): BreakdownStatus {
  if (r.proactive.items.length) return 'parsed';
  return r.proactive.breakdown === 'absent' && r.proactive.total ? 'notParsed' : r.proactive.breakdown;
}

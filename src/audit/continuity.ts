/**
 * An audit across reports: applications carried over into a year (表三 二、上年结转) must equal those carried
 * forward out of the year before (四、结转下年度继续办理) in the same agency's previous report.
 */
import type { Dataset } from '../store/dataset.js';

export interface ContinuityBreak {
  agency: string;
  year: number;
  carriedOver: number;
  previousCarriedForward: number;
}

export interface ContinuityCheck {
  /** Consecutive-year report pairs whose two cells could be compared. */
  pairs: number;
  breaks: ContinuityBreak[];
}

export function checkContinuity(data: Dataset, agencies?: ReadonlySet<string>): ContinuityCheck {
  const breaks: ContinuityBreak[] = [];
  let pairs = 0;
  for (let i = 0; i < data.size; i++) {
    const agency = data.agencyOf(i), year = data.yearOf(i);
    if (agencies && !agencies.has(agency)) continue;
    const before = data.indexOf(agency, year - 1);
    if (before === undefined) continue;
    const over = data.value(i, 'applications.carriedOver.total');
    const forward = data.value(before, 'applications.carriedForward.total');
    if (typeof over !== 'number' || typeof forward !== 'number') continue;
    pairs++;
    if (over !== forward) breaks.push({ agency, year, carriedOver: over, previousCarriedForward: forward });
  }
  return { pairs, breaks };
}

/**
 * The conversation's memory: the last understood question as plain data (intent + slots, by name), so a
 * follow-up can replace only what it names ("那行政强制呢" → new rows, "那2022年呢" → new year) and a session
 * store can keep it anywhere (memory today, Redis tomorrow).
 */
import type { IntentId } from './intents.js';

export interface Frame {
  intent: IntentId;
  /** The one agency asked about. */
  agency?: string;
  /** Agencies compared side by side. */
  agencies?: string[];
  /** The year written beside each of them (望澜街道2021年和泽州交通局2023年), for the follow-ups (多多少). */
  agencyYears?: Array<number | null>;
  /** The question that set a scope across reports (its region and department words are read again). */
  scopeText?: string;
  years: number[];
  yearRange?: [number, number];
  /** Row concept ids and column concept ids of the last cell question. */
  rows: string[];
  columns: string[];
  /** Cell ids the last answer stated (for "这个数出自哪里"). */
  metrics: string[];
  /** Cue words that shaped the last question across reports (most/least, sum/average). */
  cues: string[];
  topN?: number;
  /** The agency and the year asked just before (两个加起来, 增加了多少). */
  priorAgency?: string;
  priorYear?: number;
  /** The rows asked just before (处罚多少 → 那强制呢 → 两个合起来多少). */
  priorRows?: string[];
  /** The question, for a lookup (problems, contact …) a follow-up naming only another agency or year asks again. */
  question?: string;
  /** 主动公开 categories named (by their printed names). */
  categories?: string[];
  /** The categories asked just before (部门预决算几条 → 机构设置呢 → 俩加一块). */
  priorCategories?: string[];
}

/**
 * Groups unanswered questions that ask the same thing in slightly different words, so the list shows each
 * wording problem once with how often it came up. Questions are read with the bot's own normalizer (full-width,
 * traditional characters, Chinese numerals) and segmenter; numbers (years, counts) stand for any number, function
 * words are dropped, and two questions fall in one group when their word sets overlap enough (Jaccard index).
 */
import { normalizeQuestion } from '../understand/normalize.js';
import { FUNCTION_WORDS, tokenize } from '../understand/tokenize.js';
import type { UnansweredEntry } from './unanswered.js';

export interface UnansweredGroup {
  count: number;
  /** The wording asked most often in the group. */
  example: string;
  /** Other wordings, most frequent first. */
  variants: string[];
  /** Why they were not answered: refusal reason (or `clarify`) → count. */
  reasons: Record<string, number>;
  lastAt: string;
}

export interface GroupOptions {
  /** Least word-set overlap for two questions to be one group (0–1, default 0.6). */
  similarity?: number;
}

/** The words a question is compared by: normalized, segmented, numbers as `#`, no function words or punctuation. */
export function questionWords(text: string): Set<string> {
  const normalized = normalizeQuestion(text, new Date(2000, 0, 1)).text.toLowerCase();
  const words = new Set<string>();
  for (const { text: t } of tokenize(normalized)) {
    if (FUNCTION_WORDS.has(t) || !/[\p{L}\p{N}]/u.test(t)) continue;
    words.add(/^\d+(\.\d+)?%?$/.test(t) ? '#' : t);
  }
  return words;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Wording { text: string; words: Set<string>; entries: UnansweredEntry[] }

/** The groups, largest first (ties: most recent first). */
export function groupUnanswered(entries: UnansweredEntry[], options: GroupOptions = {}): UnansweredGroup[] {
  const threshold = options.similarity ?? 0.6;
  // identical wordings first (after trimming), so each distinct text is segmented once
  const byText = new Map<string, Wording>();
  for (const e of entries) {
    const key = e.text.trim();
    let w = byText.get(key);
    if (!w) byText.set(key, (w = { text: key, words: questionWords(key), entries: [] }));
    w.entries.push(e);
  }
  const wordings = [...byText.values()].sort((a, b) => b.entries.length - a.entries.length);
  // greedy: each wording joins the group whose first (most frequent) wording it is most like
  const groups: Wording[][] = [];
  for (const w of wordings) {
    let best: Wording[] | undefined;
    let bestScore = threshold;
    for (const g of groups) {
      const score = jaccard(w.words, g[0]!.words);
      if (score >= bestScore) { best = g; bestScore = score; }
    }
    if (best) best.push(w); else groups.push([w]);
  }
  return groups.map(summarize).sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

function summarize(group: Wording[]): UnansweredGroup {
  const all = group.flatMap((w) => w.entries);
  const reasons: Record<string, number> = {};
  for (const e of all) { const r = e.kind === 'clarify' ? 'clarify' : (e.reason ?? 'refused'); reasons[r] = (reasons[r] ?? 0) + 1; }
  return {
    count: all.length,
    example: group[0]!.text,
    variants: group.slice(1).map((w) => w.text),
    reasons,
    lastAt: all.reduce((m, e) => (e.at > m ? e.at : m), ''),
  };
}

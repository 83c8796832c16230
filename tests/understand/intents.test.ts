/**
 * Stage 4, intent scoring: the declared table picks the intent from the question's features alone. Features are
 * built by hand here, so each row of the table is tested without the readers in front of it.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CueId } from '../../src/catalog/cues.js';
import { INTENT_IDS, INTENT_TABLE, QUIET_CUES, type Features, type IntentId } from '../../src/understand/intents.js';


type Given = Partial<Omit<Features, 'cue'>> & { cues?: CueId[] };

/** Features of a question about one report of one agency, with what `given` says on top. */
function features({ cues = [], ...rest }: Given = {}): Features {
  return {
    cue: (id) => cues.includes(id),
    rows: 0, columns: 0, proactive: false, processingFees: false, categories: 0, compared: 0, single: true, named: false,
    across: false, manyAgencies: false, years: 0, yearRange: false, itemN: false, sectionN: false, quotedPercents: 0,
    subsection: false, leftovers: 0, proseHits: 0, contactHits: 0, english: false, tableN: false, priorYear: false,
    previous: undefined, ordinal: false, cueCount: cues.filter((c) => !QUIET_CUES.includes(c)).length, frameHasCells: false,
    namedHere: rest.named ?? false,
    ...rest,
  };
}

/** The table's choice: the best score, ties to the intent listed first, nothing when every score is 0. */
function pick(given: Given): IntentId | undefined {
  const f = features(given);
  let best: IntentId | undefined;
  let top = 0;
  for (const row of INTENT_TABLE) {
    const s = row.score(f);
    if (s > top) { best = row.id; top = s; }
  }
  return best;
}

describe('INTENT_TABLE', () => {
  it('has one row per intent id, each id declared', () => {
    const ids = INTENT_TABLE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(INTENT_IDS).toContain(id);
    expectTypeOf(INTENT_TABLE[0]!.id).toEqualTypeOf<IntentId>();
  });

  it('a cell with a quantity is a value', () => {
    expect(pick({ rows: 1, cues: ['quantity'] })).toBe('value');
  });

  it('a cell, a comparison and two years of one agency compares the years', () => {
    expect(pick({ rows: 1, years: 2, cues: ['compare'] })).toBe('compareYears');
    expect(pick({ rows: 1, years: 1, priorYear: true, cues: ['compare'] })).toBe('compareYears');
  });

  it('a cell over a span or three years of one agency is a trend; two years with 各/分别 too', () => {
    expect(pick({ rows: 1, yearRange: true, years: 2 })).toBe('trend');
    expect(pick({ rows: 1, years: 3 })).toBe('trend');
    expect(pick({ rows: 1, years: 2, cues: ['respectively'] })).toBe('trend');
    expect(pick({ rows: 1, years: 2, cues: ['most', 'which'] })).toBe('trend');
  });

  it('a cell and two agencies side by side compares the agencies', () => {
    expect(pick({ rows: 1, compared: 2, single: false, named: true, manyAgencies: true, cues: ['compare'] })).toBe('compareAgencies');
  });

  it('a cell ranked across a scope of many agencies is a ranking; summed, a scope sum', () => {
    const across = { rows: 1, single: false, across: true, manyAgencies: true } as const;
    expect(pick({ ...across, cues: ['rank'] })).toBe('rank');
    expect(pick({ ...across, cues: ['most', 'which'] })).toBe('rank');
    expect(pick({ ...across, cues: ['sum'] })).toBe('scopeSum');
    expect(pick({ ...across, cues: ['zero', 'which'] })).toBe('zeroes');
  });

  it('a ranking needs several agencies: with one agency named it stays a value', () => {
    expect(pick({ rows: 1, named: true, cues: ['rank'] })).toBe('value');
  });

  it('contact cues without a cell ask for the contact; with a cell they do not', () => {
    expect(pick({ cues: ['contact'] })).toBe('contact');
    expect(pick({ cues: ['phone', 'quantity'] })).toBe('contact');
    expect(pick({ rows: 1, cues: ['phone', 'quantity'] })).toBe('value');
  });

  it('report facts, the website and the form have their own rows', () => {
    expect(pick({ cues: ['publishDate'] })).toBe('reportFacts');
    expect(pick({ cues: ['documents'] })).toBe('reportFacts');
    expect(pick({ cues: ['download'] })).toBe('website');
    expect(pick({ itemN: true, cues: ['form'] })).toBe('form');
    expect(pick({ itemN: true, rows: 1, cues: ['quantity'] })).toBe('value');
  });

  it('the 主动公开 topic is the breakdown; a share or a category of it too', () => {
    expect(pick({ proactive: true, cues: ['quantity'] })).toBe('breakdown');
    expect(pick({ categories: 1, cues: ['share'] })).toBe('breakdown');
    // a follow-up on the breakdown keeps it for sums and exceptions
    expect(pick({ previous: 'breakdown', cues: ['except'] })).toBe('breakdown');
  });

  it('problems and improvements are a list; a consistency check is an audit', () => {
    expect(pick({ cues: ['problems'] })).toBe('problems');
    expect(pick({ cues: ['improvements'] })).toBe('problems');
    expect(pick({ ordinal: true, cues: ['followUp'] })).toBe('problems');
    expect(pick({ rows: 1, cues: ['audit'] })).toBe('audit');
  });

  it('the processing fee is its own answer, not the 行政事业性收费 cell', () => {
    expect(pick({ processingFees: true })).toBe('processingFees');
  });

  it('words the prose contains make it a narrative question', () => {
    expect(pick({ leftovers: 2, proseHits: 2, cues: ['narrative'] })).toBe('narrative');
    expect(pick({ subsection: true })).toBe('narrative');
  });

  it('a bare agency name is its card; a word left over is not', () => {
    expect(pick({ named: true })).toBe('card');
    expect(pick({ named: true, leftovers: 1 })).toBeUndefined();
  });

  it('help, thanks and off-topic requests are told apart from questions wrapped in politeness', () => {
    expect(pick({ cues: ['help'] })).toBe('help');
    expect(pick({ cues: ['greeting'] })).toBe('help');
    expect(pick({ cues: ['greeting', 'quantity'], rows: 1 })).toBe('value');
    expect(pick({ cues: ['thanks'] })).toBe('smalltalk');
    expect(pick({ cues: ['offTopic'] })).toBe('notUnderstood');
  });

  it('scores nothing for a question with no content', () => {
    expect(pick({})).toBeUndefined();
  });
});

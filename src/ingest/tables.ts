/**
 * Reading 表二, 表三 and 表四 out of a report's text, whatever the layout. Two strategies:
 *  - structured: rows with separable cells (tabs, pipes, HTML grid, one cell per line, spaces);
 *  - flattened: crawler text where labels and digit runs follow each other with no delimiter, split
 *    with the tables' own identities (see digits.ts).
 * Row labels come from the metric catalog; rows without a readable label take the fixed row order.
 */
import {
  APPLICANT_COLUMNS, APPLICATION_ROWS, DECISION_ROWS, OUTCOME_COLUMNS, REGULATION_COLUMNS, REGULATION_ROWS,
  REVIEW_BLOCKS, metric, metricId,
} from '../catalog/metrics.js';
import { UNDETERMINED, type Cell, type CellValue } from '../model/schema.js';
import { splitFreeRun, splitSummedRun } from './digits.js';
import { settleRun, statementsAbout } from './settle.js';
import { compact, fitColumns, isPageFooter, splitRow } from './rows.js';

export class IngestError extends Error {}

export interface TableRead {
  cells: Record<string, Cell>;
  notes: string[];
  flattened: boolean;
  layout: '2021' | '2019';
}

interface Regions { t2: string; t3: string; t4: string; /** The text outside the tables (the report's prose). */ prose: string }

function findRegions(text: string): Regions {
  const t3Anchor = /本年新收(?:政府信息公开申请数量)?/g;
  let t3Start = -1;
  for (let m; (m = t3Anchor.exec(text)); ) {
    if (/[\d\t|\n]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) { t3Start = m.index; break; }
  }
  if (t3Start < 0) throw new IngestError('表三 not found (no row 一、本年新收政府信息公开申请数量 with numbers)');
  const lineStart = text.lastIndexOf('\n', t3Start) + 1;
  const forward = /结转下年|继续办理/g;
  forward.lastIndex = t3Start;
  const fwd = forward.exec(text);
  if (!fwd) throw new IngestError('表三 incomplete: row 四、结转下年度继续办理 not found');
  const reviewRe = /行政复议/g;
  reviewRe.lastIndex = fwd.index;
  const rv = reviewRe.exec(text);
  if (!rv) throw new IngestError('表四 not found (no 行政复议 heading after 表三)');
  const t3End = rv.index;
  const after = text.slice(rv.index);
  const endM = /五\s*[、.．]|存在的主要问题|主要问题|其他需要报告/.exec(after);
  const t4 = after.slice(0, endM ? endM.index : 3000);
  const t4End = rv.index + t4.length;

  const before = text.slice(0, t3Start);
  const art20 = /第二十条第[（(]一[）)]项/.exec(before);
  let t2Start = art20 ? art20.index : before.lastIndexOf('主动公开政府信息情况');
  if (t2Start < 0) t2Start = Math.max(0, before.length - 3000);
  // structured rows keep their label prefix (一、); flattened text keeps nothing of the narrative before it
  return { t2: before.slice(t2Start), t3: text.slice(Math.max(lineStart, t3Start - 12), t3End), t4, prose: `${text.slice(0, t2Start)}\n${text.slice(t4End)}` };
}

/** A 表三 row's cell ids in the order of APPLICANT_COLUMNS, built once per row (every report asks for them). */
const applicationIdsByRow = new Map<string, readonly string[]>();
function applicationIds(rowKey: string): readonly string[] {
  let ids = applicationIdsByRow.get(rowKey);
  if (!ids) applicationIdsByRow.set(rowKey, (ids = APPLICANT_COLUMNS.map((col) => metricId('applications', rowKey, col.key))));
  return ids;
}

const cell = (id: string, value: CellValue, line: string | undefined, note?: string, raw?: string): Cell => {
  const m = metric(id);
  // (properties set one by one rather than spread from temporary objects: this runs for every cell of every report)
  const source: Cell['source'] = { section: m.table, row: m.rowLabel, column: m.columnLabel };
  if (line) source.line = line.slice(0, 300);
  const c: Cell = { value, source };
  if (raw) c.raw = raw.slice(0, 500);
  if (note) c.note = note;
  return c;
};

/** A cell the report prints but whose number could not be recovered: the printed run and the reason are kept. */
const undetermined = (id: string, line: string | undefined, note: string, raw?: string): Cell => cell(id, UNDETERMINED, line, note, raw);

function regionLines(region: string): string[] {
  return region.split('\n').filter((l) => l.trim() !== '' && !isPageFooter(l));
}

/** Text after `anchor` up to the next label: the digit run of a flattened row. */
function runAfter(text: string, anchor: RegExp, from: number): { run: string; end: number; start: number } | null {
  const re = new RegExp(anchor.source, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length);
  const r = /^[^\d/／]{0,60}?([\d.\s]*\d|[/／])/.exec(rest);
  if (!r) return { run: '', end: m.index + m[0].length, start: m.index };
  return { run: r[1]!, end: m.index + m[0].length + r[0].length, start: m.index };
}

// ------------------------------------------------------------------ 表二
/** Words of 表二 that start another row or item: digits found after one of them are not the anchor row's. */
const OTHER_TABLE2_ROW = /第二十条|信息内容|行政(?:许可|处罚|强制|事业性收费)|规范性文件|规章(?!制度)/;

/**
 * One cell per line, where a blank cell is an empty line (PDF text: `规章` `0` `` `` then the next row). Empty lines
 * are cells only where the table never separates a row's values by one (else they are just spacing): then a label
 * standing alone is followed by exactly its cells, numbers and empty lines, before the next label.
 */
function blankCellLines(region: string): { valuesAfter(line: string, index: number, count: number): CellValue[] | undefined } | undefined {
  const raw = region.split('\n').filter((l) => !isPageFooter(l)).map((l) => l.trim());
  // each line's one value, when it is a line holding only one value (else undefined)
  const valueOf = raw.map((t) => { if (t === '') return undefined; const { label, values } = splitRow(t); return !label && values.length === 1 ? values[0] : undefined; });
  const single = valueOf.map((v) => v !== undefined);
  let adjacent = false;
  for (let j = 0; j < raw.length; j++) {
    if (single[j] && single[j + 1]) adjacent = true;
    if (raw[j] !== '') continue;
    let before = j - 1; while (before >= 0 && raw[before] === '') before--;
    let after = j + 1; while (after < raw.length && raw[after] === '') after++;
    if (single[before] && single[after]) return undefined; // values spaced out by empty lines
  }
  if (!adjacent) return undefined;
  // the nth non-empty line of the region is where the label was found
  const nonEmpty = raw.flatMap((t, j) => (t === '' ? [] : [j]));
  return {
    valuesAfter(line, index, count) {
      const at = nonEmpty[index];
      if (at === undefined || raw[at] !== line.trim()) return undefined;
      const run: CellValue[] = [];
      let j = at + 1;
      for (; j < raw.length && run.length < count; j++) {
        if (raw[j] === '') run.push(null);
        else if (single[j]) run.push(valueOf[j]!);
        else break;
      }
      // exactly the row's cells, then the next label (or empty lines, or the end): nothing left over to misplace
      const next = raw.slice(j).find((t) => t !== '');
      const ends = next === undefined || !single[raw.indexOf(next, j)];
      return run.length === count && run.some((v) => v === null) && ends ? run : undefined;
    },
  };
}

function readTable2(region: string, narrative: string, cells: Record<string, Cell>, notes: string[]): '2021' | '2019' {
  const compacted = compact(region);
  const old = /本年新制作数量|上一年项目数量|本年新公开数量/.test(compacted);
  const lines = regionLines(region);
  // each line split and its label compacted once: every row of 表二 is looked for through all the lines
  const split = lines.map((l) => splitRow(l));
  const labels = split.map((row) => compact(row.label));
  const flat = compacted.replace(/([^\d])\s+|\s+([^\d])/g, '$1$2');
  const blanks = blankCellLines(region);

  const read = (pattern: RegExp, anchor: RegExp, count: number, prose?: { row: RegExp }): { values: CellValue[] | null; line?: string; note?: string; raw?: string } => {
    for (let i = 0; i < lines.length; i++) {
      const row = split[i]!;
      if (!row.label || !pattern.test(labels[i]!)) continue;
      const withBlanks = row.values.length === 0 ? blanks?.valuesAfter(lines[i]!, i, count) : undefined;
      if (withBlanks) return { values: withBlanks, line: row.line };
      let values = row.values;
      // one cell per line: the label stands alone and its values follow
      for (let k = i + 1; values.length === 0 && k < lines.length; k++) {
        const next = split[k]!;
        if (next.label || next.values.length !== 1) break;
        const run: CellValue[] = [];
        for (let j = k; j < lines.length && run.length < count; j++) {
          const cellRow = split[j]!;
          if (cellRow.label || cellRow.values.length !== 1) break;
          run.push(cellRow.values[0]!);
        }
        values = run;
      }
      if (values.length === 0) continue;
      const fitted = fitColumns(values, count);
      if (fitted) return { values: fitted, line: row.line };
    }
    const r = runAfter(flat, anchor, 0);
    if (!r || !r.run) return { values: null };
    // the digits after another row's label or the next item's heading are that row's (行政强制 printed blank)
    if (OTHER_TABLE2_ROW.test(flat.slice(r.start, r.end).replace(anchor, ''))) return { values: null };
    if (/^[/／]$/.test(r.run)) return { values: Array(count).fill('n/a'), line: flat.slice(r.start, r.end) };
    const candidates = splitFreeRun(r.run, count);
    const line = flat.slice(r.start, r.end);
    const raw = r.run.trim();
    if (candidates.length === 1) return { values: candidates[0]!, line };
    const settled = prose && count === 3 ? settleRun(candidates, statementsAbout(narrative, prose.row)) : null;
    if (settled) return { values: settled.values, line, note: `数字串“${raw}”${settled.note}` };
    return { values: null, line, raw, note: `数字串“${raw}”无法唯一拆分为 ${count} 个单元格（表二没有勾稽关系可用），未猜测` };
  };

  for (const row of REGULATION_ROWS) {
    const anchor = row.key === 'rules' ? /规章(?!制度)/ : /规范性文件/;
    // prose about this row only: a clause naming both rows ("规章和规范性文件5件") says nothing about either
    const proseRow = row.key === 'rules' ? /^(?!.*规范性文件).*规章(?!制度)/ : /^(?!.*规章(?!制度)).*规范性文件/;
    const got = read(row.pattern, anchor, 3, old ? undefined : { row: proseRow });
    REGULATION_COLUMNS.forEach((col, i) => {
      const id = metricId('regulations', row.key, col.key);
      if (old) {
        // 2019 layout: 本年新制作数量 maps onto 本年制发件数; the other columns do not exist.
        cells[id] = i === 0 && got.raw ? undetermined(id, got.line, got.note!, got.raw)
          : cell(id, i === 0 ? got.values?.[0] ?? null : 'n/a', got.line, i === 0 ? '2019 年版格式：本年新制作数量' : '2019 年版格式无此栏');
      } else {
        cells[id] = got.raw ? undetermined(id, got.line, got.note!, got.raw) : cell(id, got.values?.[i] ?? null, got.line, got.note);
      }
    });
    if (got.note && !got.values) notes.push(`表二 ${row.name}：${got.note}`);
  }
  for (const spec of DECISION_ROWS) {
    const isFee = spec.id === 'fees.amountWan';
    if (old && isFee) { cells[spec.id] = cell(spec.id, 'n/a', undefined, '2019 年版格式无收费金额栏'); continue; }
    const count = old ? (isFee ? 2 : 3) : 1;
    const got = read(spec.pattern, spec.pattern, count);
    const value = got.values ? got.values[count - 1] ?? null : null;
    cells[spec.id] = got.raw ? undetermined(spec.id, got.line, got.note!, got.raw) : cell(spec.id, value, got.line, got.note ?? (old ? '2019 年版格式：处理决定数量' : undefined));
    if (got.note && !got.values) notes.push(`表二 ${spec.name}：${got.note}`);
  }
  return old ? '2019' : '2021';
}

// ------------------------------------------------------------------ 表三
type Row3 = { key: string; pattern: RegExp; label: string };

function rowsFor(region: string): { rows: Row3[]; old: boolean } {
  const split = /逾期不补正|不补正|缴纳费用/.test(compact(region));
  if (split) return { rows: [...APPLICATION_ROWS], old: false };
  const rows: Row3[] = [];
  for (const r of APPLICATION_ROWS) {
    if (r.key.startsWith('otherHandling.')) {
      if (r.key === 'otherHandling.overdueCorrection') rows.push({ key: 'otherHandling', pattern: /其他处理/, label: '（六）其他处理' });
      continue;
    }
    rows.push(r);
  }
  return { rows, old: true };
}

interface RowRead { values: (CellValue)[] | null; line: string; note?: string; /** The printed run or row, when it could not be read. */ raw?: string }

function matchRow(rows: Row3[], label: string, filled: Map<string, RowRead>, cursor: number): number {
  const c = compact(label);
  if (!c || /^\d+$/.test(c)) return -1;
  // a header word glued to a label (三、本年度办理结果（一）予以公开) may hit several: prefer the latest-listed, unfilled, at/after the cursor
  // (filled rows are not tried: a line is matched against each open row's pattern only)
  const open: number[] = [];
  for (let i = 0; i < rows.length; i++) if (!filled.has(rows[i]!.key) && rows[i]!.pattern.test(c)) open.push(i);
  const pick = open.find((i) => i >= cursor) ?? open[0];
  return pick ?? -1;
}

function readTable3Structured(region: string, rows: Row3[]): Map<string, RowRead> {
  const filled = new Map<string, RowRead>();
  let cursor = 0;
  let pendingLabel = '';
  let buffer: CellValue[] = [];
  let bufferLines: string[] = [];
  const emit = (label: string, values: CellValue[], line: string) => {
    let idx = matchRow(rows, label, filled, cursor);
    if (idx < 0) { idx = rows.findIndex((r, i) => i >= cursor && !filled.has(r.key)); }
    if (idx < 0) return;
    const fitted = fitColumns(values, 7);
    filled.set(rows[idx]!.key, fitted ? { values: fitted, line } : { values: null, line, raw: line, note: `row ${rows[idx]!.label} has ${values.length} numbers, expected 7` });
    cursor = idx + 1;
  };
  for (const line of regionLines(region)) {
    const row = splitRow(line);
    if (row.values.length === 0) {
      if (buffer.length) { buffer = []; bufferLines = []; }
      pendingLabel = row.label;
      continue;
    }
    if (row.values.length === 1 && !row.label && row.mode !== 'tab') {
      // one cell per line: collect seven values under the label that preceded them
      buffer.push(row.values[0]!);
      bufferLines.push(row.line);
      if (buffer.length === 7) { emit(pendingLabel, buffer, `${pendingLabel} ${bufferLines.join(' ')}`.trim()); buffer = []; bufferLines = []; pendingLabel = ''; }
      continue;
    }
    buffer = []; bufferLines = []; // a lone number before a full row is a stray page number
    emit(row.label, row.values, row.line);
    pendingLabel = '';
  }
  return filled;
}

function readTable3Flattened(region: string, rows: Row3[]): Map<string, RowRead> {
  const text = region.replace(/\n/g, '').replace(/([^\d])\s+|\s+([^\d])/g, '$1$2');
  const filled = new Map<string, RowRead>();
  const candidates = new Map<string, number[][]>();
  let pos = 0;
  rows.forEach((r, i) => {
    const anchor = r.key === 'otherHandling.misc' ? /3\.?其他/ : r.key === 'resultsTotal' ? /总计|合计/ : r.pattern;
    const found = runAfter(text, anchor, pos);
    if (!found) return;
    let run = found.run;
    // a sub-row numeral sticks to the digits before it ("…3252.没有现成" = …325 + "2.")
    const next = rows[i + 1];
    if (text[found.end] === '.' && /\d$/.test(run)) run = run.slice(0, -1);
    else if (next && /^\d[.．、]/.test(text.slice(found.end - 1))) run = run.slice(0, -1);
    pos = found.end - (run === found.run ? 0 : 1);
    const line = text.slice(found.start, found.end);
    const c = splitSummedRun(run, 7);
    candidates.set(r.key, c);
    filled.set(r.key, { values: c.length === 1 ? c[0]! : null, line, ...(c.length === 1 ? {} : { raw: run, note: c.length ? `数字串“${run}”有 ${c.length} 种符合行合计的拆分` : `数字串“${run}”无法拆分为 7 个单元格` }) });
  });
  resolveWithColumns(rows, filled, candidates);
  return filled;
}

/** Ambiguous flattened rows: keep the one split that makes every column identity of 表三 hold. */
function resolveWithColumns(rows: Row3[], filled: Map<string, RowRead>, candidates: Map<string, number[][]>): void {
  const ambiguous = rows.filter((r) => (candidates.get(r.key)?.length ?? 0) > 1).map((r) => r.key);
  if (!ambiguous.length) return;
  const combos = ambiguous.reduce((n, k) => n * candidates.get(k)!.length, 1);
  if (combos > 20000) return;
  const valid: Map<string, number[]>[] = [];
  const choice = new Map<string, number[]>();
  const resultKeys = rows.filter((r) => r.key !== 'newReceived' && r.key !== 'carriedOver' && r.key !== 'resultsTotal' && r.key !== 'carriedForward').map((r) => r.key);
  const holds = () => {
    const get = (k: string) => choice.get(k) ?? (filled.get(k)?.values as number[] | null | undefined) ?? null;
    const total = get('resultsTotal'), nr = get('newReceived'), co = get('carriedOver'), cf = get('carriedForward');
    for (let col = 0; col < 7; col++) {
      const parts = resultKeys.map((k) => get(k)?.[col]);
      if (total && parts.every((p) => typeof p === 'number') && parts.reduce((a, b) => a! + b!, 0) !== total[col]) return false;
      if (total && nr && co && cf && nr[col]! + co[col]! !== total[col]! + cf[col]!) return false;
    }
    return true;
  };
  const recurse = (i: number) => {
    if (i === ambiguous.length) { if (holds()) valid.push(new Map(choice)); return; }
    for (const c of candidates.get(ambiguous[i]!)!) { choice.set(ambiguous[i]!, c); recurse(i + 1); }
    choice.delete(ambiguous[i]!);
  };
  recurse(0);
  for (const k of ambiguous) {
    const options = new Set(valid.map((v) => JSON.stringify(v.get(k))));
    if (options.size === 1 && valid.length) {
      const prev = filled.get(k)!;
      filled.set(k, { values: valid[0]!.get(k)!, line: prev.line });
    }
  }
}

const score = (m: Map<string, RowRead>) => [...m.values()].filter((r) => r.values).length;

function readTable3(region: string, cells: Record<string, Cell>, notes: string[]): boolean {
  const { rows, old } = rowsFor(region);
  const structured = readTable3Structured(region, rows);
  let chosen = structured;
  let flattened = false;
  if (score(structured) < rows.length) {
    const flat = readTable3Flattened(region, rows);
    if (score(flat) > score(structured)) { chosen = flat; flattened = true; }
  }
  const good = score(chosen);
  if (good < Math.ceil(rows.length * 0.75)) {
    const bad = [...chosen.values()].find((r) => r.note)?.note;
    const missing = rows.filter((r) => !chosen.has(r.key)).map((r) => r.label);
    throw new IngestError(`表三 unreadable: ${bad ?? `rows not found: ${missing.slice(0, 3).join('、')}`}`);
  }
  for (const r of rows) {
    const read = chosen.get(r.key);
    if (!read?.values && read?.note) notes.push(`表三 ${r.label}：${read.note}`);
    const missing = `未找到“${r.label}”这一行`;
    if (!read) notes.push(`表三 ${r.label}：${missing}`);
    const ids = applicationIds(r.key);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      // a row that is not found or not readable is printed in every report of this format: undetermined, not blank
      cells[id] = read?.values ? cell(id, read.values[i] ?? null, read.line) : undetermined(id, read?.line, read?.note ?? missing, read?.raw);
    }
  }
  if (old) {
    for (const r of APPLICATION_ROWS.filter((x) => x.key.startsWith('otherHandling.'))) {
      for (const id of applicationIds(r.key)) cells[id] = cell(id, 'n/a', undefined, '本报告（六）其他处理只有一行，未分子行填报');
    }
  } else {
    // the report splits （六）其他处理 into sub-rows: the whole is not a printed cell (answers sum the sub-rows)
    for (const id of applicationIds('otherHandling')) cells[id] = cell(id, 'n/a', undefined, '本报告将其他处理分为三个子行填报');
  }
  return flattened;
}

// ------------------------------------------------------------------ 表四
function readTable4(region: string, cells: Record<string, Cell>, notes: string[]): void {
  const values: CellValue[] = [];
  let line = '';
  for (const l of regionLines(region)) {
    const row = splitRow(l);
    if (row.values.length >= 5 || (values.length && row.values.length)) { values.push(...row.values); line = `${line} ${row.line}`.trim(); }
  }
  let fitted = fitColumns(values, 15);
  let note: string | undefined;
  if (!fitted) {
    const flat = region.replace(/\n/g, '');
    const runs = [...flat.matchAll(/\d[\d\s]*/g)].map((m) => m[0]).filter((r) => r.replace(/\s/g, '').length >= 15);
    const run = runs[runs.length - 1];
    if (run) {
      const c = splitSummedRun(run, 5, 3);
      line = run.trim();
      if (c.length === 1) fitted = c[0]!;
      else note = c.length ? `数字串“${run.trim()}”有 ${c.length} 种符合勾稽关系的拆分，未猜测` : `数字串“${run.trim()}”无法拆分为 15 个单元格`;
    }
  }
  if (!fitted && !note) throw new IngestError(`表四 unreadable: found ${values.length} numbers, expected 15`);
  if (note) notes.push(`表四：${note}`);
  let i = 0;
  for (const block of REVIEW_BLOCKS) {
    for (const col of OUTCOME_COLUMNS) {
      const id = metricId(block.key, col.key);
      cells[id] = fitted ? cell(id, fitted[i]!, line) : undetermined(id, line, note!, line);
      i++;
    }
  }
}

/** Reads the three tables; throws IngestError naming what was not found. */
export function readTables(text: string): TableRead {
  const regions = findRegions(text);
  const cells: Record<string, Cell> = {};
  const notes: string[] = [];
  const layout = readTable2(regions.t2, regions.prose, cells, notes);
  const flattened = readTable3(regions.t3, cells, notes);
  readTable4(regions.t4, cells, notes);
  return { cells, notes, flattened, layout };
}

/**
 * A report's cells as one row of Int32, the form both the database (`matrix_rows.cells`) and the in-memory query
 * matrix use. Most cells are small integers and are stored as themselves; the rest are sentinels at the very
 * bottom of the Int32 range:
 *   BLANK          a blank cell (null)
 *   NOT_APPLICABLE "/" printed (`"n/a"`)
 *   OVERFLOW       the value is kept apart, by column (decimals, numbers beyond Int32, any other kind of value)
 *   UNDETERMINED   `"undetermined"` (the report printed something no one can read as one number)
 * Values from SMALLEST up are plain integers, so a few more sentinels still fit below it without a format change.
 */
import type { CellValue } from '../model/schema.js';

export const BLANK = -2147483648;
export const NOT_APPLICABLE = -2147483647;
export const OVERFLOW = -2147483646;
export const UNDETERMINED = -2147483645;
/** The smallest integer stored as itself: everything below is reserved for sentinels. */
export const SMALLEST = -2147483640;

/**
 * Narrow cells (Int16), for blocks of the start-up snapshot whose every value fits: the same sentinels at the
 * bottom of the Int16 range (BLANK is -32768 …), values from SMALLEST_NARROW up as themselves. Half the bytes to
 * read and to hold in memory (a large dataset's cells are mostly small counts).
 */
export const SMALLEST_NARROW = -32760;
const LARGEST_NARROW = 32767;
const SENTINEL_SHIFT = -32768 - BLANK;
/** Whether an Int32 cell has a narrow form. */
export const fitsNarrow = (v: number) => v < SMALLEST || (v >= SMALLEST_NARROW && v <= LARGEST_NARROW);
export const toNarrow = (v: number) => (v < SMALLEST ? v + SENTINEL_SHIFT : v);
export const fromNarrow = (v: number) => (v < SMALLEST_NARROW ? v - SENTINEL_SHIFT : v);

/** What a matrix row can hold: today's CellValue and the kinds the schema is growing (kept generic on purpose). */
export type StoredValue = CellValue | string;

export interface EncodedRow {
  cells: Int32Array;
  /** Values an Int32 cannot hold, by column. */
  overflow: Map<number, StoredValue>;
}

export function encodeValue(v: StoredValue | undefined): number {
  if (v === null || v === undefined) return BLANK;
  if (v === 'n/a') return NOT_APPLICABLE;
  if (v === 'undetermined') return UNDETERMINED;
  return typeof v === 'number' && Number.isInteger(v) && v >= SMALLEST && v <= 2147483647 ? v : OVERFLOW;
}

/** The value of a matrix cell; `overflow` is asked only for the OVERFLOW sentinel. */
export function decodeValue(v: number, overflow: () => StoredValue | undefined): CellValue {
  if (v >= SMALLEST) return v;
  if (v === BLANK) return null;
  if (v === NOT_APPLICABLE) return 'n/a';
  if (v === UNDETERMINED) return 'undetermined' as CellValue;
  return (overflow() ?? null) as CellValue;
}

/** One report's cells in the order of `metrics`. */
export function encodeRow(metrics: readonly string[], valueOf: (id: string) => StoredValue | undefined): EncodedRow {
  const cells = new Int32Array(metrics.length);
  const overflow = new Map<number, StoredValue>();
  metrics.forEach((id, j) => {
    const v = valueOf(id);
    cells[j] = encodeValue(v);
    if (cells[j] === OVERFLOW) overflow.set(j, v as StoredValue);
  });
  return { cells, overflow };
}

/**
 * The database form of a row: the Int32 cells (little-endian), then — only when some value overflowed — a JSON
 * object {column: value} in UTF-8. The cell count comes from the `metrics` table, so the split point is known.
 */
export function rowToBlob(row: EncodedRow): Buffer {
  const cells = Buffer.from(row.cells.buffer, row.cells.byteOffset, row.cells.byteLength);
  if (!row.overflow.size) return Buffer.from(cells);
  return Buffer.concat([cells, Buffer.from(JSON.stringify(Object.fromEntries(row.overflow)), 'utf8')]);
}

/** The overflow values of a blob whose first `width` cells (Int32, or Int16 when `cellBytes` is 2) are its cells. */
export function blobOverflow(blob: Uint8Array, width: number, cellBytes = 4): Map<number, StoredValue> {
  if (blob.byteLength <= width * cellBytes) return new Map();
  const json = Buffer.from(blob.buffer, blob.byteOffset + width * cellBytes, blob.byteLength - width * cellBytes).toString('utf8');
  return new Map(Object.entries(JSON.parse(json) as Record<string, StoredValue>).map(([k, v]) => [Number(k), v]));
}

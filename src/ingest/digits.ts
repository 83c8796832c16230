/**
 * Splitting digit runs from crawler text whose table cells ran together ("801000081" → 80,1,0,0,0,0,81).
 * Only the table's own identities decide a split; callers store null when more than one split survives.
 */

const MAX_CANDIDATES = 64;

/** Whether `s` is a well-formed cell number (no leading zeros, except 0 itself). */
const wellFormed = (s: string) => s.length > 0 && (s === '0' || s[0] !== '0') && s.length <= 9;

/**
 * All ways to cut `digits` into `groups` blocks of `width` numbers where, in each block, the first
 * width-1 numbers sum to the last one (a row of 表三: six applicant columns = 总计; a block of 表四:
 * 维持+纠正+其他+尚未审结 = 总计). Spaces in the source are tried as boundaries first.
 */
export function splitSummedRun(run: string, width: number, groups = 1): number[][] {
  const spaced = run.trim().split(/\s+/).filter(Boolean);
  if (spaced.length === width * groups && spaced.every(wellFormed)) {
    const nums = spaced.map(Number);
    if (blocksHold(nums, width)) return [nums];
  }
  const digits = run.replace(/\s+/g, '');
  if (!/^\d+$/.test(digits)) return [];
  const out: number[][] = [];
  const parts: number[] = [];
  const recurse = (pos: number) => {
    if (out.length >= MAX_CANDIDATES) return;
    const index = parts.length;
    if (index === width * groups) { if (pos === digits.length) out.push([...parts]); return; }
    const remainingCells = width * groups - index;
    const remainingDigits = digits.length - pos;
    if (remainingDigits < remainingCells) return;
    const inBlock = index % width;
    const blockStart = index - inBlock;
    const partial = parts.slice(blockStart).reduce((a, b) => a + b, 0);
    for (let len = 1; len <= Math.min(9, remainingDigits - (remainingCells - 1)); len++) {
      const s = digits.slice(pos, pos + len);
      if (!wellFormed(s)) break;
      const n = Number(s);
      if (inBlock === width - 1) {
        if (n !== partial) continue; // the block total must equal the sum of its cells
      } else if (n > 10 ** 9) break;
      parts.push(n);
      recurse(pos + len);
      parts.pop();
    }
  };
  recurse(0);
  return out;
}

function blocksHold(nums: number[], width: number): boolean {
  for (let b = 0; b < nums.length; b += width) {
    const block = nums.slice(b, b + width);
    const sum = block.slice(0, -1).reduce((a, c) => a + c, 0);
    if (sum !== block[block.length - 1]) return false;
  }
  return true;
}

/** All ways to cut a run into `count` well-formed numbers with no identity to check (表二 rows). */
export function splitFreeRun(run: string, count: number): number[][] {
  const spaced = run.trim().split(/\s+/).filter(Boolean);
  if (spaced.length === count && spaced.every((s) => /^\d+(\.\d+)?$/.test(s))) return [spaced.map(Number)];
  const digits = run.replace(/\s+/g, '');
  if (count === 1) return /^\d+(\.\d+)?$/.test(digits) ? [[Number(digits)]] : [];
  if (!/^\d+$/.test(digits)) return [];
  const out: number[][] = [];
  const parts: string[] = [];
  const recurse = (pos: number) => {
    if (out.length >= 512) return;
    if (parts.length === count) { if (pos === digits.length) out.push(parts.map(Number)); return; }
    for (let len = 1; pos + len <= digits.length; len++) {
      const s = digits.slice(pos, pos + len);
      if (!wellFormed(s)) break;
      parts.push(s);
      recurse(pos + len);
      parts.pop();
    }
  };
  recurse(0);
  return out;
}

/** Cutting long text into platform-sized pieces at line boundaries (code points, never half a character). */

/** Splits `text` into pieces of at most `max` code points, preferring line breaks, then hard cuts. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be positive');
  const pieces: string[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = () => { if (current.length) pieces.push(current.join('\n')); current = []; length = 0; };
  for (const line of text.split('\n')) {
    const chars = [...line];
    if (chars.length > max) {
      flush();
      for (let i = 0; i < chars.length; i += max) pieces.push(chars.slice(i, i + max).join(''));
      continue;
    }
    const added = chars.length + (current.length ? 1 : 0);
    if (length + added > max) flush();
    length += chars.length + (current.length ? 1 : 0);
    current.push(line);
  }
  flush();
  return pieces.length ? pieces : [''];
}

/** Shortens `text` to `max` code points, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

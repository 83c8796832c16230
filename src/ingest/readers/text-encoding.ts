/**
 * Report bytes → text. Chinese government sites still serve GBK/GB2312 pages, and reports saved on Windows
 * are often GBK or UTF-16 with a BOM, so the encoding is settled from, in order: a BOM, valid UTF-8, the
 * charset the file declares (HTML meta, XML prolog), and GB18030 (a superset of GB2312 and GBK).
 */
import iconv from 'iconv-lite';
import { IngestError } from '../tables.js';

export interface DecodedText {
  text: string;
  encoding: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The charset a file declares in its first bytes (HTML meta or XML prolog), lower-cased. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]*?charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/** UTF-16 without a BOM: ASCII characters (digits, newlines) leave NUL bytes on one side only. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  // (no NUL byte at all, as in any UTF-8 or GBK text: neither side has any)
  if (bytes.subarray(0, n).indexOf(0) < 0) return null;
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < n; i += 2) { if (bytes[i] === 0) evenNul++; if (bytes[i + 1] === 0) oddNul++; }
  const pairs = n / 2;
  if (pairs < 8) return null;
  if (oddNul > pairs * 0.1 && evenNul < oddNul * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.1 && oddNul < evenNul * 0.05) return 'utf-16be';
  return null;
}

/** Text that is mostly control characters or undecodable bytes is not a report, whatever its name says. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 20000);
  if (!sample) return false;
  let control = 0, undecodable = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
    else if (c === 0xfffd) undecodable++;
  }
  // text damaged here and there is still text (the parser says what it cannot find); noise is not
  return control > sample.length * 0.01 || undecodable > sample.length * 0.1;
}

// GB2312 and GBK are subsets of GB18030: decoding as GB18030 never loses a character they can hold.
const CHARSET_ALIASES: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030' };

function decodeAs(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** Decodes a text or HTML report; throws IngestError for a binary file. */
export function decodeReportText(bytes: Uint8Array): DecodedText {
  let result: DecodedText;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) result = { text: decodeAs(bytes.subarray(3), 'utf-8'), encoding: 'utf-8' };
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) result = { text: decodeAs(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) result = { text: decodeAs(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  else {
    const wide = utf16WithoutBom(bytes);
    if (wide) result = { text: decodeAs(bytes, wide), encoding: wide };
    else {
      let text: string | null = null;
      try { text = utf8.decode(bytes); } catch { /* not UTF-8: fall through to the declared or regional charset */ }
      if (text !== null) result = { text, encoding: 'utf-8' };
      else {
        const declared = declaredCharset(bytes);
        const wanted = declared ? CHARSET_ALIASES[declared] ?? declared : null;
        if (wanted && wanted !== 'utf-8' && wanted !== 'utf8' && iconv.encodingExists(wanted)) result = { text: decodeAs(bytes, wanted), encoding: wanted };
        else {
          // undeclared and not clean UTF-8: whichever of UTF-8 and GB18030 leaves fewer undecodable bytes
          // (UTF-8 with a few damaged bytes stays UTF-8; GBK text is almost all errors as UTF-8)
          const lossy = decodeAs(bytes, 'utf-8');
          const gb = wanted ? lossy : decodeAs(bytes, 'gb18030');
          const broken = (t: string) => t.split('\ufffd').length - 1;
          result = wanted || broken(lossy) <= broken(gb) ? { text: lossy, encoding: 'utf-8' } : { text: gb, encoding: 'gb18030' };
        }
      }
    }
  }
  if (looksBinary(result.text)) throw new IngestError('binary content, not a text, HTML, PDF or Word report');
  return result;
}

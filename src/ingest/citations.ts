/**
 * Documents a report cites under a short name: `《中华人民共和国政府信息公开条例》（以下简称《条例》）`,
 * `《…实施方案》（国务院令第711号，以下简称“《方案》”）`. Names are kept without their 《》; nested 〈〉 stay.
 */
import type { Citation } from '../model/schema.js';

const CITED = /《((?:[^《》〈〉]|〈[^〈〉]*〉)+)》\s*[（(](?:([^（）()]{0,30}?)[，,、；;]\s*)?以下(?:简称|称)\s*[“"]?\s*《?([^》”"（）()]{1,20}?)》?\s*[”"]?\s*[）)]/g;
/** Any other document the text names, with the 文号 in parentheses after it when there is one. */
const NAMED = /《((?:[^《》〈〉]|〈[^〈〉]*〉){4,80})》(?:\s*[（(]([^（）()]{0,30}?号)[）)])?/g;
const MAX_NAMED = 8;

export function citationsOf(text: string): Citation[] {
  const out: Citation[] = [];
  const flat = text.replace(/\n+/g, '');
  for (const m of flat.matchAll(CITED)) {
    // 《…条例》（国务院令第711号，以下简称《条例》）: the order number stays with the name
    const full = m[1]!.trim() + (m[2] && /号/.test(m[2]) ? `（${m[2].trim()}）` : '');
    const short = m[3]!.trim();
    if (short && full && !out.some((c) => c.short === short)) out.push({ short, full });
  }
  for (const m of flat.matchAll(NAMED)) {
    if (out.length >= MAX_NAMED + 3) break;
    const name = m[1]!.trim();
    if (out.some((c) => c.full.startsWith(name))) continue;
    out.push({ short: null, full: name + (m[2] ? `（${m[2].trim()}）` : '') });
  }
  return out;
}

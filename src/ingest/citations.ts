/**
 * Documents a report cites under a short name: `《中华人民共和国政府信息公开条例》（以下简称《条例》）`,
 * `《…实施方案》（国务院令第711号，以下简称“《方案》”）`. Names are kept without their 《》; nested 〈〉 stay.
 */
import type { Citation } from '../model/schema.js';

const CITED = /《((?:[^《》〈〉]|〈[^〈〉]*〉)+)》\s*[（(](?:[^（）()]{0,30}?[，,、；;]\s*)?以下(?:简称|称)\s*[“"]?\s*《?([^》”"（）()]{1,20}?)》?\s*[”"]?\s*[）)]/g;

export function citationsOf(text: string): Citation[] {
  const out: Citation[] = [];
  for (const m of text.replace(/\n+/g, '').matchAll(CITED)) {
    const full = m[1]!.trim();
    const short = m[2]!.trim();
    if (short && full && !out.some((c) => c.short === short)) out.push({ short, full });
  }
  return out;
}

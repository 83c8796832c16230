/**
 * Agency resolution scores only the agencies a question can fit best, not every agency of a named department
 * (thousands share a department's name). It must resolve exactly as scoring every candidate does: the same
 * matches in the same order, the same unknown agency, the same spans. The reference below scores every candidate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { regionOfAgency } from '../../src/catalog/regions.js';
import { generateReports } from '../../src/gen/generate.js';
import { AgencyDirectory, agencyEntries, resolveAgency, type AgencyEntry, type AgencyResolution } from '../../src/understand/agency-directory.js';
import { normalizeQuestion } from '../../src/understand/normalize.js';
import { spoken } from '../../src/understand/pinyin.js';
import { fleet } from '../helpers/fleet.js';

/** Every candidate scored, best first (equal scores: more reports first, then the order the mentions reached them). */
function scanned(text: string, directory: AgencyDirectory): Pick<AgencyResolution, 'matches' | 'named'> {
  const { hits, words, heard } = directory.candidates(spoken(text));
  const entries = new Set<AgencyEntry>(hits.flatMap((h) => h.list));
  const fullNames = directory.namesIn(heard);
  const scored: Array<{ e: AgencyEntry; score: number }> = [];
  const withBody = new Set<AgencyEntry>();
  for (const e of entries) {
    let score = 0;
    if (fullNames.has(e.agency)) score += 10 + e.agency.length;
    if (words.has(e.body) || e.bodyShorts.some((b) => words.has(b))) { score += 3; withBody.add(e); }
    const region = e.region;
    if (region && (words.has(region.name) || (region.short !== null && words.has(region.short)) || region.aliases?.some((a) => words.has(a)))) score += 4;
    else if (!region && [4, 3, 2].some((k) => e.agency.length > k && text.includes(e.agency.slice(0, k)))) score += 4;
    if (score > 0) scored.push({ e, score });
  }
  const top = Math.max(0, ...scored.map((s) => s.score));
  let best = scored.filter((s) => s.score === top).sort((a, b) => b.e.years.length - a.e.years.length).map((s) => s.e);
  if (best.length > 1 && !best.some((e) => withBody.has(e))) {
    const own = best.filter((e) => e.region && e.agency === e.region.name);
    if (own.length === 1) best = own;
  }
  return { matches: best, named: scored.length > 0 };
}

const names = (list: AgencyEntry[]) => list.map((e) => e.agency);

let directory: AgencyDirectory;
const questions: string[] = [];

beforeAll(() => {
  // generated agencies (many share each department's name) beside the fixed fleet (learned places, regionless names)
  const keys = [...generateReports({ reports: 3000, seed: 7 })].map((g) => ({ agency: g.agency, year: g.year, address: null }));
  for (const r of fleet()) keys.push({ agency: r.agency, year: r.year, address: r.contact.address?.value ?? null });
  keys.sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : a.year - b.year));
  directory = new AgencyDirectory(agencyEntries(keys));
  const agencies = [...new Set(keys.map((k) => k.agency))];
  for (const [k, a] of agencies.entries()) {
    if (k % 7) continue;
    const e = directory.named(a)!;
    const region = regionOfAgency(a);
    const city = region?.chain[1];
    questions.push(`${a}2023年行政处罚多少件`, `怎么联系${a}`, `${e.body}有哪些`, `${e.body}2022年收到多少申请`);
    if (region?.short) questions.push(`${region.short}${e.bodyShorts[0] ?? e.body}的行政复议`, `${region.short}各部门排名`);
    if (city) questions.push(`${city}${e.body}行政处罚`, `${city}各部门行政许可排名前五`, `${region!.name}${city}${e.body}`);
  }
  questions.push('交通局2023年一共作出了多少个处罚决定啊', '平潭实验区审批局', '平潭综合实验区和平潭审批局', '泽洲县交通运输局', '行政申批局的申请', '长治市交通局', '本级交通运输局', '哪些部门2023年没有收到申请');
});

describe('agency resolution by index', () => {
  it('resolves every question as scoring every candidate does', () => {
    expect(questions.length).toBeGreaterThan(300);
    let departmentOnly = 0;
    for (const q of questions) {
      const text = normalizeQuestion(q).text;
      const fast = resolveAgency(text, directory);
      const reference = scanned(text, directory);
      // (a question naming an agency the dataset lacks has no matches: the unknown name is read after scoring)
      if (fast.unknown === null) expect({ q, matches: names(fast.matches), named: fast.named }).toEqual({ q, matches: names(reference.matches), named: reference.named });
      if (reference.matches.length > 3) departmentOnly++;
    }
    // the department-alone case (every candidate scored) was exercised as well
    expect(departmentOnly).toBeGreaterThan(0);
  });
});

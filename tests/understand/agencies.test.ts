/**
 * Stage 3, the agency slot over a multi-agency dataset: names resolve to one agency, several side by side, a
 * region or department scope — and a department the dataset lacks is named as unknown, never answered from
 * another department's report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { normalizeQuestion } from '../../src/understand/normalize.js';
import { readSlots, type AgencySlots } from '../../src/understand/slots/index.js';
import { fleet } from '../helpers/fleet.js';

let bot: Bot;
beforeAll(() => { bot = new Bot(fleet(), { warmUp: false }); });

const agencies = (q: string): AgencySlots => readSlots(normalizeQuestion(q), bot.directory).agencies;
const names = (list: Array<{ agency: string }>) => list.map((e) => e.agency);

describe('agency slot', () => {
  it('resolves a full name, and a shortened one to the only agency that fits', () => {
    expect(names(agencies('泽州县公安局2023年行政处罚多少').matches)).toEqual(['泽州县公安局']);
    expect(names(agencies('高平交通局的行政处罚').matches)).toEqual(['高平市交通运输局']);
  });

  it('names a department the dataset lacks as unknown, even when its region or its department type is held', () => {
    expect(agencies('阳城县公安局2023年行政处罚多少')).toMatchObject({ unknown: '阳城县公安局', named: true });
    expect(agencies('泽州县税务局2023年行政处罚多少')).toMatchObject({ unknown: '泽州县税务局', named: true });
    expect(agencies('晋城市交通运输局行政处罚多少')).toMatchObject({ unknown: '晋城市交通运输局' });
  });

  it('resolves each of several agencies named side by side, with the year written beside each', () => {
    const a = agencies('泽州县交通运输局和高平市交通运输局谁的行政处罚多');
    expect(names(a.compared)).toEqual(['泽州县交通运输局', '高平市交通运输局']);
    expect(a.unknown).toBeNull();
    const withYears = agencies('泽州县交通运输局2022年和高平市交通运输局2023年的行政处罚');
    expect(withYears.comparedYears).toEqual([2022, 2023]);
  });

  it('reads a region as a scope over its agencies', () => {
    const scope = agencies('晋城市各部门2023年行政处罚排名').scope;
    expect(scope.regional).toBe(true);
    expect(names(scope.entries)).not.toContain('长治市公安局');
    expect(names(scope.entries)).toContain('泽州县交通运输局');
  });

  it('reads a department type as a scope over the agencies of that type', () => {
    const scope = agencies('各交通运输局2023年行政处罚排名').scope;
    expect(new Set(names(scope.entries))).toEqual(new Set(['泽州县交通运输局', '高平市交通运输局', '阳城县交通运输局']));
  });
});

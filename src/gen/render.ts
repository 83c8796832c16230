/**
 * Renders a report in the standard format from table values, in every layout the parser reads (tab-separated,
 * pipe tables, one cell per line, HTML, flattened crawler text). Used by the generator and the tests.
 */
import { APPLICATION_ROWS } from '../catalog/metrics.js';

export type Layout = 'tsv' | 'pipe' | 'cells' | 'html' | 'flattened';

export interface Tables {
  rules: [number, number, number];
  normativeDocs: [number, number, number];
  licensing: number;
  penalty: number;
  coercion: number;
  fees: number;
  /** 26 rows × 7 columns in printed order (otherHandling split into its three sub-rows). */
  applications: number[][];
  /** 15 numbers: 行政复议, 未经复议直接起诉, 复议后起诉 (each 维持, 纠正, 其他, 尚未审结, 总计). */
  review: number[];
}

const row = (cols: number[]) => [...cols, cols.reduce((a, b) => a + b, 0)];

/** Internally consistent tables: every identity of the format holds. */
export function consistentTables(seed = 1): Tables {
  const zero = [0, 0, 0, 0, 0, 0];
  const granted = row([3 * seed, 1, 0, 0, 1, 0]);
  const partial = row([2, 0, 0, 0, 0, 0]);
  const notHeld = row([4, 1, 0, 0, 0, 0]);
  const repeated = row([1, 0, 0, 0, 0, 0]);
  const misc = row([0, 0, 0, 1, 0, 0]);
  const results = APPLICATION_ROWS.slice(2, 23).map((r) =>
    r.key === 'granted' ? granted : r.key === 'partiallyGranted' ? partial : r.key === 'unavailable.notHeld' ? notHeld
      : r.key === 'notProcessed.repeated' ? repeated : r.key === 'otherHandling.misc' ? misc : row(zero));
  const total = results.reduce((acc, r) => acc.map((v, i) => v + r[i]!), row(zero));
  const carriedForward = row([1, 0, 0, 0, 0, 0]);
  const carriedOver = row([2, 0, 0, 0, 0, 0]);
  const newReceived = total.map((v, i) => v + carriedForward[i]! - carriedOver[i]!);
  return {
    rules: [0, 1, 2], normativeDocs: [5, 2, 31], licensing: 120 * seed, penalty: 195, coercion: 7, fees: 12.5,
    applications: [newReceived, carriedOver, ...results, total, carriedForward],
    review: [1, 1, 0, 1, 3, 0, 0, 0, 1, 1, 2, 0, 1, 0, 3],
  };
}

const ROW_LABELS = APPLICATION_ROWS.map((r) => r.label.replace(/^三、本年度办理结果/, ''));

function tableRows(t: Tables): Array<{ label: string; values: Array<number | string> }> {
  return [
    { label: '信息内容', values: ['本年制发件数', '本年废止件数', '现行有效件数'] },
    { label: '规章', values: t.rules },
    { label: '行政规范性文件', values: t.normativeDocs },
    { label: '行政许可', values: [t.licensing] },
    { label: '行政处罚', values: [t.penalty] },
    { label: '行政强制', values: [t.coercion] },
    { label: '行政事业性收费', values: [t.fees] },
  ];
}

/** What the prose of a rendered report says besides the tables. */
export interface Narrative {
  /** The sentence about applications in 一、总体情况 (default: states the new applications of 表三). */
  applications?: string;
  /** Proactive disclosure: total and categories with counts (shares are computed). */
  proactive?: { total: number; items: Array<[string, number]> };
  contact?: { department: string; address: string; phone: string; website: string; portal: string };
  problems?: string[];
  improvements?: string[];
  /** Information processing fees collected, in yuan (0: none). */
  feesYuan?: number;
  publishDate?: { month: number; day: number };
}

const DEFAULT_CONTACT = { department: '办公室', address: '高平市长平路88号', phone: '0356－5221234', website: 'http://www.gaoping.gov.cn', portal: '高平市人民政府门户网站' };

const share = (n: number, total: number) => `${total ? Math.round((n / total) * 1000) / 10 : 0}%`;

export function buildReport(layout: Layout, t: Tables, agency = '高平市交通运输局', year = 2023, narrative: Narrative = {}): string {
  const c = narrative.contact ?? DEFAULT_CONTACT;
  const proactive = narrative.proactive ?? { total: 50, items: [['政策解读', 10], ['工作动态', 40]] };
  const problems = narrative.problems ?? ['信息公开不够及时。', '政策解读形式单一。'];
  const improvements = narrative.improvements ?? ['加强队伍建设。', '丰富解读形式。'];
  const fees = narrative.feesYuan ?? 0;
  const date = narrative.publishDate ?? { month: 1, day: 20 };
  const intro = [
    `${agency}${year}年政府信息公开工作年度报告`,
    `根据《中华人民共和国政府信息公开条例》，现公布${agency}${year}年政府信息公开工作年度报告。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在${c.portal}（${c.website}）查阅。如对本报告有疑问，请与${agency}${c.department}联系（地址：${c.address}；电话：${c.phone}）。`,
    '一、总体情况',
    `${year}年，我局共主动公开政府信息${proactive.total}条，其中${proactive.items.map(([name, n]) => `${name}类信息${n}条，占${share(n, proactive.total)}`).join('；')}。`,
    narrative.applications ?? `全年共收到政府信息公开申请${t.applications[0]![6]}件。`,
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
  ];
  const t2 = tableRows(t);
  const t3 = t.applications.map((v, i) => ({ label: ROW_LABELS[i]!, values: v }));
  const t4header = '行政复议 行政诉讼 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计';
  const outro = [
    '五、存在的主要问题及改进情况',
    '（一）存在的问题',
    ...problems.map((p, i) => `${i + 1}.${p}`),
    '（二）改进措施',
    ...improvements.map((p, i) => `${i + 1}.${p}`),
    '六、其他需要报告的事项',
    fees ? `本年度依据《政府信息公开信息处理费管理办法》收取信息处理费${fees}元。` : '本年度未收取信息处理费。',
    agency,
    `${year + 1}年${date.month}月${date.day}日`,
  ];
  const heading3 = '三、收到和处理政府信息公开申请情况';
  const heading4 = '四、政府信息公开行政复议、行政诉讼情况';
  switch (layout) {
    case 'tsv':
    case 'pipe': {
      const line = (label: string, values: Array<number | string>) => (layout === 'tsv' ? [label, ...values].join('\t') : `| ${[label, ...values].join(' | ')} |`);
      return [...intro, ...t2.map((r) => line(r.label, r.values)), heading3, line('申请人情况', ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']),
        ...t3.map((r) => line(r.label, r.values)), '— 3 —', heading4, layout === 'pipe' ? '|---|---|' : t4header, line('', t.review).replace(/^\t/, ''), ...outro].join('\n');
    }
    case 'cells':
      return [...intro, ...t2.flatMap((r) => [r.label, ...r.values.map(String)]), heading3, '自然人', '总计',
        ...t3.flatMap((r) => [r.label, ...r.values.map(String)]), heading4, t4header, ...t.review.map(String), ...outro].join('\n');
    case 'html': {
      const tr = (cells: Array<string | number>) => `<tr>${cells.map((c) => `<td><p><span>${c}</span></p></td>`).join('')}</tr>`;
      return `<html><head><title>${agency}</title><script>var x = "<table>";</script></head><body><div class="nav">首页 &gt; 信息公开</div>
${intro.map((p) => `<p>${p}</p>`).join('\n')}
<table>${t2.map((r) => tr([r.label, ...r.values])).join('')}</table>
<p>${heading3}</p>
<table><tr><td rowspan="2">申请人情况</td><td colspan="7">申请人</td></tr><tr><td>自然人</td><td>商业</td><td>科研</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>
${t3.map((r, i) => (i === 2 ? `<tr><td rowspan="21">三、本年度办理结果</td><td>${r.label}</td>${r.values.map((v) => `<td>${v}</td>`).join('')}</tr>` : i > 2 && i < 23 ? `<tr><td>${r.label}</td>${r.values.map((v) => `<td>${v}</td>`).join('')}</tr>` : `<tr><td colspan="2">${r.label}</td>${r.values.map((v) => `<td>${v}</td>`).join('')}</tr>`)).join('\n')}</table>
<p>${heading4}</p><table><tr><td colspan="15">${t4header}</td></tr>${tr(t.review)}</table>
${outro.map((p) => `<p>${p}</p>`).join('\n')}<div class="footer">网站地图 | 联系我们</div></body></html>`;
    }
    case 'flattened':
      return [intro.join(''), t2.map((r) => r.label + r.values.join('')).join(''), heading3, '申请人情况自然人法人或其他组织总计',
        t3.map((r) => r.label + r.values.join('')).join(''), heading4, t4header.replace(/\s/g, ''), t.review.join(''), outro.join('')].join('');
  }
}

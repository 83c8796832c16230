/** The report model: a zod schema for one ingested annual report. Cell ids come from the metric catalog. */
import { z } from 'zod';
import { METRIC_IDS } from '../catalog/metrics.js';

/** Where a value came from, so every answer can cite it. */
export const Provenance = z.object({
  section: z.string(),
  row: z.string().optional(),
  column: z.string().optional(),
  /** The source line (or table row) the value was read from, trimmed. */
  line: z.string().max(2000).optional(),
});
export type Provenance = z.infer<typeof Provenance>;

/**
 * The four kinds of cell value:
 * - a printed number;
 * - `null`: blank (the report printed nothing in the cell);
 * - `"n/a"`: not applicable (the report printed "/" or "—", or the layout has no such cell);
 * - `"undetermined"`: the report prints the cell but its number cannot be recovered for sure (a digit run with
 *   several possible splits, a row that could not be read); `raw` keeps the printed run and `note` the reason.
 */
export const UNDETERMINED = 'undetermined' as const;
export const CellValue = z.union([z.number().finite(), z.null(), z.literal('n/a'), z.literal(UNDETERMINED)]);
export type CellValue = z.infer<typeof CellValue>;

export const Cell = z.object({
  value: CellValue,
  source: Provenance,
  /** The printed run the value could not be read from (undetermined cells). */
  raw: z.string().max(500).optional(),
  /** Why a value is undetermined or not applicable, or how an ambiguous run was settled. */
  note: z.string().optional(),
});
export type Cell = z.infer<typeof Cell>;

export const SourcedText = z.object({ value: z.string().min(1), source: Provenance });
export type SourcedText = z.infer<typeof SourcedText>;

export const ProactiveItem = z.object({
  category: z.string(),
  count: z.number().nonnegative(),
  unit: z.string(),
  percent: z.number().nullable(),
  source: Provenance,
});
export type ProactiveItem = z.infer<typeof ProactiveItem>;

/** A document the report cites with a short name: 《…》（以下简称《条例》）. Names are stored without the 《》. */
/** A document the report cites: its short name when the report gives one (以下简称), else null. */
export const Citation = z.object({ short: z.string().min(1).nullable(), full: z.string().min(1) });
export type Citation = z.infer<typeof Citation>;

/** Whether the 主动公开 breakdown by category was read: found, not in the report, or stated but not readable. */
export const BreakdownStatus = z.enum(['parsed', 'absent', 'notParsed']);
export type BreakdownStatus = z.infer<typeof BreakdownStatus>;

/** The report years each part of the report states, for the year cross-check (null: that part states none). */
export const YearEvidence = z.object({
  title: z.number().int().nullable(),
  period: z.number().int().nullable(),
  body: z.number().int().nullable(),
  /** The year given on the command line (--year), which settles a disagreement. */
  given: z.number().int().nullable().default(null),
});
export type YearEvidence = z.infer<typeof YearEvidence>;

export const Section = z.object({
  /** Stable key: overview, proactive, applications, review, problems, other, or overview.<n> for sub-sections. */
  key: z.string(),
  heading: z.string(),
  text: z.string(),
});
export type Section = z.infer<typeof Section>;

export const Finding = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  metrics: z.array(z.string()).default([]),
});
export type Finding = z.infer<typeof Finding>;

const cellShape = Object.fromEntries(METRIC_IDS.map((id) => [id, Cell])) as Record<string, typeof Cell>;

/** Version 2 adds undetermined cells (`raw`), citations, the breakdown status and the year evidence; 1 still reads. */
export const REPORT_SCHEMA_VERSION = 2;

export const Report = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(2)]),
  /** Dataset key: `<agency>-<year>`. */
  id: z.string().min(1),
  agency: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  title: z.string(),
  layout: z.enum(['2021', '2019']),
  sourceFile: z.string(),
  sourceFormat: z.enum(['tsv', 'pipe', 'cells', 'html', 'flattened', 'text']),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  publishDate: z.string().nullable(),
  website: SourcedText.nullable(),
  contact: z.object({
    department: SourcedText.nullable(),
    phone: SourcedText.nullable(),
    address: SourcedText.nullable(),
    email: SourcedText.nullable(),
  }),
  /** The regulation the report is made under, as cited (e.g. 《中华人民共和国政府信息公开条例》). */
  regulation: z.string().nullable(),
  /** Documents cited with a short name (《条例》《方案》《办法》 …). */
  citations: z.array(Citation).default([]),
  cells: z.object(cellShape).strict(),
  sections: z.array(Section),
  proactive: z.object({
    total: z.object({ value: z.number().nonnegative(), unit: z.string(), source: Provenance }).nullable(),
    items: z.array(ProactiveItem),
    breakdown: BreakdownStatus.default('absent'),
  }),
  problems: z.array(z.string()),
  improvements: z.array(z.string()),
  processingFees: z.object({ yuan: z.number().nonnegative().nullable(), text: z.string(), source: Provenance }).nullable(),
  notes: z.array(z.string()),
  yearEvidence: YearEvidence.nullable().default(null),
  findings: z.array(Finding),
});
export type Report = z.infer<typeof Report>;

/** One report in the dataset index: enough to resolve, filter and audit across reports without opening it. */
export const IndexEntry = z.object({
  id: z.string(),
  agency: z.string(),
  year: z.number().int(),
  file: z.string(),
  publishDate: z.string().nullable(),
  findings: z.number().int(),
  /** Rule ids of the findings of severity error (for "which reports have consistency errors"). */
  errorRules: z.array(z.string()).default([]),
  /** The contact address, which places agencies whose names carry no region. */
  address: z.string().nullable().default(null),
});
export type IndexEntry = z.infer<typeof IndexEntry>;

/**
 * index.json. Version 3 adds the undetermined sentinel to the matrix. Version 2 adds the cell matrix beside it (the `cells` file: Int32 per report × `metrics`, row-major,
 * in `reports` order) and `overflow` for values an Int32 cannot hold exactly (fees in yuan with decimals …).
 */
export const DatasetIndex = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** The cell matrix file of this index generation. */
  cells: z.string().regex(/^cells-[\w-]+\.bin$/).optional(),
  metrics: z.array(z.string()).default([]),
  overflow: z.record(z.string(), z.number()).default({}),
  reports: z.array(IndexEntry),
});
export type DatasetIndex = z.infer<typeof DatasetIndex>;

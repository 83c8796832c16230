/** Test reports: the same renderer the generator uses (src/gen/render.ts). */
export { buildReport, consistentTables, type Layout, type Tables } from '../../src/gen/render.js';

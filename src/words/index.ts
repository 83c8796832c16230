/** The locale files: one per language, the same keys (zh.ts is the reference). */
import { en } from './en.js';
import { zh, type Words } from './zh.js';

export type { Words };
export const wordsFor = (english: boolean): Words => (english ? en : zh);

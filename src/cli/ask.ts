/** `ask`: one question, or the JSONL contract used for evaluation ({"id","session","text"} per line). */
import { Dataset } from '../store/dataset.js';
import { Bot } from '../bot/bot.js';
import { answerJsonl } from './jsonl.js';
import { loadTokenizer } from '../understand/tokenize.js';

export async function runAsk(dir: string, o: { json: boolean; jsonl: boolean; question: string }): Promise<number> {
  const bot = new Bot(Dataset.open(dir, { meanwhile: loadTokenizer }));
  if (o.jsonl) {
    await answerJsonl(bot, process.stdin, process.stdout);
    return 0;
  }
  if (!o.question.trim()) { console.error('ask: no question given (see --help)'); return 2; }
  const r = await bot.handle(o.question, 'cli');
  console.log(o.json ? JSON.stringify(r, null, 2) : r.text + (r.suggestions.length ? `\n\n${r.suggestions.map((s) => `→ ${s}`).join('\n')}` : ''));
  return 0;
}

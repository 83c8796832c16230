/** `ask`: one question, or the JSONL contract used for evaluation ({"id","session","text"} per line). */
import { createInterface } from 'node:readline';
import { Dataset } from '../store/dataset.js';
import { Bot } from '../bot/bot.js';

export async function runAsk(dir: string, o: { json: boolean; jsonl: boolean; question: string }): Promise<number> {
  const bot = new Bot(Dataset.open(dir));
  if (o.jsonl) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line.trim()) continue;
      let input: { id?: unknown; session?: unknown; text?: unknown };
      try { input = JSON.parse(line); } catch { process.stdout.write(JSON.stringify({ error: 'invalid JSON line' }) + '\n'); continue; }
      const session = String(input.session ?? input.id ?? 'default');
      const r = bot.handle(String(input.text ?? ''), session);
      process.stdout.write(JSON.stringify({ id: input.id, session: input.session, text: r.text, intent: r.intent, confidence: r.confidence, refused: r.refused, facts: r.facts, suggestions: r.suggestions }) + '\n');
    }
    return 0;
  }
  if (!o.question.trim()) { console.error('ask: no question given (see --help)'); return 2; }
  const r = bot.handle(o.question, 'cli');
  console.log(o.json ? JSON.stringify(r, null, 2) : r.text + (r.suggestions.length ? `\n\n${r.suggestions.map((s) => `→ ${s}`).join('\n')}` : ''));
  return 0;
}

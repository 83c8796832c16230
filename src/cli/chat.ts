/** Terminal chat over a dataset: readline with history, /help, /reset, /quit; answers piped lines and exits. */
import { createInterface } from 'node:readline';
import { Dataset } from '../store/dataset.js';
import { Bot } from '../bot/bot.js';
import type { Reply } from '../bot/reply.js';
import { loadTokenizer } from '../understand/tokenize.js';

export interface ChatOptions {
  /** What answers the typed questions, made from the bot (serve wraps it to count and time answers). */
  answerer?: (bot: Bot) => { handle(message: string, session: string): Reply | Promise<Reply> };
}

export async function runChat(dir: string, options: ChatOptions = {}): Promise<number> {
  const core = new Bot(Dataset.open(dir, { meanwhile: loadTokenizer }));
  const bot = { handle: options.answerer?.(core).handle ?? core.handle.bind(core), reset: (session: string) => core.reset(session) };
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, historySize: 200, prompt: '问> ' });
  const session = 'terminal';
  if (interactive) {
    console.log((await bot.handle('help', session)).text);
    console.log('\n（/help 帮助，/reset 重新开始，/quit 退出）');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text === '/reset') { bot.reset(session); console.log('已清空对话上下文。'); }
    else if (text) {
      const r = await bot.handle(text === '/help' ? 'help' : text, session);
      console.log(r.text + (r.suggestions.length ? `\n${r.suggestions.map((s) => `  → ${s}`).join('\n')}` : ''));
      if (interactive) console.log('');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  return 0;
}

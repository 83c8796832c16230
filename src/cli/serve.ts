/** `serve` / `npm start`: starts the platform adapters whose credentials are set; the terminal chat when none is. */
import { runChat } from './chat.js';

const PLATFORM_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'TELEGRAM_BOT_TOKEN'];

export async function runServe(dir: string): Promise<number> {
  const present = PLATFORM_VARIABLES.filter((v) => process.env[v]);
  if (present.length) {
    console.error(`serve: ${present.join(', ')} set, but the Slack and Telegram adapters are not built yet (see the open issues). Starting the terminal chat instead.`);
  }
  return runChat(dir);
}

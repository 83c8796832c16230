/** Slack message text → the plain question the core expects. */

/** Removes user/channel mentions, unwraps links (`<url|label>` → label) and decodes Slack's three escapes. */
export function questionFromSlack(text: string | undefined): string {
  return (text ?? '')
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, name: string | undefined) => name ?? ' ')
    .replace(/<!(?:here|channel|everyone)(?:\|[^>]*)?>/g, ' ')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .trim();
}

/** Flags a user may put in a slash command to post the answer to the whole channel. */
const SHARE_FLAG = /(?:^|\s)(?:--public|--share|-p)(?=\s|$)/gi;

/** Splits `/disclosure --public 问题` into the question and whether to post it in the channel. */
export function parseCommandText(text: string | undefined): { question: string; share: boolean } {
  const raw = questionFromSlack(text);
  const share = SHARE_FLAG.test(raw);
  SHARE_FLAG.lastIndex = 0;
  return { question: raw.replace(SHARE_FLAG, ' ').trim(), share };
}

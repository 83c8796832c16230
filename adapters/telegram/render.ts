/**
 * Reply → Telegram HTML messages: everything from users or data escaped, tables in <pre>, the source in <i>,
 * split under Telegram's 4096-character limit with every tag closed in the piece that opened it.
 */
import { replyParts, type Reply } from '../../src/bot/reply.js';
import { truncate } from '../shared/split.js';

export const TELEGRAM_LIMITS = { message: 4096, callbackData: 64, buttons: 5, buttonText: 40 };

/** Telegram's HTML mode needs exactly these three escaped (https://core.telegram.org/bots/api#html-style). */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type Tag = 'pre' | 'i' | undefined;
interface Segment { tag: Tag; text: string }

export function replySegments(reply: Reply): Segment[] {
  const parts = replyParts(reply);
  return [
    { tag: undefined, text: parts.body },
    ...(parts.table ? [{ tag: 'pre' as const, text: parts.table.rendered }] : []),
    ...(parts.source ? [{ tag: 'i' as const, text: parts.source }] : []),
  ].filter((s) => s.text.trim() !== '');
}

const open = (tag: Tag) => (tag ? `<${tag}>` : '');
const close = (tag: Tag) => (tag ? `</${tag}>` : '');

/** Cuts one raw line into pieces whose escaped form fits `budget` (never inside a character or an entity). */
function cutLine(line: string, budget: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = escapeHtml(ch).length;
    if (size + n > budget && current) { pieces.push(current); current = ''; size = 0; }
    current += ch;
    size += n;
  }
  pieces.push(current);
  return pieces;
}

/** Packs segments into HTML messages of at most `limit` characters, reopening a segment's tag in the next message. */
export function packHtml(segments: Segment[], limit = TELEGRAM_LIMITS.message): string[] {
  const messages: string[] = [];
  let current = '';
  for (const seg of segments) {
    const overhead = open(seg.tag).length + close(seg.tag).length;
    let body = ''; // escaped lines of this segment in the current message
    const flush = () => {
      if (body) current += (current ? '\n' : '') + open(seg.tag) + body + close(seg.tag);
      body = '';
    };
    for (const raw of seg.text.split('\n')) {
      for (const piece of cutLine(raw, limit - overhead)) {
        const line = escapeHtml(piece);
        const candidate = body ? `${body}\n${line}` : line;
        if ((current ? current.length + 1 : 0) + overhead + candidate.length > limit) {
          flush();
          if (current) messages.push(current);
          current = '';
          body = line;
        } else body = candidate;
      }
    }
    flush();
  }
  if (current) messages.push(current);
  return messages.length ? messages : ['…'];
}

export interface TelegramAnswer {
  /** HTML messages, in order; the keyboard belongs under the last. */
  messages: string[];
  suggestions: string[];
}

export function toTelegramAnswer(reply: Reply): TelegramAnswer {
  return { messages: packHtml(replySegments(reply)), suggestions: reply.suggestions.slice(0, TELEGRAM_LIMITS.buttons) };
}

export const buttonLabel = (question: string) => truncate(question, TELEGRAM_LIMITS.buttonText);

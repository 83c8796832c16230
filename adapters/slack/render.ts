/** Reply → Slack message: Block Kit blocks within Slack's limits plus the plain-text `text` fallback. */
import type { types } from '@slack/bolt';
import { replyParts, type Reply } from '../../src/bot/reply.js';
import { splitText, truncate } from '../shared/split.js';

/** Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, contextText: 3000, buttonText: 75, buttonValue: 2000, buttons: 5, fallbackText: 4000 };

/** Prefix of the action_id of every suggestion button; the value carries the question to re-ask. */
export const SUGGESTION_ACTION = 'disclosure_suggest';

export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** Slack's mrkdwn needs only &, < and > escaped (https://api.slack.com/reference/surfaces/formatting#escaping). */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const section = (text: string): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

export function toSlackMessage(reply: Reply): SlackMessage {
  const parts = replyParts(reply);
  const en = reply.language === 'en';
  const blocks: types.KnownBlock[] = splitText(escapeMrkdwn(parts.body), SLACK_LIMITS.sectionText).map(section);
  if (parts.table) {
    // a code block keeps the columns aligned; each piece is fenced on its own
    for (const piece of splitText(escapeMrkdwn(parts.table.rendered), SLACK_LIMITS.sectionText - 8)) blocks.push(section('```\n' + piece + '\n```'));
  }
  const tail: types.KnownBlock[] = [];
  if (parts.source) tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(parts.source), SLACK_LIMITS.contextText) }] });
  const suggestions = reply.suggestions.slice(0, SLACK_LIMITS.buttons);
  if (suggestions.length) {
    tail.push({
      type: 'actions',
      block_id: 'disclosure_suggestions',
      elements: suggestions.map((q, i) => ({
        type: 'button',
        action_id: `${SUGGESTION_ACTION}_${i}`,
        text: { type: 'plain_text', text: truncate(q, SLACK_LIMITS.buttonText), emoji: false },
        value: truncate(q, SLACK_LIMITS.buttonValue),
      })),
    });
  }
  const room = SLACK_LIMITS.blocks - tail.length;
  if (blocks.length > room) {
    blocks.splice(room - 1);
    blocks.push(section(en ? '_(answer too long for Slack: truncated; ask a narrower question)_' : '_（回答过长，Slack 中已截断；请把问题问得具体一些）_'));
  }
  const fallback = truncate(reply.text, SLACK_LIMITS.fallbackText);
  return { text: fallback || (en ? '(empty answer)' : '（无内容）'), blocks: [...blocks, ...tail] };
}

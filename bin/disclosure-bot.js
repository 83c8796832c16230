#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (built by `npm install` / `npm ci` via the prepare script).
// `serve` wires the platform adapters to the core, so it lives in adapters/ (src/ never imports adapters/) and is
// handed to the CLI here; it loads Slack's and Telegram's libraries only when they are configured.
import { main } from '../dist/src/cli/main.js';
import { serveCommand } from '../dist/adapters/serve.js';

main(process.argv.slice(2), { serve: serveCommand }).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`disclosure-bot: ${err instanceof Error ? err.message : String(err)}`); process.exitCode = 1; },
);

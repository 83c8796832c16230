/**
 * Tests that run the CLI in child processes (concurrent ingests, a killed ingest) run the compiled code in
 * dist/. `npm ci` builds it (prepare); this rebuilds it first when a source file is newer than its output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yield* sources(join(dir, e.name));
    else if (e.name.endsWith('.ts')) yield join(dir, e.name);
  }
}

function stale(): boolean {
  for (const top of ['src', 'adapters']) {
    for (const file of sources(join(ROOT, top))) {
      const out = join(ROOT, 'dist', relative(ROOT, file)).replace(/\.ts$/, '.js');
      if (!existsSync(out) || statSync(out).mtimeMs < statSync(file).mtimeMs) return true;
    }
  }
  return false;
}

export default function setup(): void {
  if (stale()) execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
}

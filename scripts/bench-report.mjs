// Writes the figures scripts/bench measured (target/bench) into BENCHMARKS.md, between the
// markers, leaving the hand-written notes around them alone.
// Usage: node scripts/bench-report.mjs target/bench BENCHMARKS.md
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { totalmem, cpus } from 'node:os';
import path from 'node:path';

const [dir, target] = process.argv.slice(2);
const read = (name) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), 'utf8') : null);
const sh = (cmd) => { try { return execSync(cmd, { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } };
const table = (text) => (text ? `${text.split('\n')[0]}\n\n${text.slice(text.indexOf('| screen')).trim()}` : '(not measured)');
const sizeTable = (text) => (text ? '```\n' + text.split('\n').filter((l) => !l.startsWith('size.')).join('\n').trim() + '\n```' : '(not measured)');

const before = read('dist-before.rev')?.trim();
const lines = [
  '<!-- bench:start (written by scripts/bench; edit outside the markers) -->',
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`scripts/bench${before ? ` --before ${before.split(' ')[0]}` : ''}\` at ${sh('git rev-parse --short HEAD')}${sh('git status --porcelain -- src crates style index.html scripts') ? ' (with uncommitted changes)' : ''}.`,
  '',
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${sh('uname -sr')}.`,
  `Tools: ${sh('chromium --version')}, Lighthouse ${sh('node_modules/.bin/lighthouse --version')}, Node ${process.version}, ${sh('rustc --version')}, ${sh('trunk --version')}, ${sh('wasm-bindgen --version')}, wasm-split ${sh("cargo install --list | sed -n 's/^wasm_split_cli_support v\\(.*\\):/\\1/p'")}, ${sh('oha --version')}.`,
  '',
  '### What a browser downloads',
  '',
  'Commands: `scripts/size` (`node scripts/size.mjs --dist DIR`); gzip and Brotli are the copies the build writes (zopfli, Brotli quality 11), woff2 as it is.',
  '',
];
if (before) lines.push(`Before (${before}):`, '', sizeTable(read('size-before.txt')), '', 'After:', '');
lines.push(sizeTable(read('size-after.txt')), '', '### Lighthouse, mobile defaults, median of 3', '',
  'Command: `node scripts/lighthouse.mjs URL 3` (Lighthouse CLI, simulated slow 4G and 4x CPU slowdown, headless Chromium on loopback; signed-in screens with a demo customer\'s session cookie).', '');
if (before) lines.push(`Before (${before}):`, '', table(read('lighthouse-before.txt')), '', 'After:', '');
lines.push(table(read('lighthouse-after.txt')), '', '### API', '', 'Command: `scripts/bench-api` (its figures file follows).', '', '```', (read('api.txt') ?? '(not measured)').trim(), '```', '<!-- bench:end -->');

const generated = lines.join('\n');
const old = existsSync(target) ? readFileSync(target, 'utf8') : '';
const start = old.indexOf('<!-- bench:start');
const end = old.indexOf('<!-- bench:end -->');
const next = start >= 0 && end > start
  ? old.slice(0, start) + generated + old.slice(end + '<!-- bench:end -->'.length)
  : `${old.trim() ? old.trim() + '\n\n' : '# Benchmarks\n\n'}## Latest run\n\n${generated}\n`;
writeFileSync(target, next);
console.log(`wrote ${target}`);

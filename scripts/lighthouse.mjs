// Lighthouse (mobile defaults: simulated slow 4G, 4x slower CPU) on the customer's screens of
// a running server, each RUNS times; prints the median of each figure per screen, as
// `key=value` lines for scripts/bench and a table. The signed-in screens get a session of a
// demo customer. Usage: node scripts/lighthouse.mjs http://127.0.0.1:8211 [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lighthouseRun, median, sessionCookie } from './lighthouse-run.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8211';
const runs = Number(process.argv[3] ?? 3);
const SCREENS = ['/signin', '/profile', '/profile/edit', '/profile/marketing', '/requests'];

const work = mkdtempSync(path.join(tmpdir(), 'lighthouse-'));
const cookie = await sessionCookie(base);
const rows = [];
for (const screen of SCREENS) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    results.push(lighthouseRun(base, screen, cookie, path.join(work, `run-${i}.json`)));
  }
  const m = Object.fromEntries(Object.keys(results[0]).map((k) => [k, median(results.map((r) => r[k]))]));
  rows.push({ screen, ...m });
  const key = `lighthouse.${screen.slice(1).replaceAll('/', '_')}`;
  for (const [k, v] of Object.entries(m)) console.log(`${key}.${k}=${Math.round(v * 1000) / 1000}`);
}
rmSync(work, { recursive: true, force: true });
console.log(`\n| screen | performance | accessibility | best practices | FCP | LCP | TBT | CLS |\n| --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const r of rows) {
  console.log(`| \`${r.screen}\` | ${Math.round(r.performance)} | ${Math.round(r.accessibility)} | ${Math.round(r.bestPractices)} | ${(r.fcp / 1000).toFixed(2)} s | ${(r.lcp / 1000).toFixed(2)} s | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} |`);
}

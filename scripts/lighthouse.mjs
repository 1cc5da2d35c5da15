// Lighthouse (mobile defaults: simulated slow 4G, 4x slower CPU) on the customer's screens of
// a running server, each RUNS times; prints the median of each figure per screen, as
// `key=value` lines for scripts/bench and a table. The signed-in screens get a session of a
// demo customer. Usage: node scripts/lighthouse.mjs http://127.0.0.1:8211 [runs]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const base = process.argv[2] ?? 'http://127.0.0.1:8211';
const runs = Number(process.argv[3] ?? 3);
const SCREENS = ['/signin', '/profile', '/profile/edit', '/profile/marketing', '/requests'];
const lighthouse = path.resolve(import.meta.dirname, '..', 'node_modules', '.bin', 'lighthouse');

async function sessionCookie() {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    // As the app's own page would send it: changes from elsewhere are refused.
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email: 'aino.laine@example.fi', password: 'aino-demo-2026' }),
  });
  if (!response.ok) throw new Error(`signing in for Lighthouse: ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const work = mkdtempSync(path.join(tmpdir(), 'lighthouse-'));
const cookie = await sessionCookie();
const rows = [];
for (const screen of SCREENS) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const out = path.join(work, `run-${i}.json`);
    const headers = screen === '/signin' ? {} : { Cookie: cookie };
    execFileSync(lighthouse, [
      `${base}${screen}`, '--quiet', '--output=json', `--output-path=${out}`,
      '--only-categories=performance,accessibility,best-practices',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking',
      `--extra-headers=${JSON.stringify(headers)}`,
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] });
    const report = JSON.parse(readFileSync(out, 'utf8'));
    if (report.finalDisplayedUrl && !report.finalDisplayedUrl.endsWith(screen)) {
      throw new Error(`${screen} ended on ${report.finalDisplayedUrl}: the session was not taken`);
    }
    const a = report.audits;
    results.push({
      performance: report.categories.performance.score * 100,
      accessibility: report.categories.accessibility.score * 100,
      bestPractices: report.categories['best-practices'].score * 100,
      fcp: a['first-contentful-paint'].numericValue,
      lcp: a['largest-contentful-paint'].numericValue,
      tbt: a['total-blocking-time'].numericValue,
      cls: a['cumulative-layout-shift'].numericValue,
    });
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

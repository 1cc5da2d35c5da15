// Lighthouse (mobile defaults) on two running servers of two builds, their runs alternating, so
// that what else the machine does falls on both alike: on this 2-core kind one build's runs vary
// by a factor of two or three, and one build measured after the other can differ by that alone.
// Prints every run's blocking time and the medians per screen and build.
//   node scripts/lighthouse-ab.mjs RUNS BEFORE_URL AFTER_URL [SCREEN ...]
// Each server must have the demo data (a demo customer's session is taken for signed-in screens).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [runsArg, beforeUrl, afterUrl, ...screenArgs] = process.argv.slice(2);
if (!afterUrl) throw new Error('usage: node scripts/lighthouse-ab.mjs RUNS BEFORE_URL AFTER_URL [SCREEN ...]');
const runs = Number(runsArg);
const screens = screenArgs.length > 0 ? screenArgs : ['/signin', '/profile', '/profile/edit', '/profile/marketing', '/requests'];
const lighthouse = path.resolve(import.meta.dirname, '..', 'node_modules', '.bin', 'lighthouse');
const builds = { before: beforeUrl, after: afterUrl };

async function sessionCookie(base) {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email: 'aino.laine@example.fi', password: 'aino-demo-2026' }),
  });
  if (!response.ok) throw new Error(`signing in at ${base}: ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

const cookies = {};
for (const [build, base] of Object.entries(builds)) cookies[build] = await sessionCookie(base);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const work = mkdtempSync(path.join(tmpdir(), 'lighthouse-ab-'));
for (const screen of screens) {
  const results = { before: [], after: [] };
  for (let i = 0; i < runs; i++) {
    // Each pair in turn starts with the other build.
    for (const build of i % 2 ? ['after', 'before'] : ['before', 'after']) {
      const out = path.join(work, 'run.json');
      const headers = screen === '/signin' ? {} : { Cookie: cookies[build] };
      execFileSync(lighthouse, [
        `${builds[build]}${screen}`, '--quiet', '--output=json', `--output-path=${out}`,
        '--only-categories=performance',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking',
        `--extra-headers=${JSON.stringify(headers)}`,
      ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] });
      const report = JSON.parse(readFileSync(out, 'utf8'));
      if (report.finalDisplayedUrl && !report.finalDisplayedUrl.endsWith(screen)) {
        throw new Error(`${screen} ended on ${report.finalDisplayedUrl}: the session was not taken`);
      }
      const a = report.audits;
      results[build].push({
        performance: Math.round(report.categories.performance.score * 100),
        tbt: Math.round(a['total-blocking-time'].numericValue),
        lcp: Math.round(a['largest-contentful-paint'].numericValue),
        cls: a['cumulative-layout-shift'].numericValue,
      });
    }
  }
  for (const build of ['before', 'after']) {
    const r = results[build];
    console.log(`${screen} ${build}: TBT ${r.map((x) => x.tbt).join('/')} ms (median ${median(r.map((x) => x.tbt))}), ` +
      `performance ${r.map((x) => x.performance).join('/')}, LCP median ${median(r.map((x) => x.lcp))} ms, CLS max ${Math.max(...r.map((x) => x.cls))}`);
  }
}
rmSync(work, { recursive: true, force: true });

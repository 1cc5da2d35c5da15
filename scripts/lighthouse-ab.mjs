// Lighthouse (mobile defaults) on two running servers of two builds, their runs alternating, so
// that what else the machine does falls on both alike: on this 2-core kind one build's runs vary
// by a factor of two or three, and one build measured after the other can differ by that alone.
// Prints every run's blocking time and the medians per screen and build.
//   node scripts/lighthouse-ab.mjs RUNS BEFORE_URL AFTER_URL [SCREEN ...]
// Each server must have the demo data (a demo customer's session is taken for signed-in screens).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lighthouseRun, median, sessionCookie } from './lighthouse-run.mjs';

const [runsArg, beforeUrl, afterUrl, ...screenArgs] = process.argv.slice(2);
if (!afterUrl) throw new Error('usage: node scripts/lighthouse-ab.mjs RUNS BEFORE_URL AFTER_URL [SCREEN ...]');
const runs = Number(runsArg);
const screens = screenArgs.length > 0 ? screenArgs : ['/signin', '/profile', '/profile/edit', '/profile/marketing', '/requests'];
const builds = { before: beforeUrl, after: afterUrl };

const cookies = {};
for (const [build, base] of Object.entries(builds)) cookies[build] = await sessionCookie(base);
const work = mkdtempSync(path.join(tmpdir(), 'lighthouse-ab-'));
for (const screen of screens) {
  const results = { before: [], after: [] };
  for (let i = 0; i < runs; i++) {
    // Each pair in turn starts with the other build.
    for (const build of i % 2 ? ['after', 'before'] : ['before', 'after']) {
      const r = lighthouseRun(builds[build], screen, cookies[build], path.join(work, 'run.json'), 'performance');
      results[build].push({ performance: Math.round(r.performance), tbt: Math.round(r.tbt), lcp: Math.round(r.lcp), cls: r.cls });
    }
  }
  for (const build of ['before', 'after']) {
    const r = results[build];
    console.log(`${screen} ${build}: TBT ${r.map((x) => x.tbt).join('/')} ms (median ${median(r.map((x) => x.tbt))}), ` +
      `performance ${r.map((x) => x.performance).join('/')}, LCP median ${median(r.map((x) => x.lcp))} ms, CLS max ${Math.max(...r.map((x) => x.cls))}`);
  }
}
rmSync(work, { recursive: true, force: true });

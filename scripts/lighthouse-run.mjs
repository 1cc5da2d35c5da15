// One Lighthouse run (mobile defaults: simulated slow 4G, 4x slower CPU) and a demo customer's
// session for the signed-in screens: shared by scripts/lighthouse.mjs and lighthouse-ab.mjs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const lighthouse = path.resolve(import.meta.dirname, '..', 'node_modules', '.bin', 'lighthouse');

/** A demo customer's session cookie from the server at `base`. */
export async function sessionCookie(base) {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    // As the app's own page would send it: changes from elsewhere are refused.
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email: 'aino.laine@example.fi', password: 'aino-demo-2026' }),
  });
  if (!response.ok) throw new Error(`signing in at ${base} for Lighthouse: ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

/** Lighthouse on `base` + `screen` (with `cookie` unless it is the sign-in page), its report
 *  written to `out`; the figures. */
export function lighthouseRun(base, screen, cookie, out, categories = 'performance,accessibility,best-practices') {
  const headers = screen === '/signin' ? {} : { Cookie: cookie };
  execFileSync(lighthouse, [
    `${base}${screen}`, '--quiet', '--output=json', `--output-path=${out}`,
    `--only-categories=${categories}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking',
    `--extra-headers=${JSON.stringify(headers)}`,
  ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  if (report.finalDisplayedUrl && !report.finalDisplayedUrl.endsWith(screen)) {
    throw new Error(`${screen} ended on ${report.finalDisplayedUrl}: the session was not taken`);
  }
  const a = report.audits;
  const score = (name) => (report.categories[name] ? report.categories[name].score * 100 : undefined);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcp: a['first-contentful-paint'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue,
  };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

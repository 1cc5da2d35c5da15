// Draws the app's PNG icons from the logo with headless Chromium, so the committed files can
// be made again: node scripts/icons.mjs (needs the npm packages and Debian's Chromium).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../src/web/icons/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
// Maskable icons keep their mark inside the middle 80 %: a full-bleed brand square around it.
const sizes = [
  ['icon-192.png', 192, 0, '0'],
  ['icon-512.png', 512, 0, '0'],
  ['maskable-512.png', 512, 0.2, '#0b5563'],
];
for (const [name, size, pad, bg] of sizes) {
  const inner = Math.round(size * (1 - pad));
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${bg === '0' ? 'transparent' : bg}">` +
      svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `) +
      '</body>',
  );
  await page.screenshot({ path: new URL(`../src/web/icons/${name}`, import.meta.url).pathname, omitBackground: bg === '0' });
}
await browser.close();

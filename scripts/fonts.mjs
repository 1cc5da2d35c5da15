// Writes the app's text font: Source Sans 3 (SIL Open Font License, from the npm package
// @fontsource/source-sans-3), cut down to the characters Finnish, Swedish and English need,
// as woff2 files named by their content hash (so they can be cached for a year), and the
// @font-face rules that name them: style/fonts/. Run by the build before Trunk.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import subsetFont from 'subset-font';

const root = path.resolve(import.meta.dirname, '..');
const source = path.join(root, 'node_modules/@fontsource/source-sans-3/files');
const out = path.join(root, 'style/fonts');

// Printable ASCII, the Nordic and other Latin letters in names, and the typography the texts use.
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const text = `${ascii}ÄÖÅäöåÜüÉéÈèÁáÀàÍíÓóÚúÑñÇçŠšŽžØøÆæßÕõ€–—‘’“”„…•·×−✓«»§°½`;

mkdirSync(out, { recursive: true });
for (const old of readdirSync(out)) rmSync(path.join(out, old));
let css = '/* Written by scripts/fonts.mjs: Source Sans 3 (SIL OFL 1.1), subset for fi, sv and en. */\n';
// Two weights: headings and strong text use 600, so a third file would only add bytes.
for (const weight of [400, 600]) {
  const file = path.join(source, `source-sans-3-latin-${weight}-normal.woff2`);
  const subset = await subsetFont(readFileSync(file), text, { targetFormat: 'woff2' });
  const hash = createHash('sha256').update(subset).digest('hex').slice(0, 12);
  const name = `source-sans-3-${weight}-${hash}.woff2`;
  writeFileSync(path.join(out, name), subset);
  // optional: when a file is not there for the first paint (a first visit on a slow line), the
  // page keeps the system font instead of re-flowing when it arrives (no layout shift); the
  // service worker keeps the files for the next visit.
  css += `@font-face { font-family: "Source Sans 3"; font-style: normal; font-weight: ${weight}; ` +
    `font-display: optional; src: url("/fonts/${name}") format("woff2"); }\n`;
  console.log(`${name}: ${subset.length} bytes`);
}
writeFileSync(path.join(out, 'fonts.css'), css);

// What a browser downloads, from the built files in dist/: the first load of the customer's
// path (the sign-in page, then the profile) and what each other screen adds, raw, gzip and
// Brotli as served (the .gz and .br copies the build wrote). With --check it fails when a
// budget is exceeded: a size check is deterministic, so it belongs in the test run.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';

const distArg = process.argv.indexOf('--dist');
const dist = path.resolve(distArg > 0 ? process.argv[distArg + 1] : path.join(import.meta.dirname, '..', 'dist'));
const check = process.argv.includes('--check');

// Budgets in bytes. The targets, and the limits the test run enforces today: the
// first load is not yet down to its target, so its limit stops it from growing meanwhile.
export const BUDGET = {
  firstLoadGzip: { target: 150_000, limit: 340_000 },
  firstLoadBrotli: { target: 125_000, limit: 287_000 },
  routeGzip: { target: 60_000, limit: 60_000 },
};

function sizes(file) {
  const full = path.join(dist, file);
  const data = readFileSync(full);
  // woff2 is compressed already: it is served as it is.
  if (file.endsWith('.woff2')) return { raw: data.length, gzip: data.length, brotli: data.length };
  const gz = existsSync(`${full}.gz`) ? statSync(`${full}.gz`).size : gzipSync(data, { level: 9 }).length;
  const br = existsSync(`${full}.br`)
    ? statSync(`${full}.br`).size
    : brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: data.length, gzip: gz, brotli: br };
}

function total(files) {
  const sum = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const s = sizes(f);
    sum.raw += s.raw; sum.gzip += s.gzip; sum.brotli += s.brotli;
  }
  return sum;
}

// The first load: the page and everything it names (scripts, wasm, styles),
// and the files the style sheets name.
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const first = new Set(['index.html']);
for (const [, url] of html.matchAll(/(?:href|src)="\/([^"]+\.(?:js|wasm|css|woff2))"/g)) first.add(url);
// The main script's own wasm, which the page names only in the call that starts it.
const wasm = html.match(/module_or_path: '\/([^']+\.wasm)'/);
if (!wasm) throw new Error('index.html does not start a wasm module');
first.add(wasm[1]);
for (const css of [...first].filter((f) => f.endsWith('.css'))) {
  for (const [, url] of readFileSync(path.join(dist, css), 'utf8').matchAll(/url\("\/([^"]+)"\)/g)) first.add(url);
}
// The start-up script fetches one language's texts: count the largest.
const texts = [...html.matchAll(/"\/(texts-[a-z]{2}-[0-9a-f]{16}\.txt)"/g)].map(([, f]) => f);
if (texts.length !== 3) throw new Error(`index.html names ${texts.length} texts files, not 3`);
first.add(texts.reduce((a, b) => (sizes(a).gzip >= sizes(b).gzip ? a : b)));

// Each lazy screen opened directly: one bundle of its chunk and the shared chunks it needs
// (scripts/bundle-routes.mjs writes them and the loader's table of them). A build from before
// the bundles (scripts/bench --before) has wasm-split's own loader: its chunk and each shared
// chunk it waits for, a file each.
const loaderFile = readdirSync(dist).find((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f));
const loader = loaderFile ? readFileSync(path.join(dist, loaderFile), 'utf8') : '';
const table = loader.match(/^const \{ files, sizes, routes \} = (\{.*\});$/m);
const routes = [];
if (table) {
  for (const { bundle, modules } of Object.values(JSON.parse(table[1]).routes)) {
    routes.push({ name: bundle.replace(/-[0-9a-f]+$/, ''), files: [`${bundle}.bin`], modules: modules.length });
  }
} else {
  const chunkFile = new Map();
  for (const [, name, file] of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    chunkFile.set(name, file);
  }
  for (const [, file, deps] of loader.matchAll(/new URL\("\.\/([a-z_]+_route-[0-9a-f]+\.wasm)"[\s\S]*?\n, \[([^\]]*)\]\)\);/g)) {
    const files = [file, ...deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunkFile.get(d))];
    routes.push({ name: file.replace(/-[0-9a-f]+\.wasm$/, ''), files, modules: files.length });
  }
}
if (loaderFile && routes.length === 0) throw new Error(`${loaderFile}: no lazy screens found`);

const kb = (n) => `${(n / 1000).toFixed(1)} KB`.padStart(10);
const row = (label, s) => console.log(`${label.padEnd(34)}${String(s.raw).padStart(10)}${String(s.gzip).padStart(10)}${String(s.brotli).padStart(10)}`);
console.log(`${'bytes'.padEnd(34)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
const kinds = {};
for (const f of first) {
  const kind = path.extname(f).slice(1);
  (kinds[kind] ??= []).push(f);
}
for (const [kind, files] of Object.entries(kinds)) row(`  first load: ${kind}`, total(files));
const firstLoad = total(first);
row('first load (sign-in, then profile)', firstLoad);
const problems = [];
for (const route of routes.sort((a, b) => a.name.localeCompare(b.name))) {
  const s = total(route.files);
  row(`+ ${route.name} (${route.modules} modules)`, s);
  const staff = route.name.startsWith('staff_');
  if (!staff && s.gzip > BUDGET.routeGzip.limit) problems.push(`${route.name} adds ${kb(s.gzip)} gzip, over ${kb(BUDGET.routeGzip.limit)}`);
}
for (const [key, value, budget] of [
  ['gzip', firstLoad.gzip, BUDGET.firstLoadGzip],
  ['Brotli', firstLoad.brotli, BUDGET.firstLoadBrotli],
]) {
  console.log(`first load ${key}: ${kb(value)}; limit ${kb(budget.limit)}, target ${kb(budget.target)}`);
  if (value > budget.limit) problems.push(`first load is ${kb(value)} ${key}, over its limit ${kb(budget.limit)}`);
}
// Machine-readable lines for scripts/bench.
console.log(`size.first_load.raw=${firstLoad.raw}\nsize.first_load.gzip=${firstLoad.gzip}\nsize.first_load.brotli=${firstLoad.brotli}`);
if (check && problems.length) {
  console.error(`\nOver budget:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

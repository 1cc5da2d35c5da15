// Run by scripts/post-build on the staging folder, after the chunks have their final names.
//
// wasm-split cuts the code the lazy screens share into one chunk per set of screens that use
// it: 91 small modules, of which a screen needed up to 38, each its own request and its own
// instantiation. Opening /requests directly cost a phone-speed main thread about 110 ms in
// requests and loader code alone (BENCHMARKS.md). This writes, for each screen, one file with
// its chunk and every chunk it needs (a route bundle), and replaces wasm-split's loader with
// one that fetches that single file for a screen opened now, instantiating only the chunks
// not already running. The separate chunk files stay: when most of a bundle is already
// running (the background preload of the next screens), the few missing chunks are fetched
// on their own instead of the whole bundle again.
//
// Usage: node scripts/bundle-routes.mjs STAGE_DIR LOADER_FILE
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [stage, loaderName] = process.argv.slice(2);
const loaderPath = path.join(stage, loaderName);
const loader = readFileSync(loaderPath, 'utf8');

const main = loader.match(/^import \{ initSync \} from "(\.\/[^"]+\.js)";/m);
if (!main) throw new Error(`${loaderName}: no import of the main module's initSync`);

// wasm-split's loader: each chunk and each screen as `makeLoad(fetcher of FILE, [deps])`.
const chunks = new Map(); // __chunk_N -> { file, deps }
for (const [, name, file, deps] of loader.matchAll(
  /const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)", import\.meta\.url\)\);[\s\S]*?\n, \[([^\]]*)\]\);/g,
)) {
  chunks.set(name, { file, deps: deps.split(',').map((d) => d.trim()).filter(Boolean) });
}
const screens = [];
for (const [, exported, file, deps] of loader.matchAll(
  /export const (\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)", import\.meta\.url\)\);[\s\S]*?\n, \[([^\]]*)\]\)\);/g,
)) {
  screens.push({ exported, file, deps: deps.split(',').map((d) => d.trim()).filter(Boolean) });
}
const exportsInLoader = [...loader.matchAll(/^export const (\w+)/gm)].length;
if (chunks.size === 0 || screens.length === 0 || screens.length !== exportsInLoader) {
  throw new Error(`${loaderName}: expected wasm-split's loader; read ${chunks.size} chunks and ${screens.length} of ${exportsInLoader} screens`);
}

// Every module gets a number; a screen's modules are its chunk's dependencies (transitively)
// and then its own chunk, in the order wasm-split's loader instantiated them.
const files = [];
const index = new Map();
const number = (file) => {
  if (!index.has(file)) {
    index.set(file, files.length);
    files.push(file);
  }
  return index.get(file);
};
const closure = (deps, seen = new Set()) => {
  for (const dep of deps) {
    const chunk = chunks.get(dep);
    if (!chunk) throw new Error(`${loaderName}: unknown chunk ${dep}`);
    if (seen.has(dep)) continue;
    closure(chunk.deps, seen);
    seen.add(dep);
  }
  return seen;
};
const hash16 = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const bytes = []; // module m's bytes, read once however many bundles hold it
const bytesOfModule = (m) => (bytes[m] ??= readFileSync(path.join(stage, files[m])));
const routes = {};
for (const screen of screens) {
  const modules = [...closure(screen.deps)].map((dep) => number(chunks.get(dep).file));
  modules.push(number(screen.file));
  const bundle = Buffer.concat(modules.map(bytesOfModule));
  const name = `${screen.file.replace(/-[0-9a-f]{16}\.wasm$/, '')}-${hash16(bundle)}.bin`;
  writeFileSync(path.join(stage, name), bundle);
  routes[screen.exported] = { bundle: name, modules };
}

// Names without their extensions: the table is part of every first load.
const table = JSON.stringify({
  files: files.map((f) => f.replace(/\.wasm$/, '')),
  sizes: files.map((_, m) => bytes[m].length),
  routes: Object.fromEntries(
    Object.entries(routes).map(([name, { bundle, modules }]) => [name, { bundle: bundle.replace(/\.bin$/, ''), modules }]),
  ),
});
writeFileSync(
  loaderPath,
  `// Written by scripts/bundle-routes.mjs from wasm-split's loader.
import { initSync } from "${main[1]}";

// files[m]: module m on its own (.wasm); routes[name]: the screen's bundle (.bin), and its
// modules in the order they are instantiated (each one's bytes follow the one before).
const { files, sizes, routes } = ${table};

let sharedImports = undefined;
function getSharedImports() {
  if (sharedImports === undefined) {
    sharedImports = { __wasm_split: {} };
    const { __indirect_function_table, __wasm_split_shared0, memory } = initSync(undefined, undefined);
    Object.assign(sharedImports.__wasm_split, { __indirect_function_table, __wasm_split_shared0, memory });
  }
  return sharedImports;
}

function wrapAsyncCb(callee) {
  return async (callbackIndex, callbackData) => {
    let success;
    try {
      await callee();
      success = true;
    } catch (e) {
      console.error(e);
      success = false;
    } finally {
      getSharedImports().__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, success);
    }
  };
}

async function bytesOf(url) {
  const response = await fetch(new URL(url, import.meta.url));
  if (!response.ok) throw new Error(\`\${url}: \${response.status}\`);
  return response.arrayBuffer();
}

// Module m, once: its instance, or the load under way. A failed load is forgotten, so the
// next attempt (the router asks again) starts afresh after a network failure.
const running = new Map();
function instantiate(m, bytes) {
  const load = bytes.then((data) => WebAssembly.instantiate(data, getSharedImports()));
  running.set(m, load);
  load.catch(() => {
    if (running.get(m) === load) running.delete(m);
  });
  return load;
}

function loadRoute(name) {
  const { bundle, modules } = routes[name];
  const missing = modules.filter((m) => !running.has(m));
  const total = modules.reduce((sum, m) => sum + sizes[m], 0);
  const needed = missing.reduce((sum, m) => sum + sizes[m], 0);
  if (needed * 2 >= total) {
    // Most of the screen is new: one request for all of it.
    const whole = bytesOf("./" + bundle + ".bin");
    let offset = 0;
    for (const m of modules) {
      const start = offset;
      offset += sizes[m];
      if (missing.includes(m)) instantiate(m, whole.then((data) => new Uint8Array(data, start, sizes[m])));
    }
  } else {
    for (const m of missing) instantiate(m, bytesOf("./" + files[m] + ".wasm"));
  }
  return Promise.all(modules.map((m) => running.get(m)));
}

${screens.map((s) => `export const ${s.exported} = wrapAsyncCb(() => loadRoute(${JSON.stringify(s.exported)}));`).join('\n')}
`,
);
console.log(`bundle-routes: ${screens.length} screens, ${files.length} modules`);

// Writes Brotli (.br) copies of the built app next to the files in dist/, with Node's own
// zlib, so no extra tool is needed. The server sends them to browsers that accept br.
import { brotliCompressSync, constants } from 'node:zlib';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dist = process.argv[2] ?? 'dist';
for (const name of readdirSync(dist)) {
  if (!/\.(wasm|bin|js|css|html|txt)$/.test(name)) continue;
  const file = path.join(dist, name);
  const data = readFileSync(file);
  const packed = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  writeFileSync(`${file}.br`, packed);
}

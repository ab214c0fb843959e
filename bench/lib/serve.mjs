// The built app (dist/) on a fixed loopback port, as a static host would serve it, plus what the
// benchmark itself loads into the page under /bench/: Dexie.js and the backup files.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { TYPES as APP_TYPES } from '../../tests/e2e/support.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
/// BENCH_DIST serves another build, e.g. one with the wasm's function names kept for profiling.
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
export const CACHE = join(ROOT, 'bench', '.cache');
const DEXIE = join(ROOT, 'node_modules', 'dexie', 'dist', 'dexie.mjs');

const TYPES = { ...APP_TYPES, '.mjs': 'text/javascript' };

function fileFor(path) {
  if (path === '/bench/dexie.mjs') return DEXIE;
  if (path.startsWith('/bench/data/')) return join(CACHE, path.slice('/bench/data/'.length));
  // A single-page app's host answers any address without a file extension with index.html.
  return extname(path) ? join(DIST, path) : join(DIST, 'index.html');
}

/// Serves on `port` (fixed, because IndexedDB belongs to an origin, port included, and the
/// prepared data sets are kept in browser profiles between runs).
export async function serve(port) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = fileFor(path);
    try {
      const info = await stat(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': info.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

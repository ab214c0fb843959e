// Leadline's service worker: keeps the app shell of one build so that the app opens offline.
// scripts/pwa_hook.py fills in the build's version and file list after every build; a new build
// therefore means a new sw.js, which the browser installs beside the running one and keeps
// waiting until the user chooses to reload (the page shows "A new version is ready").
const VERSION = '__LEADLINE_VERSION__';
const SHELL = ['__LEADLINE_SHELL__'];
const PREFIX = 'leadline-shell-';
const CACHE = PREFIX + VERSION;
const INDEX = '/index.html';

self.addEventListener('install', (event) => {
  // `reload` skips the HTTP cache: the shell must be this build's bytes, not a stale copy.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'leadline-apply-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Every page of the app is the same index.html; the router inside draws the screen, so a deep
  // link such as /customers/ID opens offline too.
  if (request.mode === 'navigate') {
    event.respondWith(fromCache(INDEX, request));
    return;
  }
  if (SHELL.includes(url.pathname)) event.respondWith(fromCache(url.pathname, request));
});

async function fromCache(path, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(path);
  return hit ?? fetch(request);
}

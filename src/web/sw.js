// Kleverapp's service worker: keeps the app shell (the page, its script, wasm, styles and
// icons) so the app starts without a network. It never stores an answer from /api: personal
// data must not stay on a shared device.
const SHELL = 'kleverapp-shell-v1';

// The shell is what index.html names, plus the icons; hashed names make each build its own.
async function shellUrls() {
  const response = await fetch('/', { cache: 'no-cache' });
  const html = await response.clone().text();
  const urls = new Set(['/', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png']);
  for (const [, url] of html.matchAll(/(?:href|src)="(\/[^"]+)"/g)) {
    if (!url.startsWith('/api/')) urls.add(url);
  }
  // Each language's texts are named in the page's start-up script; all three are kept, so
  // the language can be switched offline.
  for (const [, url] of html.matchAll(/"(\/texts-[a-z]{2}-[0-9a-f]{16}\.txt)"/g)) urls.add(url);
  // The fonts are named in the style sheets, not in the page.
  for (const css of [...urls].filter((u) => u.endsWith('.css'))) {
    const text = await (await fetch(css)).text();
    for (const [, url] of text.matchAll(/url\("(\/[^"]+)"\)/g)) urls.add(url);
  }
  return { response, urls: [...urls] };
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    const { response, urls } = await shellUrls();
    await cache.put('/', response);
    await cache.addAll(urls.filter((u) => u !== '/'));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return; // straight to the network, never stored
  }
  if (event.request.mode === 'navigate') {
    // A fresh page when online (and the new build's shell with it), the kept one when not.
    event.respondWith((async () => {
      try {
        const fresh = await fetch(event.request);
        // Only the app's page is the shell; a file opened directly must not replace it.
        if (fresh.ok && (fresh.headers.get('content-type') ?? '').startsWith('text/html')) {
          const cache = await caches.open(SHELL);
          await cache.put('/', fresh.clone());
        }
        return fresh;
      } catch {
        return (await caches.match('/')) ?? Response.error();
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const kept = await caches.match(event.request);
    if (kept) return kept;
    const fresh = await fetch(event.request);
    // Hashed build files never change: keep each new one as it arrives.
    if (fresh.ok && /-[0-9a-f]{8,16}[._]/.test(url.pathname)) {
      const cache = await caches.open(SHELL);
      await cache.put(event.request, fresh.clone());
    }
    return fresh;
  })());
});

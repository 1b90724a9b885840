/* nightcramp service worker: keeps the "cramp now" pages working with no network. */
"use strict";
const CACHE = "nightcramp-now-{{ version }}";
const URLS = [{% for u in urls %}"{{ u|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const EXTRAS = [{% for u in extras %}"{{ u|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", (event) => {
  /* The pages and their assets must all be cached; the app icon and manifest are a bonus. */
  event.waitUntil(caches.open(CACHE)
    .then((c) => c.addAll(URLS).then(() => Promise.all(EXTRAS.map((u) => c.add(u).catch(() => null)))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("nightcramp-now-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

/* Only our own /now pages and their assets: served from the cache at once, refreshed behind. */
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  let key = url.pathname;
  const muscle = url.searchParams.get("muscle");
  if (key === URLS[0] && muscle && URLS.includes(key + "/" + muscle)) key = key + "/" + muscle;
  if (!URLS.includes(key) && !EXTRAS.includes(key)) return;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(key).then((hit) => {
    const fresh = fetch(request).then((response) => {
      if (response.ok && response.type === "basic") cache.put(key, response.clone());
      return response;
    });
    if (hit) {
      event.waitUntil(fresh.catch(() => undefined));
      return hit;
    }
    return fresh;
  })));
});

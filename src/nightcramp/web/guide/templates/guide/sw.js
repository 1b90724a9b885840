/* nightcramp service worker: "cramp now", the help page and the last pages you saw work with no
 * network; a cramp or check-in saved with no network waits on the phone (outbox.js) and is sent
 * once when the network is back (same Idempotency-Key on every try).
 * Updates: each version installs all its files into its own cache, or nothing; it takes over
 * only when a page says it is idle ("skip-waiting"), and that page reloads: never a mix. */
"use strict";
importScripts("{{ outbox_url|escapejs }}");
const VERSION = "{{ version }}";
const CORE = "nightcramp-core-" + VERSION;
const PAGES = "nightcramp-pages-" + VERSION;
const URLS = [{% for u in urls %}"{{ u|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const EXTRAS = [{% for u in extras %}"{{ u|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const SHELL = [{% for u in shell %}"{{ u|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const OUTBOX = {"{{ log_url|escapejs }}": "episode", "{{ checkin_url|escapejs }}": "night"};
const HELP = "{{ help_url|escapejs }}";
const HOME = "{{ home_url|escapejs }}";

/* A page kept for offline use: ours, complete, and not a redirect (to the login page, say). */
const keepable = (r) => r && r.ok && r.type === "basic" && !r.redirected;

/* The kept copies of "cramp now" and the help page are fetched signed out: they hold nobody's
 * symptom check, so the next person on a shared phone never sees the last one's. */
const anonymous = (u) => fetch(u, { credentials: "omit" })
  .then((r) => (keepable(r) ? r : Promise.reject(new Error("not kept: " + u))));

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CORE)
    .then((c) => Promise.all(URLS.map((u) => anonymous(u))).then((rs) => Promise.all(rs.map((r, i) => c.put(URLS[i], r))))
      .then(() => Promise.all(EXTRAS.map((u) => c.add(u).catch(() => null)))))
    .then(() => caches.open(PAGES))
    .then((c) => Promise.all(SHELL.map((u) => fetch(u, { credentials: "same-origin" })
      .then((r) => (keepable(r) ? c.put(u, r) : null)).catch(() => null))))
    .catch((error) => caches.delete(CORE).then(() => caches.delete(PAGES)).then(() => { throw error; })));
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((k) => k.startsWith("nightcramp-") && k !== CORE && k !== PAGES)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("sync", (event) => {
  if (event.tag === "nightcramp-outbox") {
    event.waitUntil(csrfToken().then((t) => self.nightcrampOutbox.flush(t)));
  }
});

function csrfToken() {
  if (!self.cookieStore) return Promise.resolve("");
  return self.cookieStore.get("csrftoken").then((c) => (c ? c.value : "")).catch(() => "");
}

function pad(n) { return (n < 10 ? "0" : "") + n; }

/* A form sent while the network was down (the page could not tell): keep it, show home. */
function keep(request, kind) {
  return request.formData().then((data) => {
    const token = data.get("csrfmiddlewaretoken") || "";
    data.delete("csrfmiddlewaretoken");
    const key = data.get("form_key") || self.nightcrampOutbox.newKey();
    if (data.has("form_key")) data.set("form_key", key);
    if (kind === "episode" && !data.get("started_at")) {
      const d = new Date();
      data.set("started_at", d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
        "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()));
    }
    const label = kind === "night" ? "Check-in for " + (data.get("date") || "tonight")
      : "Cramp at " + String(data.get("started_at")).slice(11, 16);
    return self.nightcrampOutbox.list().then((entries) => {
      if (entries.some((e) => e.key === key)) return null;
      return self.nightcrampOutbox.add({
        key: key, url: new URL(request.url).pathname, token: token, label: label,
        body: new URLSearchParams(data).toString()
      });
    });
  }).then(() => (self.registration.sync ? self.registration.sync.register("nightcramp-outbox") : null))
    .catch(() => null)
    .then(() => Response.redirect(HOME + "?queued=1", 303));
}

function fromCore(key, request) {
  return caches.open(CORE).then((c) => c.match(key)).then((hit) => hit || fetch(request));
}

/* "Cramp now" and help opened as a page: from the network when it answers within WAIT_MS (the
 * signed-in person's open symptom check comes with it), else the kept signed-out copy at once. */
const WAIT_MS = 1500;
function pageOrCore(key, request) {
  const kept = () => caches.open(CORE).then((c) => c.match(key));
  const network = fetch(request).then((r) => (r.ok ? r : kept().then((hit) => hit || r)));
  const late = new Promise((resolve) => setTimeout(resolve, WAIT_MS)).then(kept);
  return Promise.race([network.catch(kept), late.then((hit) => hit || network)])
    .then((r) => r || network);
}

/* Pages with your own diary: the network first, the last copy when there is none. */
function networkFirst(request, key) {
  return fetch(request).then((response) => {
    if (keepable(response) && key) {
      const copy = response.clone();
      caches.open(PAGES).then((c) => c.put(key, copy)).catch(() => null);
    }
    return response;
  }).catch(() => caches.open(PAGES)
    .then((c) => c.match(key || new URL(request.url).pathname))
    .then((hit) => hit || caches.open(CORE).then((c) => c.match(HELP)))
    .then((hit) => hit || Response.error()));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate") {
    const kind = OUTBOX[url.pathname];
    if (kind) {
      event.respondWith(fetch(request.clone()).catch(() => keep(request, kind)));
    } else if (url.pathname.startsWith("/account/")) {
      /* Signing in or out: the last pages of one person are not shown to the next. */
      event.respondWith(fetch(request).then((r) => caches.delete(PAGES).then(() => r)));
    }
    return;
  }
  if (request.method !== "GET") return;
  let key = url.pathname;
  const muscle = url.searchParams.get("muscle");
  if (key === URLS[0] && muscle && URLS.includes(key + "/" + muscle)) key = key + "/" + muscle;
  if (URLS.includes(key) && request.mode === "navigate") {
    event.respondWith(pageOrCore(key, request));
    return;
  }
  if (URLS.includes(key) || EXTRAS.includes(key)) {
    event.respondWith(fromCore(key, request));
    return;
  }
  if (request.mode !== "navigate") return;
  /* Home is kept only as itself: not with a one-off "saved" message on it. */
  const keepAs = SHELL.includes(key) && (key !== HOME || !url.search) ? key : null;
  event.respondWith(networkFirst(request, keepAs));
});

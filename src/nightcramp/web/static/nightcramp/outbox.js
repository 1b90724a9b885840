/* nightcramp outbox: entries saved on this phone while the network is down, sent once it is back.
 * Shared by the pages and the service worker (importScripts). One IndexedDB store, keyed by the
 * entry's Idempotency-Key; every try sends that same key, so the server keeps each entry once.
 * A Web Lock lets only one tab (or the worker) send at a time. */
(function (scope) {
  "use strict";
  var DB = "nightcramp", STORE = "outbox", LOCK = "nightcramp-outbox";
  var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(LOCK) : null;

  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: "key" }); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode), result;
        var store = tx.objectStore(STORE);
        work(store, function (value) { result = value; });
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function tell(what) { if (channel) { channel.postMessage(what); } }

  function newKey() {
    if (scope.crypto && scope.crypto.randomUUID) { return scope.crypto.randomUUID().replace(/-/g, ""); }
    var bytes = new Uint8Array(16);
    scope.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function list() {
    return run("readonly", function (store, done) {
      var req = store.getAll();
      req.onsuccess = function () { done(req.result || []); };
    }).then(function (all) { return all.sort(function (a, b) { return a.created - b.created; }); });
  }

  /* entry: {key, url, body (urlencoded, without the CSRF field), label, token}; its state is
   * "waiting", "refused" (with the server's message) or "sent" (until a page has said so). */
  function add(entry) {
    entry.created = Date.now();
    entry.state = "waiting";
    return run("readwrite", function (store) { store.put(entry); }).then(function () {
      tell("changed");
      return entry;
    });
  }

  function put(entry) {
    return run("readwrite", function (store) { store.put(entry); });
  }

  function remove(key) {
    return run("readwrite", function (store) { store.delete(key); }).then(function () { tell("changed"); });
  }

  function errorText(html) {
    var parts = [], re = /<(?:div class="alert" role="alert"|ul class="errorlist[^"]*"[^>]*)>([\s\S]*?)<\/(?:div|ul)>/g, m;
    while ((m = re.exec(html))) { parts.push(m[1].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()); }
    var text = parts.filter(Boolean).join(" ");
    return text || "The diary did not take this entry.";
  }

  /* One try: "sent", "refused" (kept, with the server's reason) or "later" (kept, try again). */
  function send(entry, token) {
    var headers = { "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": entry.key };
    if (token || entry.token) { headers["X-CSRFToken"] = token || entry.token; }
    return fetch(entry.url, {
      method: "POST", credentials: "same-origin", headers: headers, body: entry.body, redirect: "follow"
    }).then(function (response) {
      var path = new URL(response.url).pathname;
      if (response.redirected && path === "/") { return "sent"; }
      if (response.status === 400) {
        return response.text().then(function (html) {
          entry.state = "refused";
          entry.message = errorText(html);
          return put(entry).then(function () { return "refused"; });
        });
      }
      return "later";
    }, function () { return "later"; });
  }

  function sendAll(token) {
    return list().then(function (entries) {
      var waiting = entries.filter(function (e) { return e.state === "waiting"; });
      if (!waiting.length) { return 0; }
      tell("syncing");
      var sent = 0;
      var next = function (i) {
        if (i >= waiting.length) { return Promise.resolve(); }
        return send(waiting[i], token).then(function (outcome) {
          if (outcome === "later") { return Promise.reject(new Error("later")); }
          if (outcome === "sent") {
            sent += 1;
            waiting[i].state = "sent";
            return put(waiting[i]).then(function () { return next(i + 1); });
          }
          return next(i + 1);
        });
      };
      return next(0).then(function () { return sent; }, function () { return sent; })
        .then(function (count) { tell(count ? "sent" : "changed"); return count; });
    });
  }

  /* Send what waits, one sender at a time across tabs and the worker. */
  function flush(token) {
    if (scope.navigator && scope.navigator.locks) {
      return scope.navigator.locks.request(LOCK, function () { return sendAll(token); });
    }
    return sendAll(token);
  }

  scope.nightcrampOutbox = {
    add: add, flush: flush, list: list, remove: remove, newKey: newKey, channel: channel
  };
}(self));

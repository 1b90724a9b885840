/* nightcramp on the phone: the offline copy (service worker), entries saved on this phone when the
 * network is down (outbox.js), the day/night switch and clean updates. No inline script. */
(function () {
  "use strict";
  var outbox = window.nightcrampOutbox;
  var root = document.documentElement;
  var box = document.querySelector("[data-sync-state]");
  var justSent = false;

  /* ---- Day and night: follows the phone's setting until the switch is used; the choice sticks
   * (localStorage, and a cookie so the server draws the right colours first, with no flash). ---- */
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function theme(choice) {
    var mode = choice === "day" || choice === "night" ? choice : "auto";
    root.setAttribute("data-theme", mode);
    var night = mode === "night" || (mode === "auto" && (!dark || dark.matches));
    document.querySelectorAll("[data-theme-switch]").forEach(function (b) {
      b.hidden = false;
      b.setAttribute("aria-pressed", night ? "true" : "false");
    });
    return night;
  }
  function remember(choice) {
    try { localStorage.setItem("nightcramp-theme", choice); } catch (e) { /* private mode */ }
    document.cookie = "nightcramp_theme=" + choice + "; path=/; max-age=31536000; samesite=lax";
  }
  var chosen = null;
  try { chosen = localStorage.getItem("nightcramp-theme"); } catch (e) { chosen = null; }
  if (chosen === "day" || chosen === "night") { remember(chosen); } else { chosen = root.getAttribute("data-theme"); }
  theme(chosen);
  if (dark && dark.addEventListener) {
    dark.addEventListener("change", function () { theme(root.getAttribute("data-theme")); });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-theme-switch]");
    if (!button) { return; }
    var next = button.getAttribute("aria-pressed") === "true" ? "day" : "night";
    remember(next);
    theme(next);
  });

  /* The help page standing in, offline, for a page that needs the network (the triage questions). */
  var note = document.querySelector("[data-offline-note]");
  if (note && location.pathname !== note.getAttribute("data-offline-note")) {
    var which = location.pathname.indexOf("/triage/") === 0 ? "triage" : "other";
    note.hidden = false;
    note.querySelector("[data-offline-for=" + which + "]").hidden = false;
    document.title = "You are offline · nightcramp";
  }

  if (!outbox || !window.indexedDB) { return; }

  /* ---- Where entries are: saved, on this phone, or on their way. ---- */
  function say(state, text) {
    if (!box) { return; }
    box.setAttribute("data-sync-state", state);
    box.querySelector(".sync-text").textContent = text;
  }

  function render() {
    return outbox.list().then(function (entries) {
      var waiting = entries.filter(function (e) { return e.state === "waiting"; });
      var refused = entries.filter(function (e) { return e.state === "refused"; });
      var sent = entries.filter(function (e) { return e.state === "sent"; });
      if (sent.length) { justSent = true; }
      // "Sent" is said once they have left the outbox (a reload in between keeps nothing).
      return Promise.all(sent.map(function (e) { return outbox.remove(e.key); })).then(function () {
        show(waiting, refused);
      });
    });
  }

  function show(waiting, refused) {
    if (!box) { return; }
    var list = box.querySelector(".sync-refused");
    list.textContent = "";
    refused.forEach(function (entry) {
      var item = document.createElement("li");
      var text = document.createElement("p");
      text.textContent = entry.label + ": not saved. " + entry.message;
      var ok = document.createElement("button");
      ok.type = "button";
      ok.className = "btn btn-quiet";
      ok.textContent = "I have seen this";
      ok.addEventListener("click", function () { outbox.remove(entry.key).then(render); });
      item.appendChild(text);
      item.appendChild(ok);
      list.appendChild(item);
    });
    if (waiting.length) {
      var more = waiting.length > 1 ? " (" + waiting.length + " entries)" : "";
      say("on-this-phone", "Saved on this phone, will sync" + more + ". It goes to your diary when the network is back.");
    } else if (justSent) {
      say("saved", "Sent to your diary. Nothing is waiting on this phone.");
    } else {
      say("saved", "");
    }
    box.hidden = !(waiting.length || refused.length || justSent);
  }

  function csrf() {
    var m = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie);
    if (m) { return decodeURIComponent(m[1]); }
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function flush() {
    if (navigator.onLine === false) { return Promise.resolve(); }
    return outbox.list().then(function (entries) {
      if (!entries.some(function (e) { return e.state === "waiting"; })) { return null; }
      say("syncing", "Sending to your diary…");
      if (box) { box.hidden = false; }
      return outbox.flush(csrf()).then(function (sent) { if (sent) { justSent = true; } });
    }).catch(function () { return null; }).then(render);
  }

  if (outbox.channel) {
    outbox.channel.onmessage = function (event) {
      if (event.data === "sent") { justSent = true; }
      if (event.data === "syncing") { say("syncing", "Sending to your diary…"); return; }
      render();
    };
  }

  /* ---- Saving on this phone when the network is down. ---- */
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function localNow() {
    var d = new Date(), off = -d.getTimezoneOffset(), sign = off < 0 ? "-" : "+";
    off = Math.abs(off);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) +
      sign + pad(Math.floor(off / 60)) + ":" + pad(off % 60);
  }

  function label(form, data) {
    if (form.getAttribute("data-offline") === "night") {
      return "Check-in for " + (data.get("date") || "tonight");
    }
    var checked = form.querySelector("input[name=muscle]:checked");
    var where = checked && checked.labels && checked.labels[0] ? checked.labels[0].textContent.trim() : "Cramp";
    var at = String(data.get("started_at") || "").slice(11, 16);
    return where + " cramp at " + at;
  }

  function queue(form) {
    var data = new FormData(form);
    var token = data.get("csrfmiddlewaretoken") || "";
    data.delete("csrfmiddlewaretoken");
    var keyInput = form.querySelector("input[name=form_key]");
    var key = (keyInput && keyInput.value) || outbox.newKey();
    if (keyInput) { data.set("form_key", key); }
    if (form.getAttribute("data-offline") === "episode" && !data.get("started_at")) {
      data.set("started_at", localNow());
    }
    var entry = {
      key: key, url: new URL(form.action, location.href).pathname, token: token,
      body: new URLSearchParams(data).toString(), label: label(form, data)
    };
    return outbox.add(entry).then(function () {
      // The next cramp starts from nothing chosen (leg and pain "Not sure"), with a new key.
      if (form.hasAttribute("data-quick-log")) { form.reset(); }
      if (keyInput) { keyInput.value = outbox.newKey(); }
      if (navigator.serviceWorker && navigator.serviceWorker.ready) {
        navigator.serviceWorker.ready.then(function (reg) {
          return reg.sync && reg.sync.register("nightcramp-outbox");
        }).catch(function () { return null; });
      }
      return render();
    }).then(function () {
      if (box) { box.scrollIntoView({ block: "center" }); box.querySelector(".sync-text").focus(); }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-offline") || navigator.onLine !== false) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (form.dataset.queuing === "1") { return; }
    form.dataset.queuing = "1";
    queue(form).catch(function () {
      say("on-this-phone", "This phone could not keep the entry. Try again when the network is back.");
    }).then(function () { delete form.dataset.queuing; });
  }, true);

  /* A page from the offline copy: a fresh key per form, the time now, the asked-for muscle. */
  document.querySelectorAll("form[data-offline] input[name=form_key]").forEach(function (input) {
    input.value = outbox.newKey();
  });
  var params = new URLSearchParams(location.search);
  var started = document.querySelector("form[data-offline=episode][data-new] input[name=started_at]");
  if (started && started.value && Math.abs(new Date(started.value) - new Date()) > 600000) {
    started.value = localNow().slice(0, 16);
  }
  /* The check-in kept from another evening: save it for the evening asked for. */
  var night = document.querySelector("form[data-offline=night] input[name=date]");
  var asked = params.get("date");
  if (night && asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) && night.value !== asked) {
    night.value = asked;
    var title = document.querySelector(".checkin-title");
    if (title) { title.textContent = "Check-in: " + asked; }
  }
  var muscle = params.get("muscle");
  var pick = muscle && document.querySelector("form[data-offline=episode][data-new] input[name=muscle][value='" +
    muscle.replace(/[^a-z_]/g, "") + "']");
  if (pick) { pick.checked = true; }

  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { flush(); }
  });
  render().then(flush);

  /* ---- The offline copy, and updates that switch cleanly: all files of one version. ---- */
  var sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) { return; }
  var busy = function () {
    return !!document.querySelector("[data-now] .now-running, form[data-dirty]");
  };
  function offer(worker) {
    if (!worker) { return; }
    var go = function () { if (!busy()) { worker.postMessage("skip-waiting"); } else { setTimeout(go, 5000); } };
    go();
  }
  var reloading = false;
  sw.addEventListener("controllerchange", function () {
    if (reloading || !root.hasAttribute("data-sw-controlled")) { return; }
    reloading = true;
    location.reload();
  });
  if (sw.controller) { root.setAttribute("data-sw-controlled", ""); }
  var register = function () { return sw.register("/sw.js"); };
  var ready = document.readyState === "complete" ? Promise.resolve() : new Promise(function (done) {
    window.addEventListener("load", done);
  });
  /* After the page has loaded: the worker's first download never slows the first screen. */
  ready.then(register).then(function (reg) {
    if (reg.waiting && sw.controller) { offer(reg.waiting); }
    var watch = function (next) {
      if (!next) { return; }
      next.addEventListener("statechange", function () {
        if (next.state === "installed" && sw.controller) { offer(next); }
      });
    };
    watch(reg.installing);
    reg.addEventListener("updatefound", function () { watch(reg.installing); });
  }).catch(function () { return null; });
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && !form.hasAttribute("data-quick-log")) { form.setAttribute("data-dirty", ""); }
  });
}());

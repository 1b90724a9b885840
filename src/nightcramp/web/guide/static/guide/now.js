/* "Cramp now": hold timers, a buzz or soft tone when a hold ends, optional reading aloud,
   and the service worker that keeps the page working offline. No third-party code. */
(() => {
  "use strict";
  const root = document.querySelector("[data-now]");
  if (!root) return;
  if ("serviceWorker" in navigator) navigator.serviceWorker.register(root.dataset.sw).catch(() => {});

  const REST = 5;
  const prefs = { speak: false, signal: true };
  let current = null;
  let audio = null;
  let wake = null;

  const say = (text) => {
    if (!prefs.speak || !("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  };
  const stepText = (li) => li.querySelector(".now-title").textContent.replace(/^\s*\d+\s*/, "") +
    ". " + li.querySelector(".now-text").textContent;

  function tone() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = 528;
      gain.gain.setValueAtTime(0.08, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.6);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.6);
    } catch (e) { /* no audio: the buzz and the text still tell */ }
  }
  function signal() {
    if (!prefs.signal) return;
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    tone();
  }

  function show(li, seconds) { li.querySelector(".now-clock").textContent = seconds + " s"; }
  function status(li, text) { li.querySelector(".now-status").textContent = text; }
  function label(li) {
    const repeat = Number(li.dataset.repeat), round = Number(li.dataset.round || 0);
    const button = li.querySelector(".now-go");
    if (round >= repeat) button.textContent = "Again";
    else button.textContent = "Start" + (repeat > 1 ? " hold " + (round + 1) + " of " + repeat : "");
  }

  function stop(message) {
    if (!current) return;
    const li = current.li;
    clearInterval(current.timer);
    current = null;
    li.classList.remove("now-running");
    if (wake) { wake.release().catch(() => {}); wake = null; }
    show(li, Number(li.dataset.hold));
    label(li);
    if (message) status(li, message);
  }

  function run(li, seconds, onDone) {
    const end = Date.now() + seconds * 1000;
    show(li, seconds);
    current.timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      show(li, left);
      if (left <= 0) { clearInterval(current.timer); onDone(); }
    }, 250);
  }

  function start(li) {
    if (current) stop("Stopped.");
    const hold = Number(li.dataset.hold), repeat = Number(li.dataset.repeat);
    let round = Number(li.dataset.round || 0);
    if (round >= repeat) round = 0;
    current = { li: li, timer: 0 };
    li.classList.add("now-running");
    li.querySelector(".now-go").textContent = "Stop";
    if (navigator.wakeLock) navigator.wakeLock.request("screen").then((w) => { wake = w; }).catch(() => {});
    status(li, repeat > 1 ? "Hold " + (round + 1) + " of " + repeat + "." : "Hold.");
    run(li, hold, () => {
      round += 1;
      li.dataset.round = String(round);
      signal();
      if (round < repeat) {
        status(li, "Done. Let go slowly. Rest, then hold again.");
        say("Let go slowly. Rest.");
        run(li, REST, () => { stop(); start(li); });
        return;
      }
      stop("Done. Let go slowly.");
      const next = li.nextElementSibling;
      say("Done. Let go slowly." + (next ? " Next: " + stepText(next) : ""));
      if (next) next.scrollIntoView({ block: "start" });
    });
  }

  // The timer buttons work only with this script: they are shown by it (hidden in the page).
  root.querySelectorAll(".now-go").forEach((button) => { button.hidden = false; });
  root.addEventListener("click", (event) => {
    const go = event.target.closest(".now-go");
    if (!go) return;
    const li = go.closest("[data-step]");
    if (current && current.li === li) stop("Stopped.");
    else start(li);
  });

  // A tool button's words (shown, or kept for screen readers beside its icon when zoomed).
  const words = (button, text) => { button.querySelector(".now-tool-text").textContent = text; };
  const speakButton = document.querySelector(".now-speak");
  if ("speechSynthesis" in window) {
    speakButton.hidden = false;
    speakButton.addEventListener("click", () => {
      prefs.speak = !prefs.speak;
      speakButton.setAttribute("aria-pressed", String(prefs.speak));
      words(speakButton, prefs.speak ? "Reading aloud" : "Read aloud");
      if (prefs.speak) say(root.querySelector(".now-safety-text").textContent + " " + stepText(root.querySelector("[data-step]")));
      else window.speechSynthesis.cancel();
    });
  }
  const signalButton = document.querySelector(".now-signal");
  signalButton.hidden = false;
  signalButton.addEventListener("click", () => {
    prefs.signal = !prefs.signal;
    signalButton.setAttribute("aria-pressed", String(prefs.signal));
    words(signalButton, "Buzz: " + (prefs.signal ? "on" : "off"));
  });
  // Once the safety box has scrolled away (a finished hold moves on to the next step), the
  // same call button stays at the top of the screen; it goes again when the box is back.
  const bar = root.querySelector("[data-emergency-bar]");
  if (bar && "IntersectionObserver" in window) {
    new IntersectionObserver((seen) => {
      bar.hidden = seen[seen.length - 1].isIntersecting;
    }).observe(root.querySelector("[data-safety]"));
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && current && navigator.wakeLock && !wake) {
      navigator.wakeLock.request("screen").then((w) => { wake = w; }).catch(() => {});
    }
  });
})();

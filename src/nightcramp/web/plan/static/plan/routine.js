// Bedtime coach: runs each step's holds and rests with a countdown, then offers the tick.
// Progressive enhancement: without this script the page lists the steps and the tick button.
(function () {
  "use strict";
  var start = document.getElementById("coach-start");
  var coach = document.getElementById("coach");
  if (!start || !coach) { return; }
  var title = document.getElementById("coach-title");
  var count = document.getElementById("coach-count");
  var phase = document.getElementById("coach-phase");
  var pause = document.getElementById("coach-stop");
  var steps = Array.prototype.slice.call(document.querySelectorAll(".routine-step"));
  var queue = [];
  var timer = null;
  var remaining = 0;
  var paused = false;
  steps.forEach(function (el, i) {
    var hold = parseInt(el.dataset.hold, 10);
    var repeats = parseInt(el.dataset.repeats, 10);
    var rest = parseInt(el.dataset.rest, 10);
    for (var r = 1; r <= repeats; r++) {
      var label = repeats > 1 ? "Hold " + r + " of " + repeats : "Go gently";
      queue.push({ step: i, label: label, seconds: hold });
      if (r < repeats && rest > 0) { queue.push({ step: i, label: "Relax", seconds: rest }); }
    }
  });
  function show(entry) {
    steps.forEach(function (el, i) { el.classList.toggle("is-current", i === entry.step); });
    title.textContent = (entry.step + 1) + ". " + steps[entry.step].dataset.title;
    phase.textContent = entry.label;
    count.textContent = String(remaining);
  }
  function next() {
    var entry = queue.shift();
    if (!entry) {
      clearInterval(timer);
      title.textContent = "All done.";
      phase.textContent = "Tick it below so your diary knows.";
      count.textContent = "";
      document.getElementById("routine-done").scrollIntoView({ behavior: "smooth" });
      coach.dataset.finished = "1";
      return;
    }
    remaining = entry.seconds;
    show(entry);
    if (navigator.vibrate) { navigator.vibrate(80); }
  }
  function tick() {
    if (paused) { return; }
    remaining -= 1;
    if (remaining <= 0) { next(); } else { count.textContent = String(remaining); }
  }
  start.hidden = false;
  start.addEventListener("click", function () {
    start.hidden = true;
    coach.hidden = false;
    next();
    timer = setInterval(tick, 1000);
    // The count and Pause in view, even below tonight's experiment card on a phone.
    coach.scrollIntoView({ block: "start" });
  });
  pause.addEventListener("click", function () {
    paused = !paused;
    pause.textContent = paused ? "Carry on" : "Pause";
  });
}());

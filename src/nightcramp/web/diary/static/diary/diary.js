// Diary screens: +/- steppers and one-tap-only saving. No inline script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function decimals(text) {
    var dot = String(text).indexOf(".");
    return dot < 0 ? 0 : String(text).length - dot - 1;
  }

  function step(button) {
    var input = document.getElementById(button.dataset.stepFor);
    if (!input) { return; }
    var size = parseFloat(input.dataset.step || "1");
    var dir = parseInt(button.dataset.dir, 10);
    var min = input.min === "" ? -Infinity : parseFloat(input.min);
    var max = input.max === "" ? Infinity : parseFloat(input.max);
    var current = parseFloat(input.value);
    if (isNaN(current)) {
      // From "not recorded": minus records 0, plus records one step.
      current = 0;
      if (dir < 0) { dir = 0; }
    }
    var next = Math.min(max, Math.max(min, current + dir * size));
    input.value = next.toFixed(Math.max(decimals(input.dataset.step || "1"), decimals(input.value)));
    if (decimals(input.value) > 0 && parseFloat(input.value) === Math.round(parseFloat(input.value))) {
      input.value = String(Math.round(parseFloat(input.value)));
    }
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-step-for]");
    if (button) { event.preventDefault(); step(button); }
  });

  // A second tap on Save while the first is on its way does nothing.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-once")) { return; }
    if (form.dataset.sending === "1") { event.preventDefault(); return; }
    form.dataset.sending = "1";
    form.setAttribute("aria-busy", "true");
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.removeAttribute("aria-busy");
    });
  });
}());

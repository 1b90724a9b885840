// The site menu on a phone: "Cramp now" stays in sight, the other links fold behind "Menu".
// Without scripts every link simply shows. No inline script (the CSP allows none).
(function () {
  "use strict";
  var top = document.querySelector(".top");
  var button = top && top.querySelector(".menu-btn");
  if (!button || !window.matchMedia) { return; }
  var narrow = window.matchMedia("(max-width: 47.99em)");
  function fold(closed) {
    top.classList.toggle("menu-closed", closed);
    button.setAttribute("aria-expanded", closed ? "false" : "true");
  }
  function apply() {
    button.hidden = !narrow.matches;
    fold(narrow.matches);
  }
  button.addEventListener("click", function () {
    fold(!top.classList.contains("menu-closed"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && !top.classList.contains("menu-closed")) {
      fold(true);
      button.focus();
    }
  });
  if (narrow.addEventListener) { narrow.addEventListener("change", apply); }
  apply();
}());

// A link shown once (a share link, a calendar link): "Copy link" (the clipboard, or else the
// link selected for the person to copy) and, where the page offers it, "Share…" where the
// phone can share. Without this script the link is still shown in full, and the buttons stay
// hidden.
(function () {
  "use strict";
  var link = document.querySelector("[data-share-url]");
  var copy = document.querySelector("[data-copy-link]");
  var share = document.querySelector("[data-share-link]");
  var status = document.querySelector("[data-copy-status]");
  if (!link || !copy || !status) { return; }
  var url = link.textContent.trim();

  function say(words) {
    // Empty first, so saying the same words twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = words; }, 50);
  }
  function select() {
    var range = document.createRange();
    range.selectNodeContents(link);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function copyBySelecting() {
    select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    if (done) {
      say("Copied");
    } else {
      say("The link is selected. Use Copy on your phone or computer to copy it.");
    }
  }

  copy.hidden = false;
  copy.addEventListener("click", function () {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { say("Copied"); }, copyBySelecting);
    } else {
      copyBySelecting();
    }
  });

  if (share && typeof navigator.share === "function") {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: "My leg cramp diary", url: url }).catch(function () {
        // Closed without sharing, or the phone refused: the link is still on the page.
      });
    });
  }
}());

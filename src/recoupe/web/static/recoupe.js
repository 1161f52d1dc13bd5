// recoupe: the only script (CSP allows 'self' only). Marks the text range named by
// a #span-START-END fragment, for links that carry no ?hl= (the page works without it).
(function () {
  "use strict";
  function markTarget() {
    var match = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
    var text = document.getElementById("text");
    if (!match || !text) { return; }
    var start = Number(match[1]), end = Number(match[2]);
    var pieces = text.querySelectorAll(".hl");
    for (var i = 0; i < pieces.length; i++) {
      var s = Number(pieces[i].dataset.s), e = Number(pieces[i].dataset.e);
      pieces[i].classList.toggle("target", s < end && e > start);
    }
  }
  window.addEventListener("hashchange", markTarget);
  document.addEventListener("DOMContentLoaded", markTarget);
})();

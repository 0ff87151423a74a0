// Asks before a form with data-confirm="…" is sent, instead of an inline onsubmit handler,
// which the Content-Security-Policy (script-src without 'unsafe-inline') would block.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);

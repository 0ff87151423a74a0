// What viewflow's templates did in inline onclick attributes, which the Content-Security-Policy
// (script-src without 'unsafe-inline') blocks: the "Back" buttons of the delete, assign and
// unassign pages (templates/viewflow/…). One listener on the document survives Turbo's page swaps.
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("[data-history-back]") : null;
  if (!link) {
    return;
  }
  event.preventDefault();
  window.history.back();
  if (link.getAttribute("data-history-back") === "reload" && window.Turbo) {
    // As viewflow did: after going back, reload the list so it shows the new assignment.
    setTimeout(function () { window.Turbo.visit("."); }, 100);
  }
});

// Poll the status of reports being generated, move their progress bars and, when one is done,
// put its download links in its row: no reload.
//
// Started on turbo:load as well as DOMContentLoaded: viewflow's frontend submits forms with
// Hotwire Turbo, which renders the page it is redirected to without a DOMContentLoaded.
// A full load fires both, and Turbo may evaluate this file again, so the start is guarded
// (once per script, once per row).
(function () {
  "use strict";
  if (window.reportProgressStarted) { return; }
  window.reportProgressStarted = true;
  var polled = new WeakSet();

  function showFiles(row, files) {
    var cell = row.querySelector(".sv-files");
    cell.textContent = "";
    (files || []).forEach(function (file, i) {
      if (i) { cell.appendChild(document.createTextNode(" · ")); }
      if (file.url) {
        var link = document.createElement("a");
        link.href = file.url;
        link.textContent = file.label;
        cell.appendChild(link);
      } else {
        cell.appendChild(document.createTextNode(file.label));
      }
    });
  }

  function poll(row) {
    if (!row.isConnected) { return; }  // Turbo replaced the page: its own rows are polled
    var url = row.getAttribute("data-status-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        row.querySelector("progress").value = data.progress;
        row.querySelector(".sv-status").textContent = data.status_label;
        row.querySelector(".sv-message").textContent = data.message || "";
        if (data.status === "done" || data.status === "failed") {
          showFiles(row, data.files);
          var typesetting = (data.files || []).some(function (file) { return !file.url; });
          if (typesetting) { window.setTimeout(function () { poll(row); }, 3000); }  // the PDF comes later
          else { row.removeAttribute("data-status-url"); }
        } else {
          window.setTimeout(function () { poll(row); }, 1500);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, 5000); });
  }

  function start() {
    document.querySelectorAll("tr[data-status-url]").forEach(function (row) {
      if (!polled.has(row)) { polled.add(row); poll(row); }
    });
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("turbo:load", start);
  if (document.readyState !== "loading") { start(); }  // added by Turbo after its load event
})();

// Poll the status of reports being generated and move their progress bars; reload when one finishes.
(function () {
  "use strict";
  function poll(row) {
    var url = row.getAttribute("data-status-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        row.querySelector("progress").value = data.progress;
        row.querySelector(".sv-status").textContent = data.status_label;
        row.querySelector(".sv-message").textContent = data.message || "";
        if (data.status === "done" || data.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(function () { poll(row); }, 1500);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, 5000); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("tr[data-status-url]").forEach(poll);
  });
})();

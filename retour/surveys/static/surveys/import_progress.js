// Polls an import job's progress and updates the bar; reloads when finished.
// Without JavaScript a <noscript> meta refresh reloads the page instead.
(function () {
  "use strict";
  var bar = document.getElementById("import-progress");
  if (!bar || !bar.dataset.url) {
    return;
  }
  var status = document.getElementById("import-status");
  var count = document.getElementById("import-count");
  function poll() {
    fetch(bar.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        bar.max = Math.max(state.total || 1, 1);
        bar.value = state.done || 0;
        status.textContent = state.status_label + (state.phase ? " (" + state.phase + ")" : "");
        count.textContent = (state.done || 0) + " / " + (state.total || 0);
        if (state.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }
  poll();
})();

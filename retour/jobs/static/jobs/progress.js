// The shared job progress bar (jobs/includes/progress.html): polls the job's
// JSON endpoint, updates the bar and reloads the page once the job has finished.
// Without JavaScript a <noscript> meta refresh and a Refresh link do the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-progress]");
  if (!box || !box.dataset.url) {
    return;
  }
  var bar = box.querySelector("[data-progress-bar]");
  var status = box.querySelector("[data-progress-status]");
  var count = box.querySelector("[data-progress-count]");
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
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

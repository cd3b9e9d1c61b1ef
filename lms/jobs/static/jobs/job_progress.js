// Job progress page: polls the job's JSON status and updates the <progress> bar until the
// job is finished, then shows the link to its result.
(function () {
  "use strict";
  const root = document.querySelector("[data-job-progress]");
  if (!root) {
    return;
  }
  const url = root.dataset.statusUrl;
  const bar = root.querySelector("[data-job-bar]");
  const set = (selector, text) => {
    const node = root.querySelector(selector);
    if (node) {
      node.textContent = text;
    }
  };
  let delay = 1000;

  function render(status) {
    bar.max = Math.max(status.total, 1);
    bar.value = status.processed;
    bar.textContent = status.percent + " %";
    set("[data-job-percent]", status.percent);
    set("[data-job-status]", status.status_label);
    set("[data-job-processed]", status.processed);
    set("[data-job-total]", status.total);
    set("[data-job-failed]", status.failed);
    const error = root.querySelector("[data-job-error]");
    error.textContent = status.error;
    error.hidden = !status.error;
    if (status.result_url) {
      root.querySelector("[data-job-result-link]").href = status.result_url;
      root.querySelector("[data-job-result]").hidden = false;
    }
  }

  function poll() {
    fetch(url, {
      headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
      credentials: "same-origin",
      cache: "no-store",
    })
      .then((response) => {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then((status) => {
        render(status);
        delay = 1000;
        if (!status.finished) {
          window.setTimeout(poll, delay);
        }
      })
      .catch(() => {
        // Network hiccup or server restart: try again, less often.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }

  if (root.dataset.finished !== "true") {
    window.setTimeout(poll, delay);
  }
})();

// Sends the time spent on a content lesson while its tab is visible, every N seconds.
(function () {
  "use strict";
  var panel = document.getElementById("lesson-progress");
  if (!panel) { return; }
  var url = panel.dataset.heartbeatUrl;
  var period = parseInt(panel.dataset.heartbeatSeconds, 10) || 30;
  var csrf = panel.dataset.csrf;
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var accumulated = 0;

  function collect() {
    if (visibleSince !== null) {
      accumulated += (Date.now() - visibleSince) / 1000;
      visibleSince = document.visibilityState === "visible" ? Date.now() : null;
    }
  }

  function send() {
    collect();
    var seconds = Math.floor(accumulated);
    if (seconds < 1 || !csrf) { return; }
    accumulated -= seconds;
    var body = new URLSearchParams({ seconds: String(seconds) });
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf },
    }).catch(function () { /* offline: the next beat carries on */ });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      visibleSince = Date.now();
    } else {
      send();
      visibleSince = null;
    }
  });
  window.setInterval(send, period * 1000);
})();

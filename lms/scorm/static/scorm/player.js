/*
 * SCORM lesson page (site origin): listens to the runtime wrapper in the content frame.
 *
 * - "scorm:terminated" with a navigation request (continue, previous, choice, jump) posts
 *   the navigation form (CSRF) and the server opens the next SCO; without one, the table of
 *   contents and the attempt summary are refreshed in place.
 * - "scorm:committed" (after each commit of the SCO) refreshes them too, so an activity that
 *   the commit made available can be chosen at once.
 * - Before leaving through the player's own forms (table of contents, previous/next), the
 *   wrapper is asked to commit ("scorm:flush"), so availability is computed on fresh data.
 * Messages are accepted only from the content origin and from the frame itself.
 * - While the focus is inside the activity, the frame shows a focus ring.
 */
(function () {
  "use strict";

  var configNode = document.getElementById("scorm-player-config");
  if (!configNode) {
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var frame = document.getElementById("scorm-frame");
  var navForm = document.getElementById("scorm-nav-form");
  var messageNode = document.getElementById("scorm-message");
  var flushWaiters = {};
  var NAVIGATING = /^(continue|previous|start|resumeAll|choice\.\{target=.+\}|\{target=.+\}choice|jump\.\{target=.+\}|\{target=.+\}jump)$/;

  function say(text) {
    if (messageNode) {
      messageNode.textContent = text;
    }
  }

  var refreshTimer = null;

  function refreshStatus() {
    if (!config.tocUrl) {
      return;
    }
    fetch(config.tocUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (fragments) {
        if (!fragments) {
          return;
        }
        [["scorm-status", fragments.status], ["scorm-nav", fragments.nav]].forEach(function (pair) {
          var target = document.getElementById(pair[0]);
          if (target && typeof pair[1] === "string") {
            target.innerHTML = pair[1];
            bindFlushForms(target);
          }
        });
      })
      .catch(function () {
        /* keep the page as it is */
      });
  }

  function refreshSoon(delay) {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(refreshStatus, delay);
  }

  function navigate(request) {
    if (!navForm) {
      return;
    }
    navForm.elements.request.value = request;
    navForm.submit();
  }

  function flushThen(callback) {
    if (!frame || !frame.contentWindow || !config.tracked) {
      callback();
      return;
    }
    var nonce = String(Date.now()) + Math.random().toString(16).slice(2);
    var done = false;
    function finish() {
      if (!done) {
        done = true;
        delete flushWaiters[nonce];
        callback();
      }
    }
    flushWaiters[nonce] = finish;
    window.setTimeout(finish, 1500);
    try {
      frame.contentWindow.postMessage({ type: "scorm:flush", nonce: nonce }, config.contentOrigin);
    } catch (error) {
      finish();
    }
  }

  function bindFlushForms(root) {
    var forms = root.querySelectorAll("form[data-scorm-flush]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.flushed === "1") {
          return;
        }
        event.preventDefault();
        var submitter = event.submitter;
        flushThen(function () {
          form.dataset.flushed = "1";
          if (submitter && submitter.name) {
            var hidden = document.createElement("input");
            hidden.type = "hidden";
            hidden.name = submitter.name;
            hidden.value = submitter.value;
            form.appendChild(hidden);
          }
          form.submit();
        });
      });
    });
  }

  window.addEventListener("message", function (event) {
    if (!frame || event.origin !== config.contentOrigin || event.source !== frame.contentWindow) {
      return;
    }
    var message = event.data || {};
    if (typeof message !== "object" || message.identifier !== config.current) {
      return;
    }
    if (message.type === "scorm:flushed") {
      var waiter = flushWaiters[message.nonce];
      if (waiter) {
        waiter();
      }
    } else if (message.type === "scorm:terminated") {
      var request = String(message.request || "");
      if (config.tracked && NAVIGATING.test(request)) {
        navigate(request);
      } else {
        say(config.terminatedText || "");
        // The final commit travels by beacon, without an answer: refresh a few times.
        [400, 1500, 4000].forEach(function (delay) {
          window.setTimeout(refreshStatus, delay);
        });
      }
    } else if (message.type === "scorm:committed") {
      if (config.tracked) {
        refreshSoon(300);
      }
    }
  });

  bindFlushForms(document);

  // Focus inside the activity: a package's own focus styles are its author's, and the
  // frame matches no :focus in this document while the focus is in its (cross-origin)
  // content; the frame itself shows the DSFR focus ring then. The window loses the focus
  // when it goes into the frame, and gets it back when it leaves.
  if (frame) {
    window.addEventListener("blur", function () {
      window.setTimeout(function () {
        frame.classList.toggle("scorm-player__frame--focused", document.activeElement === frame);
      }, 0);
    });
    window.addEventListener("focus", function () {
      frame.classList.remove("scorm-player__frame--focused");
    });
  }
})();

/*
 * SCORM runtime wrapper, served on the content origin around the SCO's frame.
 *
 * 1. Creates scorm-again's API (window.API for SCORM 1.2, window.API_1484_11 for 2004) and
 *    loads the learner's state (loadFromJSON) BEFORE the SCO's frame exists, so the SCO
 *    reads resumed values right after Initialize.
 * 2. Commits go straight to the site's commit endpoint of this attempt (the attempt token
 *    is in the URL; no cookie is sent): one POST per commit, text/plain JSON (a CORS
 *    "simple" request, so no preflight), the final one on Terminate by sendBeacon.
 * 3. On pagehide, if the SCO has not terminated yet, the latest state goes by sendBeacon
 *    (a SCO that only terminates in its unload handler loses nothing).
 * 4. Tells the lesson page (the parent, on the site's origin, exact targetOrigin) after each
 *    commit ("scorm:committed": an activity may have become available) and after
 *    Terminate/LMSFinish ("scorm:terminated", with the navigation request), so it refreshes
 *    its table of contents or moves to another SCO. The page may ask for an immediate
 *    commit ("scorm:flush").
 */
(function () {
  "use strict";

  var node = document.getElementById("scorm-runtime");
  if (!node) {
    return;
  }
  var data = JSON.parse(node.textContent);
  var is2004 = data.version !== "1.2";
  var Api = is2004 ? window.Scorm2004API : window.Scorm12API;
  var textJson = "text/plain;charset=UTF-8";
  var tracked = typeof data.commitUrl === "string" && data.commitUrl !== "";

  var settings = {
    logLevel: 4,
    autocommit: tracked && data.autocommitSeconds > 0,
    autocommitSeconds: data.autocommitSeconds || 30,
    dataCommitFormat: "json",
    sendFullCommit: true,
    commitRequestDataType: textJson,
    terminationCommitContentType: textJson,
    useAsynchronousCommits: false,
    asyncModeBeaconBehavior: "never",
    xhrWithCredentials: false,
    fetchMode: "cors",
    xhrHeaders: {}
  };
  var serverSettings = data.settings || {};
  Object.keys(serverSettings).forEach(function (key) {
    settings[key] = serverSettings[key];
  });
  // What isolation and tracking rely on is not negotiable.
  settings.lmsCommitUrl = tracked ? data.commitUrl : false;
  settings.includeCommitSequence = true;
  settings.xhrWithCredentials = false;
  settings.terminationCommitContentType = textJson;
  settings.commitRequestDataType = textJson;
  settings.dataCommitFormat = "json";

  var api = new Api(settings);
  if (data.cmi && Object.keys(data.cmi).length) {
    api.loadFromJSON(data.cmi);
  }

  var terminated = false;
  var flushing = false;

  function notify(message) {
    if (!data.parentOrigin || window.parent === window) {
      return;
    }
    message.identifier = data.identifier;
    try {
      window.parent.postMessage(message, data.parentOrigin);
    } catch (error) {
      /* the parent is not the lesson page: nothing to tell */
    }
  }

  function navigationRequest() {
    var request = "";
    try {
      request = is2004 ? api.adl.nav.request : (api.nav && api.nav.event) || "";
    } catch (error) {
      request = "";
    }
    return !request || request === "_none_" ? "" : String(request);
  }

  api.on(is2004 ? "Terminate" : "LMSFinish", function () {
    if (terminated) {
      return;
    }
    terminated = true;
    notify({ type: "scorm:terminated", request: navigationRequest() });
  });
  api.on(is2004 ? "Commit" : "LMSCommit", function () {
    if (!flushing) {
      notify({ type: "scorm:committed" });
    }
  });
  api.on(is2004 ? "Initialize" : "LMSInitialize", function () {
    notify({ type: "scorm:initialized" });
  });

  function sendLatestState() {
    if (!tracked || terminated || !api.isInitialized() || api.isTerminated()) {
      return false;
    }
    var body = api.getCommitObject(false);
    if (!body || typeof body !== "object") {
      return false;
    }
    // Same sequence as scorm-again's own commits: the server keeps the highest.
    api._commitSequence = (api._commitSequence || 0) + 1;
    body.commitSequence = api._commitSequence;
    try {
      return navigator.sendBeacon(
        data.commitUrl,
        new Blob([JSON.stringify(body)], { type: textJson })
      );
    } catch (error) {
      return false;
    }
  }

  window.addEventListener("pagehide", sendLatestState);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      sendLatestState();
    }
  });

  window.addEventListener("message", function (event) {
    if (event.origin !== data.parentOrigin || event.source !== window.parent) {
      return;
    }
    var message = event.data || {};
    if (message.type === "scorm:flush") {
      var ok = false;
      if (tracked && !terminated && api.isInitialized() && !api.isTerminated()) {
        flushing = true;
        try {
          ok = String(api.commit(is2004 ? "Commit" : "LMSCommit", false, "manual")) === "true";
        } finally {
          flushing = false;
        }
      }
      notify({ type: "scorm:flushed", ok: ok, nonce: message.nonce || "" });
    }
  });

  if (is2004) {
    window.API_1484_11 = api;
  } else {
    window.API = api;
  }

  function start() {
    if (data.preview && data.previewNotice) {
      var notice = document.createElement("p");
      notice.id = "scorm-notice";
      notice.textContent = data.previewNotice;
      document.body.appendChild(notice);
      document.body.className += " has-notice";
    }
    var frame = document.createElement("iframe");
    frame.id = "scorm-sco";
    frame.name = "scorm-sco";
    frame.title = data.scoTitle || document.title;
    frame.setAttribute("allow", "fullscreen; autoplay");
    frame.setAttribute("allowfullscreen", "");
    frame.src = data.scoUrl;
    document.body.appendChild(frame);
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();

/* kbgen split search index, the search page's side (kbgen/search/shards.py: page_script). A site
   with a split index ships search.js as this, then the theme's search.js unchanged.

   The worker answers a query that waits for one more letter with {seq, q, wait, text}, and one
   whose files could not be loaded (or belong to an older deploy) with {seq, q, error, retry,
   text, retryLabel}. search.js is given them as an empty answer and as a failed query (so its
   state and its timers stay right); at once, in the same task, this says what really happened
   in the status line and, for a failed load, shows the "Try again" button (the page's
   #kb-search-retry, which search.js runs; added here if a theme's page has none): it sends the
   query again, which fetches the files again (or searches the new deploy's index). */
(function () {
  "use strict";
  var Native = typeof self !== "undefined" ? self.Worker : undefined;
  if (typeof Native !== "function" || typeof document === "undefined") return;
  var retrying = false;

  function byId(id) { return document.getElementById(id); }

  function shownFor(msg, state) {
    var root = byId("kb-search");
    return root && root.dataset.query === msg.q && root.dataset.state === state ? root : null;
  }

  function showWait(msg) {
    var root = shownFor(msg, "none");
    if (!root) return;
    root.dataset.state = "wait";
    byId("kb-search-none").hidden = true;
    byId("kb-search-status").textContent = msg.text;
  }

  function showRetry(msg) {
    var root = shownFor(msg, "error");
    if (!root) return;
    root.dataset.state = msg.retry === "stale" ? "stale" : "unloaded";
    byId("kb-search-status").textContent = msg.text;
    var box = byId("kb-search-error"), button = byId("kb-search-retry");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.id = "kb-search-retry";
      button.className = "md-button md-button--primary kb-search__retry";
      button.addEventListener("click", function () {
        var input = byId("kb-search-q");
        retrying = true;
        button.hidden = true;
        input.dispatchEvent(new Event("input"));
        input.focus();
      });
      box.insertBefore(button, box.firstChild);
    }
    button.textContent = msg.retryLabel;
    button.hidden = false;
  }

  function SplitWorker(url, options) {
    var worker = new Native(url, options), handler = null, post = worker.postMessage.bind(worker);
    Object.defineProperty(worker, "onmessage", {
      configurable: true,
      get: function () { return handler; },
      set: function (fn) { handler = fn; }
    });
    worker.postMessage = function (m) {
      if (retrying && m && typeof m === "object") m = Object.assign({}, m, { retry: true });
      retrying = false;
      post(m);
    };
    worker.addEventListener("message", function (event) {
      var msg = event.data || {}, forward = event;
      if (msg.wait) {
        forward = new MessageEvent("message", { data: { seq: msg.seq, q: msg.q, total: 0, hits: [], compat: [],
                                                        which: [], lead: 0, channels: [] } });
      } else if (msg.retry) {
        forward = new MessageEvent("message", { data: { seq: msg.seq, q: msg.q, error: msg.error } });
      }
      if (handler) handler.call(worker, forward);
      if (msg.wait) showWait(msg);
      else if (msg.retry) showRetry(msg);
    });
    return worker;
  }
  SplitWorker.prototype = Native.prototype;
  self.Worker = SplitWorker;
})();

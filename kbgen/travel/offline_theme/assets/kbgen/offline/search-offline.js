/* kbgen offline (the help center opened from disk, file://): the search engine runs in the page.
   Chrome refuses workers and fetch() on file:// pages. So the offline copy loads, with plain
   script tags before search.js: the search data (search/offline-data.js, which defines it as a
   value), lunr.js, search-tokenize.js, compat.js, and the engine (search-engine.js: the site's
   search-worker.js, unchanged, wrapped in a function). Then this file gives search.js, the same
   file the online site runs, what it asks for: its `new Worker(url)` starts the engine in this
   page, and the engine's fetch() of the index reads the inline data. Nothing reaches a network:
   an address that is not in the data is answered 404, so the page says search failed. */
(function () {
  "use strict";
  var start = window.kbgenOfflineEngine;
  if (typeof start !== "function") return;  // the engine did not load: search.js says it failed
  var data = window.kbgenOfflineData || {};

  function body(value, ok) {
    return {
      ok: ok, status: ok ? 200 : 404,
      json: function () { return ok ? Promise.resolve(value) : Promise.reject(new Error("not found")); },
      text: function () { return Promise.resolve(ok ? JSON.stringify(value) : ""); }
    };
  }

  /* The engine's fetch(): the inline data at that address, or a 404. */
  function fetchInline(url) {
    var key = new URL(String(url), location.href);
    key.search = "";
    key.hash = "";
    var found = Object.prototype.hasOwnProperty.call(data, key.href);
    return Promise.resolve(body(found ? data[key.href] : null, found));
  }

  function later(fn) { setTimeout(fn, 0); }

  /* A worker's messages are copies, delivered later: the same here. */
  function copy(msg) { return msg === undefined ? msg : JSON.parse(JSON.stringify(msg)); }

  function PageWorker(url) {
    var worker = this;
    var address = new URL(String(url), location.href);
    this.onmessage = null;
    this.onerror = null;
    this.handle = null;
    this.queue = [];
    var scope = {
      kbgenWorker: { index: address.searchParams.get("index"), base: address.href },
      kbgenTokenize: window.kbgenTokenize,
      kbgenCompat: window.kbgenCompat,
      listeners: [],
      addEventListener: function (type, fn) { if (type === "message") scope.listeners.push(fn); }
    };
    function post(msg) {
      var sent = copy(msg);
      later(function () { if (worker.onmessage) worker.onmessage({ data: sent }); });
    }
    this.fail = function (err) {
      later(function () {
        if (worker.onerror) worker.onerror({ message: String(err), preventDefault: function () {} });
      });
    };
    later(function () {  // after the page is parsed, as a worker starts
      try {
        worker.handle = start(scope, fetchInline, post, { href: address.href }, function () {});
      } catch (err) {
        worker.fail(err);
        return;
      }
      worker.queue.splice(0).forEach(function (msg) { worker.deliver(msg); });
    });
  }

  PageWorker.prototype.deliver = function (msg) {
    try { this.handle({ data: msg }); } catch (err) { this.fail(err); }
  };

  PageWorker.prototype.postMessage = function (msg) {
    var worker = this, sent = copy(msg);
    later(function () { if (worker.handle) worker.deliver(sent); else worker.queue.push(sent); });
  };

  PageWorker.prototype.terminate = function () { this.handle = null; this.onmessage = null; };

  window.Worker = PageWorker;
})();

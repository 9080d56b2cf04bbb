/* kbgen search page: results as you type, from search-worker.js. Text from the index and from
   the query only ever reaches the page through textContent, never as markup. */
(function () {
  "use strict";
  var root = document.getElementById("kb-search");
  if (!root || typeof Worker === "undefined") return;
  var input = document.getElementById("kb-search-q");
  var form = document.getElementById("kb-search-form");
  var status = document.getElementById("kb-search-status");
  var list = document.getElementById("kb-search-results");
  var none = document.getElementById("kb-search-none");
  var tell = document.getElementById("kb-search-tell");
  var data = root.dataset;
  var site = new URL(data.root.replace(/\/?$/, "/"), location.href);
  var seq = 0, shown = -1, ready = false, failed = false;

  var workerUrl = new URL(data.worker, location.href);
  workerUrl.searchParams.set("index", new URL(data.index, location.href).href);
  var worker = new Worker(workerUrl);
  worker.onmessage = function (event) {
    var msg = event.data;
    if (msg.error) { failed = true; setStatus(data.failed); return; }
    if (msg.ready) { ready = true; root.dataset.loadMs = JSON.stringify(msg.ms); if (!input.value.trim()) setStatus(data.hint); return; }
    if (msg.seq === seq && msg.seq !== shown) {
      shown = msg.seq;
      render(msg);
      root.dataset.queryMs = JSON.stringify(msg.ms);  // for bench/search_speed.py
    }
  };

  function setStatus(text) { if (status.textContent !== text) status.textContent = text; }

  function format(template, n, q) { return template.replace("{n}", String(n)).replace("{q}", q); }

  /* Append `text` to `parent`, wrapping the [start, end) ranges in <mark>. */
  function marked(parent, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  /* data-state (empty, results, none) and data-query tell tests and tools what is shown. */
  function render(msg) {
    var q = msg.q.trim();
    list.textContent = "";
    none.hidden = true;
    root.dataset.query = msg.q;
    root.dataset.state = !q ? "empty" : msg.total ? "results" : "none";
    if (!q) { setStatus(ready ? data.hint : data.loading); return; }
    var shortQ = Array.from(q).slice(0, 80).join("") + (Array.from(q).length > 80 ? "…" : "");
    if (!msg.total) {
      setStatus(format(data.none, 0, shortQ));
      var url = new URL(data.contact, location.href);
      url.searchParams.set("q", q);
      tell.href = url.href;
      none.hidden = false;
      return;
    }
    var n = msg.hits.length;  // the best 10 are listed, and the count says what is listed
    setStatus(format(n === 1 ? data.countOne : data.count, n, shortQ));
    msg.hits.forEach(function (hit) {
      var li = document.createElement("li");
      li.className = "kb-result";
      var a = document.createElement("a");
      a.className = "kb-result__link";
      a.href = new URL(hit.url, site).href;
      if (hit.kind === "product") a.dataset.productId = hit.id;  // a product page
      else a.dataset.entryId = hit.id;
      marked(a.appendChild(document.createElement("span")), hit.question, hit.hq).className =
        "kb-result__question";
      marked(a.appendChild(document.createElement("span")), hit.summary, hit.hs).className =
        "kb-result__summary";
      var stage = a.appendChild(document.createElement("span"));
      stage.className = "kb-result__stage";
      stage.textContent = hit.stage;
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function query() {
    var q = input.value;
    var url = new URL(location.href);
    if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url.href);
    seq += 1;
    if (!q.trim()) { render({ q: "", total: 0, hits: [] }); shown = seq; return; }
    if (!ready && !failed) setStatus(data.loading);
    worker.postMessage({ seq: seq, q: q, limit: 10 });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a.kb-result__link")); }

  function move(from, step) {
    var all = links(), i = all.indexOf(from) + step;
    if (i < 0) { input.focus(); return; }
    if (i < all.length) all[i].focus();
  }

  input.addEventListener("input", query);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first && input.value.trim() && shown === seq) location.href = first.href; else query();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); move(null, 1); }
    else if (event.key === "Escape") {
      event.preventDefault();
      if (input.value) { input.value = ""; query(); } else { input.blur(); }
    }
  });
  list.addEventListener("keydown", function (event) {
    var link = event.target.closest && event.target.closest("a.kb-result__link");
    if (!link) return;
    if (event.key === "ArrowDown") { event.preventDefault(); move(link, 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(link, -1); }
    else if (event.key === "Escape") { event.preventDefault(); input.focus(); input.select(); }
  });
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  }, true);

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) input.value = initial;
  if (input.value) query(); else input.focus();
})();

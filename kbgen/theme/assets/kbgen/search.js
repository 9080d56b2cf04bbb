/* kbgen search page: results as you type, from search-worker.js. Text from the index and from
   the query only ever reaches the page through textContent, never as markup. */
(function () {
  "use strict";
  var root = document.getElementById("kb-search");
  if (!root) return;
  var input = document.getElementById("kb-search-q");
  var form = document.getElementById("kb-search-form");
  var status = document.getElementById("kb-search-status");
  var list = document.getElementById("kb-search-results");
  var none = document.getElementById("kb-search-none");
  var tell = document.getElementById("kb-search-tell");
  var errorBox = document.getElementById("kb-search-error");
  var contact = document.getElementById("kb-search-contact");
  var answers = document.getElementById("kb-search-answers");
  var more = document.getElementById("kb-search-more");
  var retry = document.getElementById("kb-search-retry");
  var about = document.getElementById("kb-search-about");
  var aboutText = document.getElementById("kb-search-about-text");
  var aboutRemove = document.getElementById("kb-search-about-remove");
  var PAGE = 10;
  var limit = PAGE;
  var data = root.dataset;
  var site = new URL(data.root.replace(/\/?$/, "/"), location.href);
  var seq = 0, shown = -1, ready = false, failed = false, worker = null;
  /* The query said slow because it took longer than TIMEOUT_MS (a slow network): its answer,
     when it comes, is shown. */
  var late = -1;
  /* The last resort: an engine that says nothing (no "ready", no answer) for this long is
     reported as failed, never left on "Loading…". If it answers later, the page recovers. */
  var TIMEOUT_MS = 15000;
  var startTimer = 0, queryTimer = 0, pendingFocus = -1;
  /* The engine or its index has not come within TIMEOUT_MS: said so (slow, not failed). */
  var slowStart = false;
  var downloading = null;  // the index's download the page started (an AbortController)
  /* The engine in the page (startEngine): a function that answers a query at once, or null
     (the worker answers). handedOver: a copy of the index's bytes the worker was given, for it;
     engineSource: the whole index, once the worker has it; lastAsked: when the last query was
     sent (the engine loads in a pause); answeredOnce: a query's results were shown; typed: the
     shopper typed in the box (a page only opened with ?q= never loads the engine). */
  var engine = null, engineAsked = false, handedOver = null, engineSource = null;
  var ENGINE_PAUSE_MS = 500, lastAsked = 0, answeredOnce = false, typed = false;
  /* The product whose page the shopper came from (?product=id: the header's search link on a
     product page), sent with every query as the shop widget sends its page's: "does the aqua xl
     fit" asks about it. Shown (its name, from the worker, once it knows the product) with a
     button that drops it; an id the catalog doesn't have is never applied, nor shown. */
  var product = about ? (new URLSearchParams(location.search).get("product") || "").slice(0, 200) : "";

  function showAbout(page) {
    if (!about || page === undefined) return;  // undefined: a wait, which says nothing of it
    if (!page || page.id !== product) { about.hidden = true; return; }
    aboutText.textContent = "";
    var template = data.about || "{product}", at = template.indexOf("{product}");
    if (at < 0) at = template.length;
    aboutText.appendChild(document.createTextNode(template.slice(0, at)));
    aboutText.appendChild(el("strong", "", page.name));
    aboutText.appendChild(document.createTextNode(template.slice(at + "{product}".length)));
    about.dataset.product = page.id;
    about.hidden = false;
  }

  /* [speed] An answer computed in the input event is painted with the typed letter, but it also
     holds that paint back by what it costs. So the page answers only while answers are cheap:
     the middle of the last five answers' costs since its engine loaded (the page's: measured
     around it; the worker's: its search and highlight, and the results' rendering here) within
     PAGE_BUDGET_MS, half a frame (the letter's paint also waits for the results' layout, which
     is not counted). On a slower CPU, answers that cost more go back to the worker and the letter
     is painted first, as before; a few slow answers (a busy moment, new words) change nothing. */
  var PAGE_BUDGET_MS = 8, COSTS = 5, costs = [], inPage = false;
  function cost(ms) {
    costs.push(ms);
    if (costs.length > COSTS) costs.shift();
  }
  function cheap() {
    if (costs.length < COSTS) return true;
    return costs.slice().sort(function (a, b) { return a - b; })[COSTS >> 1] <= PAGE_BUDGET_MS;
  }

  function ask(q) {
    var msg = { seq: seq, q: q, limit: limit, page_url: location.href, product: product };
    if (engine && cheap()) {
      var t0 = performance.now();
      inPage = true;
      try {
        engine(msg);
        cost(performance.now() - t0);
        root.dataset.answers = "page";
        return;
      } catch (err) {
        useEngine(null);  // the worker answers on
      } finally {
        inPage = false;
      }
    }
    if (engine) root.dataset.answers = "worker";  // loaded, but answers cost too much here
    worker.postMessage(msg);
  }

  function setStatus(text) { if (status.textContent !== text) status.textContent = text; }

  function contactHref(q) {
    var url = new URL(data.contact, location.href);
    if (q) url.searchParams.set("q", q);
    return url.href;
  }

  /* Say search failed (`text`), with the channels and a link to the contact page. `keep`: the
     results shown stay (what failed was "Show more": they are still this query's). */
  function showError(state, text, keep) {
    if (!keep) {
      list.textContent = "";
      answers.textContent = "";
    }
    more.hidden = true;
    none.hidden = true;
    root.dataset.state = state;
    setStatus(text);
    contact.href = contactHref(input.value.trim());
    if (retry) retry.hidden = true;
    errorBox.hidden = false;
  }

  /* The engine or the index can't be used: nothing the shopper types will find anything until
     Try again loads them anew (a page opened in a tunnel: the index's download failed, and the
     connection may be back by now). */
  function fail() {
    failed = true;
    clearTimeout(startTimer);
    clearTimeout(queryTimer);
    showError("failed", data.failed);
    if (retry) retry.hidden = false;
  }

  /* Nothing from the engine (no "ready") after TIMEOUT_MS, and nothing failed: the index, or the
     worker's own file, may only be slow to come (a phone on a train). Said so, with "Try again"
     (which starts the download again) and the channels; the results show when it comes. A real
     failure (an HTTP error, a file that is not what it should be) is said by fail(). */
  function startSlow() {
    if (ready || failed) return;
    slowStart = true;
    clearTimeout(queryTimer);
    showError("slow", data.startSlow || data.failed);
    if (retry) retry.hidden = false;
  }

  /* This query failed (an exception in the engine, or a file it needs could not be loaded). */
  function queryFailed(q) {
    clearTimeout(queryTimer);
    var more = limit > PAGE && root.dataset.state === "results" && root.dataset.query === q;
    shown = seq;
    root.dataset.query = q;
    showError("error", format(data.queryFailed, 0, shorten(q.trim())), more);
  }

  /* This query has had no answer for TIMEOUT_MS: nothing failed, the network may only be slow
     (a phone on a train). Say it is still searching, with "Try again" and the channels; its
     answer is shown when it comes. */
  function querySlow(q) {
    clearTimeout(queryTimer);
    var more = limit > PAGE && root.dataset.state === "results" && root.dataset.query === q;
    shown = seq;
    late = seq;
    root.dataset.query = q;
    showError("slow", format(data.querySlow || data.queryFailed, 0, shorten(q.trim())), more);
    if (retry) retry.hidden = false;
  }

  function onMessage(event) {
    var msg = event.data || {};
    if (typeof msg.whole === "string" && !msg.ready) {  // a split index's whole file came to the worker
      engineSource = msg.whole;
      startEngine();
      return;
    }
    if (msg.error && msg.seq === undefined) { fail(); return; }
    if (msg.ready) {
      if (msg.whole === true) engineSource = handedOver;  // the index the page handed over is whole
      handedOver = null;
      startEngine();
      ready = true;
      clearTimeout(startTimer);
      root.dataset.loadMs = JSON.stringify(msg.ms);
      if (failed || slowStart) {  // it came after the timeout: the pending query is answered next
        failed = false;
        slowStart = false;
        errorBox.hidden = true;
        if (retry) retry.hidden = true;
        if (input.value.trim()) { setStatus(data.loading); watchQuery(); }
      }
      else if (input.value.trim() && shown !== seq) watchQuery();  // a query sent before: timed from now
      if (!input.value.trim()) { root.dataset.state = "empty"; setStatus(data.hint); }
      return;
    }
    if (msg.seq === seq && (msg.seq !== shown || msg.seq === late)) {
      clearTimeout(queryTimer);
      late = -1;
      if (msg.error) { queryFailed(msg.q); return; }
      shown = msg.seq;
      var t0 = performance.now();
      showAbout(msg.page);
      render(msg);
      if (engine && !inPage && msg.ms) cost((msg.ms.search || 0) + (msg.ms.highlight || 0) + performance.now() - t0);
      if (!answeredOnce && msg.hits) { answeredOnce = true; startEngine(); }
      if (pendingFocus >= 0) {  // after "Show more", the first new result has the focus
        var next = links()[pendingFocus];
        pendingFocus = -1;
        if (next) next.focus();
      }
      root.dataset.queryMs = JSON.stringify(msg.ms);  // for bench/search_speed.py
    }
  }

  /* The worker could not start, or threw outside a query: before "ready" the engine failed;
     after it, the query being waited for failed. */
  function onError(event) {
    if (event && event.preventDefault) event.preventDefault();
    if (!ready) fail();
    else if (shown !== seq && input.value.trim()) queryFailed(input.value);
  }

  function watchQuery() {
    clearTimeout(queryTimer);
    queryTimer = setTimeout(function () {
      if (ready && shown !== seq && input.value.trim()) querySlow(input.value);
    }, TIMEOUT_MS);
  }

  function shorten(q) { return Array.from(q).slice(0, 80).join("") + (Array.from(q).length > 80 ? "…" : ""); }

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

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A channel link the worker filled, with this page's URL (sent with the query). */
  function channelList(channels) {
    var ul = el("ul", "kb-answer__channels");
    channels.forEach(function (c) {
      var a = el("a", "md-button", c.detail ? c.label + " · " + c.detail : c.label);
      a.href = c.href;
      a.dataset.channel = c.key;
      ul.appendChild(el("li")).appendChild(a);
    });
    return ul;
  }

  /* Compatibility answers (from the product graph) and the channels the query asks for. */
  function renderAnswers(msg) {
    answers.textContent = "";
    // A long question's answer comes first: its cards go below the results.
    if (msg.lead) list.parentNode.insertBefore(answers, list.nextSibling);
    else list.parentNode.insertBefore(answers, list);
    (msg.which || []).forEach(function (w) {  // "does X fit Y" with an X that two products may be
      var card = el("div", "kb-answer kb-answer--which");
      card.dataset.which = w.products.map(function (p) { return p.id; }).join(" ");
      card.appendChild(el("p", "kb-answer__verdict", w.ask));
      var links = card.appendChild(el("p", "kb-answer__products"));
      w.products.forEach(function (p, i) {
        if (i) links.appendChild(document.createTextNode(" · "));
        var a = links.appendChild(el("a", "", p.name));
        a.href = new URL(p.url, site).href;
      });
      answers.appendChild(card);
    });
    (msg.compat || []).forEach(function (c) {
      var card = el("div", "kb-answer kb-answer--compat");
      card.dataset.compat = "";
      card.dataset.verdict = c.verdict;
      card.dataset.products = c.products.map(function (p) { return p.id; }).join(" ");
      card.appendChild(el("p", "kb-answer__verdict", c.text));
      if (c.verdict === "no" && c.reason) card.appendChild(el("p", "kb-answer__reason", c.reasonText));
      var links = card.appendChild(el("p", "kb-answer__products"));
      c.products.forEach(function (p, i) {
        if (i) links.appendChild(document.createTextNode(" · "));
        var a = links.appendChild(el("a", "", p.name));
        a.href = new URL(p.url, site).href;
      });
      if (c.channels.length) {
        card.appendChild(el("p", "", data.compatChannels));
        card.appendChild(channelList(c.channels));
      }
      answers.appendChild(card);
    });
    if (msg.channels && msg.channels.length) {
      var box = el("div", "kb-answer kb-answer--channels");
      box.dataset.intent = "";
      box.appendChild(el("p", "kb-answer__verdict", data.channels));
      box.appendChild(channelList(msg.channels));
      answers.appendChild(box);
    }
  }

  /* data-state (empty, results, none, wait) and data-query tell tests and tools what is shown. */
  function render(msg) {
    var q = msg.q.trim();
    list.textContent = "";
    answers.textContent = "";
    more.hidden = true;
    none.hidden = true;
    errorBox.hidden = true;
    root.dataset.query = msg.q;
    if (msg.wait) {  // a first letter being typed (the worker's waitsForLetter): no "No results"
      root.dataset.state = "wait";
      setStatus(msg.text);
      return;
    }
    var answered = (msg.compat && msg.compat.length) || (msg.channels && msg.channels.length) ||
      (msg.which && msg.which.length);
    root.dataset.state = !q ? "empty" : msg.total || answered ? "results" : "none";
    if (!q) { setStatus(ready ? data.hint : data.loading); return; }
    var shortQ = shorten(q);
    renderAnswers(msg);
    if (!msg.total && answered) { setStatus(format(data.none, 0, shortQ)); return; }
    if (!msg.total) {
      setStatus(format(data.none, 0, shortQ));
      var url = new URL(data.contact, location.href);
      url.searchParams.set("q", q);
      tell.href = url.href;
      none.hidden = false;
      return;
    }
    var n = msg.hits.length;  // the best 10 are listed: "Showing 10 of 23" when there are more
    if (msg.total > n) setStatus(format(data.countOf.replace("{total}", String(msg.total)), n, shortQ));
    else setStatus(format(n === 1 ? data.countOne : data.count, n, shortQ));
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
    more.hidden = msg.total <= msg.hits.length;  // "Show more": the next results of the same query
  }

  /* The address follows the query (search/?q=…), a moment after typing stops: replacing it
     on every keystroke costs more than the search itself (bench/search_speed.py). It is
     brought up to date at once before the shopper leaves through a link or Enter. */
  var urlTimer = 0, pendingUrl = null;
  function setUrl(href) {
    pendingUrl = href;
    clearTimeout(urlTimer);
    urlTimer = setTimeout(flushUrl, 300);
  }
  function flushUrl() {
    clearTimeout(urlTimer);
    if (pendingUrl !== null && pendingUrl !== location.href) history.replaceState(null, "", pendingUrl);
    pendingUrl = null;
  }

  function query(keepLimit) {
    lastAsked = performance.now();
    if (keepLimit !== true) limit = PAGE;
    var q = input.value;
    var url = new URL(location.href);
    if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
    if (!product) url.searchParams.delete("product");
    setUrl(url.href);
    seq += 1;
    if (failed) {  // keep saying so; the link to the contact page carries what was typed
      contact.href = contactHref(q.trim());
      if (worker) ask(q);  // if it recovers
      return;
    }
    clearTimeout(queryTimer);
    if (!q.trim()) {
      render({ q: "", total: 0, hits: [] });
      if (product && worker && !slowStart) { ask(""); return; }  // its answer names the product
      shown = seq;
      if (slowStart) startSlow();
      return;
    }
    if (slowStart) startSlow();  // still said, with the link to the contact page carrying the text
    else if (!ready) setStatus(data.loading);
    else watchQuery();
    ask(q);
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a.kb-result__link")); }

  function move(from, step) {
    var all = links(), i = all.indexOf(from) + step;
    if (i < 0) { input.focus(); return; }
    if (i < all.length) all[i].focus();
  }

  input.addEventListener("input", function () {
    typed = true;
    query();
    startEngine();
  });
  if (retry) {
    retry.addEventListener("click", function () {  // the same query again, as many results as asked
      retry.hidden = true;
      if (slowStart || failed) restart();  // the engine or its index never came: fetch them again
      query(true);
      input.focus();
    });
  }
  if (aboutRemove) {
    aboutRemove.addEventListener("click", function () {  // the same query, about no product
      product = "";
      about.hidden = true;
      query();
      flushUrl();
      input.focus();
    });
  }
  root.addEventListener("click", flushUrl, true);  // a result, a card's link or a channel
  window.addEventListener("pagehide", flushUrl);
  more.addEventListener("click", function () {
    var focusAt = links().length;
    limit += PAGE;
    pendingFocus = focusAt;
    query(true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    flushUrl();
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

  /* The worker's file is the engine in one file (data-handover, kbgen/search/bundle.py): the
     page fetches the index (or a split index's manifest) while that file downloads, and hands
     the bytes over (transferred, not copied); the worker imports nothing, and reports a failed
     download as it reports a bad index. Without data-handover (the copy opened from disk) the
     worker fetches its index itself. Not preloaded from the page's head: on a slow link its
     bytes would delay the page's styles and scripts, and the worker's file, which search.js
     asks for, comes last either way. */
  function start() {
    try {
      if (typeof Worker === "undefined") throw new Error("no Web Workers");
      var indexUrl = new URL(data.index, location.href).href;
      var workerUrl = new URL(data.worker, location.href);
      workerUrl.searchParams.set("index", indexUrl);
      var index = "handover" in data ? download(indexUrl) : null;
      var started = worker = new Worker(workerUrl);
      worker.onmessage = onMessage;
      worker.onerror = onError;
      if (index) {
        // the browser's own postMessage: a split index's page script wraps the worker's (search-split-page.js)
        var post = Worker.prototype.postMessage;
        index.then(function (bytes) {
          if (worker !== started) return;
          if (data.engine) handedOver = bytes.slice(0);  // the engine's, if the index is whole
          post.call(started, { kbgenIndex: bytes }, [bytes]);
        }, function (err) {
          if (worker === started) post.call(started, { kbgenIndex: null, error: String(err) });
        });
      }
      startTimer = setTimeout(startSlow, TIMEOUT_MS);
    } catch (err) {
      fail();
    }
  }

  function download(url) {
    downloading = typeof AbortController === "function" ? new AbortController() : null;
    return fetch(url, downloading ? { signal: downloading.signal } : {}).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.arrayBuffer();
    });
  }

  /* [speed, issue 20] The same engine in the page: a worker's answer to a keystroke waits for
     the frame that paints the typed letter (about 20 ms at the 95th percentile on a phone-class
     machine, whatever the search costs); an answer computed in the keystroke's own input event
     is painted with the letter. Once the worker has the whole index (engineSource: the bytes the
     page handed it, or the address of a split index's whole file, which the worker fetched and
     the browser keeps for good), a first query's results were shown and the shopper typed in
     the box (a shopper who only reads the results of a link's ?q= costs nothing), the page loads the
     engine's file (data-engine: the worker's bundle, wrapped: kbgen/search/bundle.py), parses the
     index, starts the engine and has it load the index, each in a task of its own, at idle and
     ENGINE_PAUSE_MS after the last keystroke; then its answers replace the worker's, given to the
     worker's listeners as its own messages (search-split-page.js's too), in the same task. If
     anything fails (the file, the index), the worker answers on. */
  function startEngine() {
    if (engineAsked || !engineSource || !answeredOnce || !typed || !data.engine || !worker) return;
    engineAsked = true;
    var source = engineSource, owner = worker, make = null, made = null, bytes = null;
    var took = { parse: 0, start: 0, load: 0 };
    engineSource = null;
    function live() { return worker === owner; }
    function idle(fn) {
      if (typeof requestIdleCallback === "function") requestIdleCallback(fn, { timeout: 2000 });
      else setTimeout(fn, 50);
    }
    function step(fn) {  // at idle, in a pause of typing
      var wait = lastAsked + ENGINE_PAUSE_MS - performance.now();
      if (wait > 0) { setTimeout(function () { step(fn); }, wait); return; }
      idle(function () {
        if (!live()) return;
        if (lastAsked + ENGINE_PAUSE_MS > performance.now()) step(fn); else fn();
      });
    }
    function answered(msg) {
      if (msg && msg.ready) {  // loaded: from now on the page answers
        took.load = msg.ms.load;
        root.dataset.engineMs = JSON.stringify(took);  // for bench/search_warm.py
        if (live()) useEngine(made);
        return;
      }
      if (!msg || msg.seq === undefined) return;  // it failed to load: the worker answers on
      if (live()) owner.dispatchEvent(new MessageEvent("message", { data: msg }));
    }
    function parse() {
      var t0 = performance.now(), index;
      try { index = JSON.parse(new TextDecoder().decode(bytes)); } catch (err) { return; }
      bytes = null;
      took.parse = performance.now() - t0;
      step(function () {
        var give = null, t1 = performance.now();
        var setup = { bundled: true, index: new URL(data.index, location.href).href,
                      download: new Promise(function (resolve) { give = resolve; }) };
        try { made = make(setup, answered, idle); } catch (err) { return; }
        took.start = performance.now() - t1;
        step(function () { give(index); });  // the engine loads it (the worker's load)
      });
    }
    step(function () {
      var script = document.createElement("script");
      script.src = new URL(data.engine, location.href).href;
      script.addEventListener("kbgen-engine", function (event) { make = event.detail; });
      script.onload = function () {
        if (typeof make !== "function") return;
        if (typeof source !== "string") { bytes = source; step(parse); return; }
        fetch(source).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.arrayBuffer();
        }).then(function (got) { bytes = got; step(parse); }, function () { /* the worker answers on */ });
      };
      document.head.appendChild(script);
    });
  }

  /* data-answers="page" while the page answers, "worker" while its engine is loaded but answers
     cost more than PAGE_BUDGET_MS (tests and bench/search_warm.py read it). */
  function useEngine(fn) {
    engine = fn;
    costs = [];
    if (fn) root.dataset.answers = "page"; else delete root.dataset.answers;
  }

  /* "Try again" after a slow start: the download (and the worker) from the start. */
  function restart() {
    clearTimeout(startTimer);
    useEngine(null);
    engineAsked = false;
    engineSource = handedOver = null;
    slowStart = false;
    failed = false;
    ready = false;
    errorBox.hidden = true;
    setStatus(data.loading);
    if (downloading) downloading.abort();
    if (worker) worker.terminate();
    worker = null;
    start();
  }

  start();

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) input.value = initial;
  if (input.value || product) query();
  /* In the box, so that the keys the page names (↑ ↓, Enter, Esc) work at once, also when the
     shopper came with a question (the home page's box, a search link); but not on a touch screen
     with a question, where the on-screen keyboard would cover its results. */
  if (!input.value || !(window.matchMedia && window.matchMedia("(pointer: coarse)").matches)) input.focus();
})();

/* kbgen shop help widget: the panel (loaded by widget.js when the shopper opens it or the
 * browser is idle). Everything lives in the widget's shadow root. Text from the data, the search
 * index and the shop page only ever reaches the DOM through textContent and properties; search
 * runs in the help site's own search worker, so it ranks exactly as the help site does. */
(function () {
  "use strict";
  var CSS = /*KBGEN_CSS*/"";
  var FORMAT = 2;
  var SEND_TIMEOUT_MS = 15000, SEARCH_TIMEOUT_MS = 15000;
  var POINTER_MAX = 4096;  // widget-latest.json names one file: a few dozen bytes
  var CHANNEL_KEYS = ["hotline", "chat", "email", "form", "order_status", "community"];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else if (k === "hidden") node.hidden = !!attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  /* A key from outside (the shop's URL, a data- attribute, setContext) is looked up as an own
     property only: "__proto__", "constructor" or "toString" is no product and no stage. */
  function own(map, key) {
    return map && typeof key === "string" && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
  }

  /* A channel's URL template filled (kbgen/core/channels.py's placeholders), leaving out what
     would be empty: a query field (topic={question}) or a line of an e-mail's text
     (Entry: {entry_id}) whose placeholders are all empty. Twins: help.js, search-worker.js. */
  var PLACEHOLDER = /\{(entry_id|question|stage|page_url|query|product)\}/g;
  function fillLink(template, values) {
    function value(name) { return own(values, name) || ""; }
    function blank(text) {
      var names = text.match(PLACEHOLDER);
      return !!names && names.every(function (n) { return !value(n.slice(1, -1)); });
    }
    function filled(text) { return text.replace(PLACEHOLDER, function (_, k) { return encodeURIComponent(value(k)); }); }
    var q = template.indexOf("?");
    if (q < 0) return filled(template);
    var hash = template.indexOf("#", q), end = hash < 0 ? template.length : hash;
    var fields = template.slice(q + 1, end).split("&").filter(function (field) {
      return !blank(field.slice(field.indexOf("=") + 1));
    }).map(function (field) {
      var at = field.indexOf("=") + 1;
      return field.slice(0, at) + field.slice(at).split(/%0A/i).filter(function (line) { return !blank(line); }).join("%0A");
    });
    return filled(template.slice(0, q) + (fields.length ? "?" + fields.join("&") : "") + template.slice(end));
  }

  /* kbgen/core/widget.py in the browser: a widget.pages rule, where * is any text and {product}
     one path segment, matched in time linear in the path (no regular expression, so no
     backtracking on a crafted URL), whatever the rule. */
  function occurrences(text, pat, from, first) {  // Knuth-Morris-Pratt
    var table = [0], k = 0, i, found = [];
    for (i = 1; i < pat.length; i++) {
      while (k && pat[i] !== pat[k]) k = table[k - 1];
      if (pat[i] === pat[k]) k++;
      table[i] = k;
    }
    k = 0;
    for (i = from; i < text.length; i++) {
      while (k && text[i] !== pat[k]) k = table[k - 1];
      if (text[i] === pat[k]) k++;
      if (k === pat.length) {
        found.push(i - k + 1);
        if (first) break;
        k = table[k - 1];
      }
    }
    return found;
  }

  function prefixEnds(pieces, text) {  // ends[i]: pieces.join("*") matches text.slice(0, i)
    var n = text.length, ends = new Uint8Array(n + 1), head = pieces[0], pos = head.length, i;
    if (text.slice(0, head.length) !== head) return ends;
    if (pieces.length === 1) { ends[pos] = 1; return ends; }
    for (i = 1; i < pieces.length - 1; i++) {
      if (!pieces[i]) continue;
      var at = occurrences(text, pieces[i], pos, true);
      if (!at.length) return ends;
      pos = at[0] + pieces[i].length;
    }
    var last = pieces[pieces.length - 1];
    if (!last) { for (i = pos; i <= n; i++) ends[i] = 1; }
    else occurrences(text, last, pos, false).forEach(function (at) { ends[at + last.length] = 1; });
    return ends;
  }

  function reversed(text) { return text.split("").reverse().join(""); }

  function captureProduct(rule, path) {
    var at = rule.indexOf("{product}"), n = path.length, i, j, best = -1;
    var starts = prefixEnds(rule.slice(0, at).split("*"), path);
    var backwards = prefixEnds(rule.slice(at + 9).split("*").reverse().map(reversed), reversed(path));
    var lastEnd = new Int32Array(n + 1);
    for (j = 0; j <= n; j++) { if (backwards[n - j]) best = j; lastEnd[j] = best; }
    var runEnd = n;  // the first slash at or after i
    for (i = n - 1; i >= 0; i--) {
      if (path[i] === "/") { runEnd = i; continue; }
      if (starts[i] && lastEnd[runEnd] > i) return path.slice(i, lastEnd[runEnd]);
    }
    return null;
  }

  function trim(path) { return path.length > 1 && path.slice(-1) === "/" ? path.slice(0, -1) : path; }

  /* kbgen/core/widget.py: match(), in the browser; a trailing slash on either side is ignored. */
  function matchRule(rules, path) {
    path = trim(path);
    for (var i = 0; i < rules.length; i++) {
      var rule = trim(String(rules[i].path || ""));
      if (rule.indexOf("{product}") >= 0) {
        var id = captureProduct(rule, path);
        if (id === null) continue;
        try { id = decodeURIComponent(id); } catch (e) { /* keep as written */ }
        return { product: id, stage: "" };
      }
      if (prefixEnds(rule.split("*"), path)[path.length]) return { product: "", stage: rules[i].stage };
    }
    return null;
  }

  /* kbgen/widget/parts.py: bucket_of(), in the browser: 32-bit FNV-1a over the id's UTF-16 code
     units, modulo the number of product parts. */
  function bucketOf(id, buckets) {
    var h = 0x811c9dc5;
    for (var i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
    return h % buckets;
  }

  function factory(env) {
    var data = env.data, root = env.root, t = data.t || {};
    if (!data || data.format !== FORMAT) throw new Error("kbgen: widget data format not supported");
    ["entries", "products", "links", "stages"].forEach(function (k) { data[k] = data[k] || {}; });
    data.popular = data.popular || [];
    var s = new CSSStyleSheet();
    s.replaceSync(CSS);
    root.adoptedStyleSheets = root.adoptedStyleSheets.concat([s]);

    function abs(url) { return new URL(url, env.base).href; }
    /* A path the help site's files name, if it stays on the help site's origin. */
    function onSite(path) {
      if (typeof path !== "string" || !path) return false;
      try { return new URL(path, env.base).origin === new URL(env.base).origin; } catch (err) { return false; }
    }

    /* The shop page as it may travel (chat links, e-mails, feedback): its origin and path, and
       only the query parameters the site owner listed (widget.pass_query); never the fragment.
       Order keys and tokens in a shop's URL stay on the shop. */
    function shopPage() {
      var allowed = data.pass_query || [], kept = new URLSearchParams();
      new URLSearchParams(location.search).forEach(function (v, k) { if (allowed.indexOf(k) >= 0) kept.append(k, v); });
      var query = kept.toString();
      return location.origin + location.pathname + (query ? "?" + query : "");
    }
    var lastQuery = "", current = null, openedFrom = null, view = null, shown = null;

    // --- the dialog ---
    var title = el("h2", { id: "kb-title", class: "kb-title", tabindex: "-1", text: data.title });
    // On a touch screen, focusing the search box would open the keyboard over the answers.
    var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    var close = el("button", { type: "button", class: "kb-close", "aria-label": t.widget_close }, [
      el("span", { "aria-hidden": "true", text: "\u00d7" })
    ]);
    var input = el("input", {
      id: "kb-q", type: "search", class: "kb-search", autocomplete: "off", spellcheck: "false",
      placeholder: t.search_placeholder, "aria-describedby": "kb-status", maxlength: "200"
    });
    var status = el("p", { id: "kb-status", class: "kb-status", role: "status", "aria-live": "polite" });
    // The status line is one line high (nothing moves when it changes); what a compatibility card
    // or the channels asked for say is read out from here, after the count.
    var said = el("p", { class: "kb-sr", role: "status", "aria-live": "polite" });
    var results = el("section", { class: "kb-results", "aria-label": t.search_label, hidden: true });
    var context = el("section", { class: "kb-context", "aria-labelledby": "kb-context-h" });
    var answer = el("section", { class: "kb-answer", hidden: true, "aria-labelledby": "kb-answer-h" });
    var channels = el("section", { class: "kb-channels", "aria-labelledby": "kb-channels-h" });
    // The answers scroll between the search box and the channels, which stay in view; content
    // arriving later (search results, a feedback status) never moves anything already shown.
    var find = el("div", { class: "kb-find" }, [
      el("label", { class: "kb-sr", for: "kb-q", text: t.search_label }), input, status, said
    ]);
    var body = el("div", { class: "kb-body" }, [results, context, answer]);
    var dialog = el("div", {
      class: "kb-panel", role: "dialog", "aria-modal": "true", "aria-labelledby": "kb-title",
      lang: data.lang || "en", hidden: true
    }, [el("div", { class: "kb-head" }, [title, close]), find, body, channels]);
    root.insertBefore(dialog, env.launcher);

    // --- the data in parts (a big help center, kbgen/widget/parts.py): what this page needs ---
    var parts = {}, partsFailed = false;  // parts: path -> a promise of its load, or true once merged

    /* What the page asks for, before knowing whether the catalog has it. */
    function wanted() {
      var c = env.context;
      if (c.product || c.stage) return { product: c.product, stage: c.stage };
      return matchRule(data.pages || [], location.pathname) || { product: "", stage: "" };
    }

    function fetchPart(path) {
      if (parts[path] === true) return Promise.resolve();
      if (!parts[path]) {
        parts[path] = fetch(abs(path), { credentials: "omit" }).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        }).then(function (part) {
          Object.keys(part).forEach(function (k) {
            if (k === "popular") data.popular = part.popular;
            else if (data[k] && typeof part[k] === "object") Object.assign(data[k], part[k]);
          });
          parts[path] = true;
        }, function (err) {
          delete parts[path];  // a retry fetches it again
          throw err;
        });
      }
      return parts[path];
    }

    /* Load what this page shows: its product's part, and the lists when it is no product. */
    function prepare() {
      var split = data.parts, w = wanted();
      if (!split) return Promise.resolve();
      var product = typeof w.product === "string" && w.product
        ? fetchPart(split.products.replace("{n}", bucketOf(w.product, split.buckets))) : Promise.resolve();
      return product.then(function () {
        if (!(w.product && own(data.products, w.product))) return fetchPart(split.lists);
      });
    }

    /* A part or the search worker did not load: the network, or a deploy since the data file
       came (its parts, or a newer kbgen's worker, are gone). Ask for the current data file's name
       (latest, never cached for good), then try again with the new names. Each name must stay on
       the help site (onSite: no other origin, no data: or javascript: URL: the worker runs in
       the shop's page); a pointer or data file that is broken, too big, names another place or
       has not come within SEARCH_TIMEOUT_MS changes nothing (what is tried next says itself). */
    function renewed() {
      var latest = data.latest || (data.parts && data.parts.latest);
      if (!onSite(latest)) return Promise.resolve();
      var controller = new AbortController();
      var stop = setTimeout(function () { controller.abort(); }, SEARCH_TIMEOUT_MS);
      function get(path, max) {
        return fetch(abs(path), { credentials: "omit", cache: "no-cache", signal: controller.signal }).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          if (max && Number(r.headers.get("Content-Length")) > max) throw new Error("too big");
          return r.text();
        }).then(function (text) {
          if (max && text.length > max) throw new Error("too big");
          return JSON.parse(text);
        });
      }
      return get(latest, POINTER_MAX).then(function (pointer) {
        if (!pointer || pointer.format !== FORMAT || !onSite(pointer.data)) return null;
        return get(pointer.data, 0);
      }).then(function (next) {
        if (!next || next.format !== FORMAT) return;
        var split = next.parts;
        if (split && !(onSite(split.products) && onSite(split.lists) && (!split.latest || onSite(split.latest)))) return;
        if (next.search_worker !== undefined && !onSite(next.search_worker)) return;
        if (next.search_index !== undefined && !onSite(next.search_index)) return;
        data.parts = split || null;  // the new deploy's part names (null: one file, all of it here)
        if (next.search_worker) data.search_worker = next.search_worker;
        if (next.search_index) data.search_index = next.search_index;
        ["entries", "products", "links", "stages"].forEach(function (k) {
          if (next[k] && typeof next[k] === "object") Object.assign(data[k], next[k]);
        });
        if (Array.isArray(next.popular)) data.popular = next.popular;
      }).catch(function () { /* the parts and the worker are tried again anyway */ })
        .finally(function () { clearTimeout(stop); });
    }

    var contextSeq = 0, contextReady = Promise.resolve();

    /* Show this page's answers: at once when they are here, else after their part has loaded;
       a failed load is said in their place, with a button to try again. */
    function showContext() {
      var mine = ++contextSeq, done = false;
      var ready = partsFailed ? renewed().then(prepare) : prepare();
      contextReady = ready;
      ready.then(function () {
        done = true;
        if (mine !== contextSeq) return;
        partsFailed = false;
        context.removeAttribute("aria-busy");
        renderContext();
        refreshChannels();
      }, function () {
        done = true;
        if (mine !== contextSeq) return;
        partsFailed = true;
        context.removeAttribute("aria-busy");
        contextFailed();
      });
      Promise.resolve().then(function () {
        if (done || mine !== contextSeq) return;
        view = null;
        context.textContent = "";
        context.setAttribute("aria-busy", "true");
        context.removeAttribute("data-product");
        context.removeAttribute("data-stage");
        context.appendChild(el("h3", { id: "kb-context-h", text: t.widget_answers_loading }));
      });
      return ready;
    }

    function contextFailed() {
      view = null;
      context.textContent = "";
      context.removeAttribute("data-product");
      context.removeAttribute("data-stage");
      context.setAttribute("data-state", "failed");
      var retry = el("button", { type: "button", class: "kb-choice kb-retry", text: t.widget_retry });
      retry.addEventListener("click", function () {
        retry.disabled = true;
        showContext().then(function () {
          var h = context.querySelector("#kb-context-h");
          if (h && !dialog.hidden) { h.setAttribute("tabindex", "-1"); h.focus(); }
        }, function () {
          var again = context.querySelector(".kb-retry");
          if (again && !dialog.hidden) again.focus();
        });
      });
      context.append(
        el("h3", { id: "kb-context-h", text: t.widget_answers_failed }),
        el("p", { role: "alert", class: "kb-failed-note", text: t.widget_answers_failed_note }),
        retry
      );
    }

    // --- what this page is about: data-product / data-stage, setContext, or widget.pages ---
    function resolved() {
      var c = env.context;
      if (c.product || c.stage) {
        if (c.product && own(data.products, c.product)) return { product: c.product, stage: "" };
        if (c.stage && own(data.stages, c.stage)) return { product: "", stage: c.stage };
        return { product: "", stage: "" };
      }
      var rule = matchRule(data.pages || [], location.pathname);
      if (rule && rule.product && own(data.products, rule.product)) return rule;
      if (rule && rule.stage && own(data.stages, rule.stage)) return rule;
      return { product: "", stage: "" };
    }

    function entryLink(id, q, url) {
      var a = el("a", { href: abs(url), "data-entry-id": id, text: q });
      a.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
        event.preventDefault();
        showAnswer(id, a);
      });
      return el("li", {}, [a]);
    }

    /* A product: its page in this shop opens here; any other site (the help site) in a new tab,
       so the shopper's cart stays where it was. */
    function productAnchor(id, url, name) {
      var a = el("a", { href: abs(url), "data-product-id": id, text: name });
      if (new URL(a.href).origin !== location.origin) { a.target = "_blank"; a.rel = "noopener"; }
      return a;
    }

    /* A product's name and its link: from the catalog, or from a part, which names the products
       its own work with ([name, url]). */
    function known(id) {
      var p = own(data.products, id), l = own(data.links, id);
      return p ? { name: p.name, url: p.url } : l ? { name: l[0], url: l[1] } : null;
    }

    function productLink(id, note) {
      var p = known(id);
      if (!p) return null;
      var a = productAnchor(id, p.url, p.name);
      var li = el("li", {}, [a]);
      if (note) li.appendChild(el("span", { class: "kb-reason", text: " \u2014 " + note }));
      return li;
    }

    function group(heading, items) {
      items = items.filter(Boolean);
      if (!items.length) return null;
      return el("div", { class: "kb-group" }, [el("h4", { text: heading }), el("ul", {}, items)]);
    }

    function renderContext() {
      var c = resolved();
      view = c;
      context.textContent = "";
      context.removeAttribute("data-state");
      var heading, ids;
      if (c.product) {
        var p = own(data.products, c.product);
        heading = p.name;
        ids = p.entries;
        context.setAttribute("data-product", c.product);
      } else if (c.stage) {
        heading = own(data.stages, c.stage).title;
        ids = own(data.stages, c.stage).top;
        context.setAttribute("data-stage", c.stage);
      } else {
        heading = t.popular;
        ids = data.popular;
      }
      if (!c.product) context.removeAttribute("data-product");
      if (!c.stage) context.removeAttribute("data-stage");
      context.appendChild(el("h3", { id: "kb-context-h", text: heading }));
      var list = ids.filter(function (id) { return own(data.entries, id); }).map(function (id) {
        var e = own(data.entries, id);
        return entryLink(id, e[0], e[2]);
      });
      if (c.product) {
        var p2 = own(data.products, c.product), limit = data.product_entries || 6;
        var total = typeof p2.n === "number" ? p2.n : list.length;  // a part lists only the first few
        if (list.length) context.appendChild(el("h4", { text: t.product_questions }));
        if (list.length) context.appendChild(el("ul", { class: "kb-entries" }, list.slice(0, limit)));
        if (total > limit && p2.page) {
          context.appendChild(el("a", {
            class: "kb-more", href: abs(p2.page), target: "_blank", rel: "noopener",
            text: format(t.all_questions, { n: total })
          }));
        }
        [
          group(t.works_with, p2.works_with.map(function (id) { return productLink(id); })),
          group(t.accessories, p2.accessories.map(function (id) { return productLink(id); })),
          group(t.accessory_for, p2.accessory_for.map(function (id) { return productLink(id); })),
          group(t.not_compatible, p2.incompatible.map(function (x) { return productLink(x[0], x[1]); }))
        ].forEach(function (g) { if (g) context.appendChild(g); });
      } else if (list.length) {
        context.appendChild(el("ul", { class: "kb-entries" }, list));
      }
      // kbgen-recent {
      renderRecent();
      // } kbgen-recent
    }
    // kbgen-recent {

    /* "Recently viewed" (recently_viewed: true; kbgen/travel/recent.py; left out of the panel
       when off). The last answers this browser opened, in the widget and, on the help site's own
       origin, on the help site (recent.js: same key, same items); kept in localStorage only:
       never sent, cleared with one button. Shown under the page's own suggestions, each by its
       id in this data (its question and link from here), so a tampered list shows nothing new. */
    var recentBox = null;

    function readRecent() {
      try {
        var list = JSON.parse(window.localStorage.getItem(data.recent.key) || "[]");
        return Array.isArray(list) ? list.filter(function (item) {
          return item && typeof item.id === "string" && typeof item.q === "string" && typeof item.path === "string";
        }) : [];
      } catch (e) {
        return [];
      }
    }

    function writeRecent(list) {
      try {
        if (list.length) window.localStorage.setItem(data.recent.key, JSON.stringify(list));
        else window.localStorage.removeItem(data.recent.key);
      } catch (e) { /* storage off: nothing is kept */ }
    }

    function rememberRecent(id) {
      var e = own(data.entries, id);
      if (!data.recent || !e) return;
      var list = readRecent().filter(function (item) { return item.id !== id; });
      list.unshift({ id: id, q: e[0], path: new URL(abs(e[2])).pathname });
      writeRecent(list.slice(0, data.recent.max || 5));
      var fromHere = !!(openedFrom && recentBox && recentBox.contains(openedFrom));
      renderRecent();
      // Opened from this list, which was drawn anew: Back returns to its link (now the first).
      if (fromHere && recentBox) openedFrom = recentBox.querySelector("a[data-entry-id]");
    }

    function renderRecent() {
      if (!data.recent) return;
      if (recentBox && recentBox.parentNode) recentBox.parentNode.removeChild(recentBox);
      recentBox = null;
      var seen = {};
      var items = readRecent().filter(function (item) {
        var fresh = !!own(data.entries, item.id) && !own(seen, item.id);
        seen[item.id] = true;
        return fresh;
      }).slice(0, data.recent.max || 5).map(function (item) {
        var e = own(data.entries, item.id);
        return entryLink(item.id, e[0], e[2]);
      });
      if (!items.length) return;
      var clear = el("button", { type: "button", class: "kb-choice kb-recent-clear", text: data.recent.clear });
      clear.addEventListener("click", function () {
        writeRecent([]);
        renderRecent();
        focusSearch();  // the button is gone: focus goes back to the search
      });
      recentBox = el("div", { class: "kb-group kb-recent", "data-kb-recent": "" }, [
        el("h4", { id: "kb-recent-h", text: data.recent.title }),
        el("ul", { class: "kb-entries", "aria-labelledby": "kb-recent-h" }, items),
        el("p", { class: "kb-reason", text: data.recent.note }),
        clear
      ]);
      context.appendChild(recentBox);
    }
    // } kbgen-recent

    // --- contact channels: hotline first, links carrying the shop page and what is open ---
    function values() {
      var e = current && own(data.entries, current);
      return {
        entry_id: current || "", question: e ? e[0] : "", stage: e ? e[3] : (view && view.stage) || "",
        page_url: shopPage(), query: lastQuery, product: (view && view.product) || ""
      };
    }

    function fill(template) { return fillLink(template, values()); }

    function renderChannels() {
      channels.textContent = "";
      channels.appendChild(el("h3", { id: "kb-channels-h", text: t.help_menu }));
      var list = el("ul", {});
      data.channels.forEach(function (c) {
        if (CHANNEL_KEYS.indexOf(c.key) < 0) return;
        var a = el("a", { "data-channel": c.key, href: fill(c.href) }, [el("span", { class: "kb-label", text: c.label })]);
        if (/^https?:/i.test(c.href)) { a.target = "_blank"; a.rel = "noopener"; }
        if (c.detail) a.appendChild(el("span", { class: "kb-detail", text: c.detail }));
        var li = el("li", { class: "kb-channel kb-channel--" + c.key }, [a]);
        var notes = [c.toll_free ? t.toll_free : "", c.hours].filter(Boolean).join(" \u00b7 ");
        if (notes && c.key === "hotline") li.appendChild(el("span", { class: "kb-hours", text: notes }));
        else if (notes) a.title = notes;
        ["click", "focus", "mouseover", "auxclick"].forEach(function (type) {
          a.addEventListener(type, function () { a.href = fill(c.href); });
        });
        list.appendChild(li);
      });
      channels.appendChild(list);
      channels.appendChild(el("a", {
        class: "kb-all", href: abs(data.contact), target: "_blank", rel: "noopener", text: t.contact_page
      }));
    }

    function refreshChannels() {
      var links = channels.querySelectorAll("a[data-channel]");
      data.channels.forEach(function (c, i) { if (links[i]) links[i].href = fill(c.href); });
    }

    // --- one answer: short answer, link to the full answer, "Was this helpful?" ---
    function showAnswer(id, from) {
      var e = own(data.entries, id);
      if (!e) return;
      current = id;
      openedFrom = from || null;
      // kbgen-recent {
      rememberRecent(id);
      // } kbgen-recent
      answer.textContent = "";
      var back = el("button", { type: "button", class: "kb-back", text: "\u2190 " + t.widget_back });
      back.addEventListener("click", hideAnswer);
      var h = el("h3", { id: "kb-answer-h", tabindex: "-1", text: e[0] });
      var feedbackStatus = el("p", { class: "kb-feedback-status", role: "status", "aria-live": "polite", tabindex: "-1" });
      var yes = el("button", { type: "button", class: "kb-choice", "data-helpful": "yes", text: t.helpful_yes });
      var no = el("button", { type: "button", class: "kb-choice", "data-helpful": "no", text: t.helpful_no });
      var choices = el("div", { class: "kb-choices", role: "group", "aria-labelledby": "kb-helpful-h" }, [yes, no]);
      // After a vote, an optional comment, right below (in view); the channels stay where they
      // always are, in the bar below, once.
      var comment = el("textarea", { id: "kb-comment", class: "kb-comment", rows: "3", maxlength: "2000" });
      var send = el("button", { type: "button", class: "kb-choice kb-send", text: t.feedback_send });
      var commentStatus = el("p", { class: "kb-comment-status", role: "status", "aria-live": "polite", tabindex: "-1" });
      var more = el("div", { class: "kb-more-feedback", hidden: true }, [
        el("label", { for: "kb-comment", text: t.feedback_comment }), comment, send, commentStatus
      ]);
      var busy = false, sending = false;
      function choose(event) {
        if (busy) return;
        busy = true;
        feedbackStatus.textContent = t.feedback_sending;
        var helpful = event.currentTarget.getAttribute("data-helpful");
        more.hidden = false;  // at once: one tap, and the box is there
        sendFeedback(id, helpful, "").then(function () {
          busy = false;
          feedbackStatus.textContent = t.feedback_thanks + (helpful === "no" ? " " + t.feedback_sorry_below : "");
          choices.hidden = true;
          feedbackStatus.focus({ preventScroll: true });
          more.scrollIntoView({ block: "nearest" });
        }, function () {
          busy = false;  // the buttons stay, so the shopper can try again; the channels are below
          feedbackStatus.textContent = t.widget_feedback_unconfirmed;
        });
        more.scrollIntoView({ block: "nearest" });
      }
      /* A comment carries no second vote (the vote was its own post). */
      send.addEventListener("click", function () {
        var text = comment.value.trim();
        if (sending) return;
        if (!text) { comment.focus(); return; }
        sending = true;
        commentStatus.textContent = t.feedback_sending;
        sendFeedback(id, "", text).then(function () {
          sending = false;
          comment.value = "";
          commentStatus.textContent = t.comment_sent;
        }, function () {
          sending = false;  // the text stays, to send again
          commentStatus.textContent = t.comment_not_sent;
        });
      });
      yes.addEventListener("click", choose);
      no.addEventListener("click", choose);
      answer.append(
        back, h,
        el("p", { class: "kb-short", text: e[1] }),
        el("a", { class: "kb-full", href: abs(e[2]), target: "_blank", rel: "noopener", text: t.widget_full_answer }),
        el("div", { class: "kb-feedback" }, [
          el("h4", { id: "kb-helpful-h", text: t.was_helpful }), choices, feedbackStatus, more
        ])
      );
      answer.hidden = false;
      context.hidden = true;
      results.hidden = true;
      refreshChannels();
      h.focus();
    }

    function hideAnswer() {
      current = null;
      answer.hidden = true;
      answer.textContent = "";
      showLists();
      refreshChannels();
      if (openedFrom && openedFrom.isConnected) openedFrom.focus(); else quietFocus(input);
    }

    function showLists() {
      var searching = input.value.trim() !== "";
      results.hidden = !searching;
      context.hidden = searching;
    }

    /* Sent the way the help site sends it (help.js): the same fields, form-encoded, CORS mode,
       no cookies; "thank you" only for a 2xx answer the browser let us read. */
    function sendFeedback(id, helpful, comment) {
      var fields = new URLSearchParams();
      fields.set("form-name", "feedback");
      fields.set("entry_id", id);
      fields.set("page_url", shopPage());
      fields.set("query", lastQuery);
      fields.set("source", "widget");
      fields.set("bot-field", "");
      if (helpful) fields.set("helpful", helpful);
      if (comment) fields.set("comment", comment);
      var controller = new AbortController();
      var timer = setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS);
      return fetch(abs(data.feedback.url), {
        method: "POST", mode: "cors", credentials: "omit",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: fields.toString(), signal: controller.signal
      }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r;
      }).finally(function () { clearTimeout(timer); });
    }

    // --- search: the help site's worker, started from a blob: URL under the shop's CSP ---
    /* Started (warmed: the worker's files and the index's manifest, no query's files) when the
       shopper is about to search: a mouse resting on the launcher or the keyboard's focus on it
       (widget.js calls api.warm), or the search box hovered, pressed, focused by the shopper or
       typed in. Opening the panel alone fetches only this page's answers (issue 20: at most
       20 KB at catalog size), not the search, even with the focus put in its box; a phone pays
       for the search when its shopper taps the box. The worker's files (one bundle, kbgen/widget/files.py) and the
       index's manifest come in one round trip: the bundle's download and the index's start
       together, and the index's first files follow with the first query's. A warm-up that
       failed is said when the shopper searches (query: failed). */
    var worker = null, ready = false, failed = false, seq = 0, timer = 0, placing = false, shownSeq = 0;
    var slowStart = false;
    var renewing = false;  // Try again is asking for the current names: what is typed waits for it

    function startWorker() {
      if (worker || failed) return;
      try {
        var setup = "self.kbgenWorker=" + JSON.stringify({
          index: abs(data.search_index), bundled: true
        }) + ";self.kbgenWorker.download=fetch(self.kbgenWorker.index).then(function(r){" +
          "if(!r.ok)throw new Error(\"HTTP \"+r.status);return r.json();});" +
          "self.kbgenWorker.download.catch(function(){});" +  // said by the worker, or by onerror
          "importScripts(" + JSON.stringify(abs(data.search_worker)) + ");";
        var url = URL.createObjectURL(new Blob([setup], { type: "text/javascript" }));
        worker = new Worker(url);
        URL.revokeObjectURL(url);
      } catch (err) {
        searchFailed();
        return;
      }
      worker.onmessage = onMessage;
      worker.onerror = function (event) { event.preventDefault(); searchFailed(); };
      timer = setTimeout(function () { if (!ready) searchSlow(); }, SEARCH_TIMEOUT_MS);
    }

    /* Search can't answer this query now: said in full in the results (the one-line status may
       be cut short on a phone), without the answers of an earlier query, and with Try again,
       which runs `again` and puts the focus back in the box. A slow query keeps the earlier
       text's answers (nothing moves): the note and the button come after them. */
    function searchTrouble(state, q, text, again, keep) {
      status.textContent = text;
      said.textContent = "";
      if (!keep) results.textContent = "";
      results.dataset.state = state;
      if (!keep) results.dataset.query = q;  // kept: the earlier text's answers, as their query says
      var retry = el("button", { type: "button", class: "kb-choice kb-retry", text: t.widget_retry });
      var trouble = el("div", { class: "kb-trouble" }, [el("p", { class: "kb-search-note", text: text }), retry]);
      retry.addEventListener("click", function () {
        quietFocus(input);
        trouble.remove();  // what was said is over; what comes next says itself
        again();
      });
      var old = results.querySelector(".kb-trouble");
      if (old) old.remove();
      results.appendChild(trouble);
    }

    /* Try again after a start that failed or is slow: the worker and its index from the start
       (the connection may be back), then the box's query. After a failed start the worker's
       file may be gone (a deploy of a newer kbgen since the data came): the current names are
       asked for first. */
    function startAgain() {
      clearTimeout(timer);
      status.textContent = t.search_loading;
      results.dataset.state = "searching";
      renewing = failed;
      (failed ? renewed() : Promise.resolve()).then(function () {
        renewing = false;
        if (worker) worker.terminate();
        worker = null;
        ready = false;
        failed = false;
        slowStart = false;
        query();
      });
    }

    /* The search has not loaded after SEARCH_TIMEOUT_MS: nothing failed, the network may only
       be slow. Said so, not "not available"; the answer shows when it comes (onMessage). */
    function searchSlow() {
      slowStart = true;
      said.textContent = "";
      var q = input.value.trim();
      if (q) searchTrouble("slow", q, t.search_start_slow, startAgain);
    }

    function searchFailed() {
      failed = true;
      clearTimeout(timer);
      results.dataset.state = "failed";
      said.textContent = "";
      var q = input.value.trim();
      if (q) searchTrouble("failed", q, t.search_failed, startAgain);
    }

    function onMessage(event) {
      var msg = event.data || {};
      if (msg.error && msg.seq === undefined) { searchFailed(); return; }
      if (msg.ready) {
        ready = true;
        clearTimeout(timer);
        if (input.value.trim()) query();
        return;
      }
      if (msg.seq !== seq) {
        /* An earlier text's answer while the box's own is on its way (each key asks anew, and
           with the index's first files still coming the last key's answer may take a while):
           shown, its status naming its text, when newer than what is shown and the box still
           begins with that text. The box's own answer replaces it. */
        if (msg.seq > shownSeq && msg.hits && results.dataset.state === "searching" &&
            input.value.trim().indexOf(msg.q) === 0) {
          render(msg);
          results.dataset.state = "searching";
        }
        return;
      }
      clearTimeout(timer);
      if (msg.wait) {  // a split index: this prefix would fetch too much, one more letter narrows it
        results.textContent = "";
        said.textContent = "";
        status.textContent = msg.text;
        results.dataset.query = msg.q;
        results.dataset.state = "wait";
        return;
      }
      if (msg.error) {  // a split index says which: a file that could not come, or a new deploy
        searchTrouble("error", msg.q, msg.text || format(t.search_query_failed, { q: msg.q }), query);
        return;
      }
      render(msg);
    }

    /* A channel link the worker filled, with the shop page and product this page sent it. */
    function channelItem(c) {
      var href = c.href;
      var a = el("a", { "data-channel": c.key, href: href }, [el("span", { class: "kb-label", text: c.label })]);
      if (/^https?:/i.test(href)) { a.target = "_blank"; a.rel = "noopener"; }
      if (c.detail) a.appendChild(el("span", { class: "kb-detail", text: c.detail }));
      return el("li", { class: "kb-channel kb-channel--" + c.key }, [a]);
    }

    /* What the help site's search shows above its results (search.js: renderAnswers), from the
       worker's message: compatibility answers from the product graph, then the channels asked for. */
    function answerCards(msg) {
      var out = [];
      (msg.which || []).forEach(function (w) {  // "which one?": both products as links
        out.push(el("div", {
          class: "kb-card kb-card--which", "data-which": w.products.map(function (p) { return p.id; }).join(" ")
        }, [el("p", { class: "kb-verdict", text: w.ask }), el("ul", { class: "kb-pair" }, w.products.map(function (p) {
          var found = known(p.id);
          return el("li", {}, [productAnchor(p.id, found ? found.url : p.url, p.name)]);
        }))]));
      });
      (msg.compat || []).forEach(function (c) {
        var card = el("div", {
          class: "kb-card kb-card--compat", "data-compat": "", "data-verdict": c.verdict,
          "data-products": c.products.map(function (p) { return p.id; }).join(" ")
        }, [el("p", { class: "kb-verdict", text: c.text })]);
        if (c.verdict === "no" && c.reason) {
          card.appendChild(el("p", { class: "kb-reason", text: c.reasonText }));
        }
        card.appendChild(el("ul", { class: "kb-pair" }, c.products.map(function (p) {
          var found = known(p.id);
          return el("li", {}, [productAnchor(p.id, found ? found.url : p.url, p.name)]);
        })));
        if (c.channels && c.channels.length) {
          card.appendChild(el("p", { text: t.search_compat_channels }));
          card.appendChild(el("ul", { class: "kb-intent-channels" }, c.channels.map(channelItem)));
        }
        out.push(card);
      });
      if (msg.channels && msg.channels.length) {
        out.push(el("div", { class: "kb-card kb-card--channels", "data-intent": "" }, [
          el("p", { class: "kb-verdict", text: t.search_channels }),
          el("ul", { class: "kb-intent-channels" }, msg.channels.map(channelItem))
        ]));
      }
      return out;
    }

    /* A result's short answer, for its answer view, when no part of the data brought it. */
    function remember(hit) {
      if (own(data.entries, hit.id) || typeof hit.summary !== "string") return;
      var stage = Object.keys(data.stages).filter(function (id) { return data.stages[id].title === hit.stage; })[0];
      data.entries[hit.id] = [hit.question, hit.summary, hit.url, stage || ""];
    }

    function render(msg) {
      results.textContent = "";
      var cards = answerCards(msg);
      cards.forEach(function (card) { results.appendChild(card); });
      said.textContent = cards.map(function (card) {  // a verdict, or "Talk to us:" and the channels
        var words = [card.querySelector(".kb-verdict").textContent];
        if (card.hasAttribute("data-intent")) {
          card.querySelectorAll("a[data-channel] .kb-label").forEach(function (l) { words.push(l.textContent); });
        }
        return words.join(" ");
      }).join(" ");
      var items = msg.hits.map(function (hit) {
        var li = null;
        if (hit.kind === "entry") { remember(hit); li = entryLink(hit.id, hit.question, hit.url); }
        if (hit.kind === "product") {
          li = el("li", {}, [el("a", {
            href: abs(hit.url), "data-product-id": hit.id, target: "_blank", rel: "noopener", text: hit.question
          })]);
        }
        // where it is on the help site: the stage's title, or "Products"
        if (li && hit.stage) li.appendChild(el("span", { class: "kb-where", text: hit.stage }));
        return li;  // null: a kind this widget doesn't know yet
      }).filter(Boolean);
      var n = items.length, total = Math.max(msg.total || 0, n);  // as on the help site
      status.textContent = n === 0 ? format(t.search_none, { q: msg.q })
        : total > n ? format(t.search_count_of, { n: n, total: total, q: msg.q })
        : format(n === 1 && t.search_count_one ? t.search_count_one : t.search_count, { n: n, q: msg.q });
      if (items.length) results.appendChild(el("ul", { class: "kb-entries" }, items));
      results.dataset.query = msg.q;
      results.dataset.state = "done";
      shownSeq = msg.seq;
    }

    function query() {
      var q = input.value.trim();
      if (!q) return;
      lastQuery = q;
      seq += 1;
      if (failed && !renewing) { searchFailed(); return; }
      results.dataset.state = "searching";
      if (renewing) { status.textContent = t.search_loading; return; }  // startAgain asks then
      startWorker();
      if (!ready) { if (slowStart) searchSlow(); else status.textContent = t.search_loading; return; }
      worker.postMessage({
        seq: seq, q: q, limit: 10, page_url: shopPage(), product: (view && view.product) || ""
      });
      clearTimeout(timer);
      var mine = seq;
      /* No answer after SEARCH_TIMEOUT_MS: nothing failed, the network may only be slow. Said so;
         the answer shows when it comes (onMessage renders the box's own answer in any state). */
      timer = setTimeout(function () {
        if (mine === seq && results.dataset.state === "searching") {
          searchTrouble("slow", q, format(t.search_query_slow, { q: q }), query, true);
        }
      }, SEARCH_TIMEOUT_MS);
    }

    /* The panel puts the focus in the search box (open, back from an answer): no search yet. */
    function quietFocus(node) {
      placing = true;
      try { node.focus(); } finally { placing = false; }
    }

    function focusSearch() { quietFocus(touch ? title : input); }

    input.addEventListener("focus", function () { if (!placing) startWorker(); });
    input.addEventListener("pointerenter", startWorker);
    input.addEventListener("pointerdown", startWorker);
    input.addEventListener("input", function () {
      if (current) { current = null; answer.hidden = true; answer.textContent = ""; }
      showLists();
      if (input.value.trim()) query();
      else { status.textContent = ""; said.textContent = ""; results.textContent = ""; seq += 1; }
      refreshChannels();
    });

    // --- open, close, focus ---
    function focusables() {
      return Array.prototype.filter.call(
        dialog.querySelectorAll("a[href], button, input, [tabindex='0']"),
        function (n) { return !n.closest("[hidden]") && n.getClientRects().length > 0; }
      );
    }

    root.addEventListener("keydown", function (event) {  // the dialog, or the launcher while it is open
      if (dialog.hidden) return;
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        api.close(true);
      } else if (event.key === "Tab") {  // the dialog keeps focus until it is closed
        var all = focusables(), first = all[0], last = all[all.length - 1], active = root.activeElement;
        if (!all.length || !dialog.contains(active) && active !== env.launcher) return;
        if (event.shiftKey && (active === first || !dialog.contains(active))) { event.preventDefault(); last.focus(); }
        else if (!event.shiftKey && (active === last || !dialog.contains(active))) { event.preventDefault(); first.focus(); }
      }
    });
    close.addEventListener("click", function () { api.close(true); });

    var api = {
      isOpen: function () { return !dialog.hidden; },
      warm: startWorker,
      open: function () {
        if (!dialog.hidden) { focusSearch(); return; }
        var w = wanted();
        if (partsFailed || !shown || w.product !== shown.product || w.stage !== shown.stage) {
          shown = w;
          showContext();
        }
        if (!channels.firstChild) renderChannels(); else refreshChannels();
        if (current) { context.hidden = true; results.hidden = true; } else showLists();  // an answer stays open
        dialog.hidden = false;
        env.launcher.setAttribute("aria-expanded", "true");
        var heading = current && answer.querySelector("h3");
        if (heading) heading.focus(); else focusSearch();  // an answer left open is where the shopper was
      },
      close: function (returnFocus) {
        dialog.hidden = true;
        env.launcher.setAttribute("aria-expanded", "false");
        if (returnFocus !== false) env.launcher.focus();
      },
      /* kbgen.setContext(): a single-page shop moved to another page. What was open (an answer,
         a search) belonged to the last page, as it would on a shop whose pages load anew. */
      refresh: function () {
        var w = wanted();
        if (shown && w.product === shown.product && w.stage === shown.stage) return;
        // a closed panel shows the new page's answers when it opens (no part is fetched before)
        shown = dialog.hidden ? null : w;
        restart(dialog.contains(root.activeElement), dialog.hidden ? function () { view = null; } : showContext);
      }
    };

    /* A new page of a single-page shop: what was open (an answer, a search) was the last page's. */
    function restart(hadFocus, render) {
      current = null;
      answer.hidden = true;
      answer.textContent = "";
      input.value = "";
      lastQuery = "";
      seq += 1;
      status.textContent = "";
      said.textContent = "";
      results.textContent = "";
      showLists();
      render();
      refreshChannels();
      if (!dialog.hidden && hadFocus && !dialog.contains(root.activeElement)) title.focus();
    }
    return api;
  }

  window.kbgen._panel(factory);
})();

/* kbgen shop help widget: the loader (site/widget.js, at a stable URL).
 * It renders a Help button in an open shadow root and defines window.kbgen = {open, setContext}.
 * Nothing else is fetched until the shopper opens it or the browser is idle; then the panel's
 * script and data come from the same help site. A mouse over the launcher or the keyboard's focus
 * on it (a shopper about to open it) also starts the panel's search: its worker and the index's
 * small manifest, no query's files. A tap (a phone) does not. No cookies, no storage, no other
 * origin. The page is changed only by appending one <kbgen-help> element to <body>. */
(function () {
  "use strict";
  var C = /*KBGEN_CONFIG*/{};
  // A tag manager may insert the script itself: then find it by its name.
  var me = document.currentScript || document.querySelector("script[src$='/widget.js']");
  if (window.kbgen && window.kbgen.version || !me || !me.src) return;
  // Styles are constructed stylesheets (no inline styles under the shop's CSP): browsers without
  // them (Safari before 16.4) get no widget rather than an unstyled one.
  if (!("adoptedStyleSheets" in ShadowRoot.prototype) || !window.customElements) return;
  // Calls made before the loader arrived: window.kbgen = {q: [["setContext", [{...}]], ["open"]]}.
  var queued = window.kbgen && Array.isArray(window.kbgen.q) ? window.kbgen.q : [];
  var base = new URL(".", me.src).href;
  if (C.origins.length && C.origins.indexOf(location.origin) < 0) {
    console.warn("kbgen: this help widget is not set up for " + location.origin + " (widget.origins)");
    return;
  }
  // A help site in several languages: follow data-lang on this script, else the page's <html lang>
  // (zh-TW, zh-HK, zh-MO read zh-Hant; zh-CN, zh-SG zh-Hans), else stay in this loader's language.
  if (C.languages) {
    var REGIONS = { "zh-tw": "zh-hant", "zh-hk": "zh-hant", "zh-mo": "zh-hant", "zh-cn": "zh-hans",
                    "zh-sg": "zh-hans", "zh-my": "zh-hans", "zh": "zh-hans" };
    var wanted = (me.getAttribute("data-lang") || document.documentElement.lang || "").toLowerCase();
    var parts = wanted.split("-");
    var tries = [wanted, REGIONS[wanted], REGIONS[parts.slice(0, 2).join("-")], parts[0]];
    var found = null;
    for (var t = 0; t < tries.length && !found; t++) {
      for (var code in C.languages) {
        if (tries[t] && code.toLowerCase() === tries[t]) { found = C.languages[code]; break; }
      }
    }
    if (found) {
      base = new URL(found.folder, base).href;
      ["label", "panel", "data", "failed", "contact", "contact_label"].forEach(function (k) { C[k] = found[k]; });
    }
  }
  var ctx = { product: me.getAttribute("data-product") || "", stage: me.getAttribute("data-stage") || "" };
  var K = C.colours;  // the help site's palette, contrast-checked at build time (kbgen/widget/colours.py)
  var CSS = ":host{all:initial!important;position:fixed!important;right:16px!important;bottom:16px!important;" +
    "z-index:2147483000!important;display:block!important;font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto," +
    "'Noto Sans','PingFang SC','Microsoft YaHei',sans-serif!important;color:#1c1b1a!important;" +
    "--kb-primary:" + K.primary + "!important;--kb-on-primary:" + K.on_primary + "!important;" +
    "--kb-link:" + K.link + "!important}" +
    ".kb-launcher{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;gap:8px;min-height:48px;" +
    "padding:0 20px 0 14px;border-radius:24px;background:var(--kb-primary);color:var(--kb-on-primary);" +
    "border:1px solid rgba(0,0,0,.25);font:inherit;font-weight:600;cursor:pointer;" +
    "box-shadow:0 2px 10px rgba(0,0,0,.35)}.kb-launcher:hover{box-shadow:0 3px 14px rgba(0,0,0,.5)}" +
    ".kb-launcher:focus-visible{outline:3px solid var(--kb-link);outline-offset:3px}" +
    ".kb-launcher svg{width:22px;height:22px}" +
    ".kb-failed{position:fixed;right:0;bottom:64px;width:min(320px,calc(100vw - 32px));box-sizing:border-box;" +
    "padding:16px;background:#fff;color:#1c1b1a;border:1px solid #8d8d8d;border-radius:12px}" +
    ".kb-failed a{color:var(--kb-link)}";
  var HOVER_MS = 65;  // a pointer resting on the launcher this long means to open it
  var host = null, root = null, button = null, loading = null, panel = null, register = null, failBox = null;

  function sheet(text) {
    var s = new CSSStyleSheet();
    s.replaceSync(text);
    return s;
  }

  function icon() {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 16.2a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6zm" +
      "1.6-6.1c-.8.5-.9.8-.9 1.5v.4h-2.2v-.5c0-1.4.5-2.1 1.6-2.8.8-.5 1.1-.9 1.1-1.5 0-.7-.6-1.2-1.4-1.2-.9 0-1.5.5-1.6" +
      " 1.4H8c.1-2.1 1.6-3.4 3.9-3.4 2.2 0 3.7 1.2 3.7 3 0 1.2-.6 2-1.9 2.7z");
    svg.appendChild(path);
    return svg;
  }

  function mount() {
    if (host) return;
    if (!customElements.get("kbgen-help")) customElements.define("kbgen-help", class extends HTMLElement {});
    host = document.createElement("kbgen-help");
    root = host.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [sheet(CSS)];
    button = document.createElement("button");
    button.type = "button";
    button.className = "kb-launcher";
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    var label = document.createElement("span");
    label.textContent = C.label;
    button.append(icon(), label);
    button.addEventListener("click", function () {
      if (panel && panel.isOpen()) panel.close(false); else open();
    });
    // A mouse or a pen resting on it (a touch's pointerenter comes with its tap; a pointer only
    // passing over it stays less than HOVER_MS), or the keyboard's focus (not the focus a
    // closing panel gives back after a tap): warm the search.
    var resting = 0;
    button.addEventListener("pointerenter", function (event) {
      if (event.pointerType !== "touch") resting = setTimeout(warm, HOVER_MS);
    });
    button.addEventListener("pointerleave", function () { clearTimeout(resting); });
    // A press before the rest is over opens the panel, which is light; the search then starts at
    // the shopper's touch of its box.
    button.addEventListener("pointerdown", function () { clearTimeout(resting); });
    button.addEventListener("focus", function () {
      var keyboard = false;
      try { keyboard = button.matches(":focus-visible"); } catch (e) { /* a browser before :focus-visible */ }
      if (keyboard) warm();
    });
    root.appendChild(button);
    document.body.appendChild(host);
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 3000); };
    var later = function () { idle(function () { load().catch(function () {}); }); };
    if (document.readyState === "complete") later(); else window.addEventListener("load", later);
  }

  function json(url) {
    return fetch(url, { credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }

  /* The panel's script and data, once; a failed load may be tried again at the next click. */
  function load() {
    if (!loading) {
      var script = new Promise(function (resolve, reject) {
        register = resolve;
        var s = document.createElement("script");
        s.src = base + C.panel;
        s.onerror = function () { s.remove(); reject(new Error("panel script did not load")); };
        root.appendChild(s);
      });
      loading = Promise.all([script, json(base + C.data)]).then(function (parts) {
        panel = parts[0]({ root: root, base: base, data: parts[1], launcher: button, context: ctx });
        return panel;
      }, function (err) {
        loading = null;
        throw err;
      });
    }
    return loading;
  }

  /* The panel's script and data (if the browser was not idle yet), then its search's start. A
     failure here is said by the click that opens the panel, or by the search that needs it. */
  function warm() {
    load().then(function (p) { if (p.warm) p.warm(); }, function () {});
  }

  /* Said, not hidden: the help could not be loaded; the help site's contact page still works. */
  function failed() {
    if (!failBox) {
      failBox = document.createElement("div");
      failBox.className = "kb-failed";
      failBox.setAttribute("role", "alert");
      var p = document.createElement("p"), a = document.createElement("a");
      p.textContent = C.failed;
      a.href = new URL(C.contact, base).href;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = C.contact_label;
      failBox.append(p, a);
      root.insertBefore(failBox, button);
    }
    failBox.hidden = false;
  }

  function open() {
    if (!document.body) { document.addEventListener("DOMContentLoaded", open); return; }
    mount();
    button.setAttribute("aria-busy", "true");
    return load().then(function (p) {
      button.removeAttribute("aria-busy");
      if (failBox) failBox.hidden = true;
      p.open();
    }, function () {
      button.removeAttribute("aria-busy");
      failed();
    });
  }

  var api = {
    version: 1,
    open: function () { open(); },
    setContext: function (next) {
      ctx.product = next && next.product ? String(next.product) : "";
      ctx.stage = next && next.stage ? String(next.stage) : "";
      if (panel) panel.refresh();
    }
  };
  Object.defineProperty(api, "_panel", { value: function (factory) { if (register) register(factory); } });
  window.kbgen = api;
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
  queued.forEach(function (call) {
    if (call && (call[0] === "open" || call[0] === "setContext")) api[call[0]].apply(api, call[1] || []);
  });
})();

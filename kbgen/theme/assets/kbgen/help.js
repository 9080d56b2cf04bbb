/* kbgen: the help menu, context-carrying contact links and the feedback forms.
 * No third-party code; the DOM is changed only through properties and textContent. */
(function () {
  "use strict";
  var QUERY_KEY = "kbgen:last-query";
  var params = new URLSearchParams(window.location.search);

  function store(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function load(key) {
    try { return window.sessionStorage.getItem(key) || ""; } catch (e) { return ""; }
  }

  // The last search: from ?q= (or ?query=) on any page, or from what is typed into a search box.
  var urlQuery = params.get("q") || params.get("query") || "";
  if (urlQuery) store(QUERY_KEY, urlQuery.slice(0, 1000));
  /* What is typed is kept here and stored a moment after typing stops, or at once when the
     shopper leaves (a link, another tab, closing): storing costs about 0.4 ms, too much for
     every keystroke. This page's own links read it from here. */
  var typed = "", unsaved = false, saveTimer = 0, SAVE_MS = 1000;
  function saveQuery() {
    clearTimeout(saveTimer);
    if (unsaved) store(QUERY_KEY, typed);
    unsaved = false;
  }
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el instanceof HTMLInputElement && el.type === "search" && el.value.trim()) {
      typed = el.value.trim().slice(0, 1000);
      unsaved = true;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveQuery, SAVE_MS);
    }
  });
  window.addEventListener("pagehide", saveQuery);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") saveQuery();
  });
  // A link opened in a new tab starts with a copy of this tab's storage: stored before it opens.
  ["click", "auxclick"].forEach(function (type) { document.addEventListener(type, saveQuery, true); });

  function context() {
    var from = params.get("from");
    var referrer = document.referrer && document.referrer.indexOf(window.location.origin + "/") === 0
      ? document.referrer : "";
    var onContactPage = document.querySelector(".kb-contact-page") !== null;
    return {
      entry_id: params.get("entry") || "",
      question: params.get("question") || "",
      stage: params.get("stage") || "",
      page_url: (onContactPage && (from || referrer)) || window.location.href,
      query: (unsaved && typed) || load(QUERY_KEY) || urlQuery,
      product: pageProduct()
    };
  }

  /* The shop widget's {product} on the search page (a product page's is filled by the build):
     the product it asks about (?product=), shown under its box once search knows it; none once
     dropped. */
  function pageProduct() {
    var about = document.getElementById("kb-search-about");
    return about && !about.hidden ? about.getAttribute("data-product") || "" : "";
  }

  /* A channel's URL template filled (kbgen/core/channels.py's placeholders), leaving out what
     would be empty: a query field (topic={question}) or a line of an e-mail's text
     (Entry: {entry_id}) whose placeholders are all empty. Twins: search-worker.js, widget-panel.js. */
  var PLACEHOLDER = /\{(entry_id|question|stage|page_url|query|product)\}/g;
  function fill(template, values) {
    function value(name) { return Object.prototype.hasOwnProperty.call(values, name) ? values[name] || "" : ""; }
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

  function refreshLink(link) {
    link.href = fill(link.getAttribute("data-kb-href"), context());
  }
  document.querySelectorAll("a[data-kb-href]").forEach(refreshLink);
  ["click", "focusin", "mouseover", "auxclick"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target instanceof Element && event.target.closest("a[data-kb-href]");
      if (link) refreshLink(link);
    }, true);
  });

  function fillInputs(root) {
    var values = context();
    root.querySelectorAll("[data-kb-fill]").forEach(function (input) {
      var name = input.getAttribute("data-kb-fill");
      if (input.type === "hidden" || !input.value) input.value = values[name] || "";
    });
  }
  fillInputs(document);

  // The help button: a link to the contact page without JavaScript, a disclosure button with it.
  document.querySelectorAll("[data-kb-help]").forEach(function (box) {
    var link = box.querySelector("[data-kb-help-toggle]");
    var menu = box.querySelector(".kb-help__menu");
    if (!link || !menu) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", menu.id);
    link.replaceWith(button);

    function setOpen(open, returnFocus) {
      menu.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (open) {
        var first = menu.querySelector("a");
        if (first) first.focus();
      } else if (returnFocus) {
        button.focus();
      }
    }
    button.addEventListener("click", function () {
      setOpen(menu.hidden, false);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !menu.hidden) {
        event.preventDefault();
        setOpen(false, true);
      }
    });
    document.addEventListener("click", function (event) {
      if (!menu.hidden && !box.contains(event.target)) setOpen(false, false);
    });
  });

  // Feedback forms: sent with fetch (Netlify Forms or the configured endpoint), with a status.
  // "Thank you" only when the endpoint answered 2xx: a network error, a non-2xx answer, a
  // cross-origin endpoint that doesn't allow CORS (mode "cors", never a blind "no-cors") or no
  // answer within SEND_TIMEOUT_MS all say the post did not go through, and show the channels.
  var SEND_TIMEOUT_MS = 15000;

  /* The channels to show when a post failed: the form's own [data-kb-feedback-failed] block,
     or else one built from the help menu's channel list and its link to the contact page. */
  function failedBlock(form, status) {
    var block = form.querySelector("[data-kb-feedback-failed]");
    if (block) return block;
    var channels = document.querySelector("#kb-help-menu .kb-channels");
    var all = document.querySelector("#kb-help-menu .kb-help__all");
    if (!channels && !all) return null;
    block = document.createElement("div");
    block.className = "kb-feedback-form__failed";
    block.setAttribute("data-kb-feedback-failed", "");
    block.hidden = true;
    if (channels) block.appendChild(channels.cloneNode(true));
    if (all) block.appendChild(all.cloneNode(true));
    status.after(block);
    return block;
  }

  function send(url, body) {
    var target = new URL(url, window.location.href);
    var sameOrigin = target.origin === window.location.origin;
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS);
    return fetch(target.href, {
      method: "POST",
      mode: sameOrigin ? "same-origin" : "cors",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response;
    }).finally(function () {
      if (timer) clearTimeout(timer);
    });
  }

  /* "Was this helpful?": one tap posts the vote, and the optional comment box is there at once,
     in view (the contact channels follow the form, once). A comment is its own post and carries
     no second vote. The missing-answer form on the contact page is one plain post. */
  document.querySelectorAll("form[data-kb-feedback]").forEach(function (form) {
    var more = form.querySelector(".kb-feedback-form__more");
    var choices = form.querySelector(".kb-feedback-form__choices");
    var sorry = form.querySelector("[data-kb-feedback-sorry]");
    var status = form.querySelector("[data-kb-feedback-status]");
    var comment = more && more.querySelector("textarea");
    var busy = false;
    if (!status) return;
    if (!status.hasAttribute("tabindex")) status.tabIndex = -1;
    if (more && choices) more.hidden = true;

    function setStatus(text) {
      status.textContent = text || "";
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;  // one post at a time; buttons stay enabled so focus never drops
      var submitter = event.submitter;
      var choice = submitter && submitter.name === "helpful" ? submitter.value : "";
      var commenting = !!(submitter && submitter.hasAttribute("data-kb-feedback-send"));
      if (commenting && comment && !comment.value.trim()) { comment.focus(); return; }
      fillInputs(form);
      var data = new FormData(form);
      data.delete("helpful");
      if (choice) data.set("helpful", choice);  // the vote only; a comment is sent without one
      if (choice && comment) data.delete("comment");  // the box may hold text: it goes with Send
      var body = new URLSearchParams();
      data.forEach(function (value, key) { body.append(key, String(value)); });
      var failed = failedBlock(form, status);
      busy = true;
      setStatus(status.getAttribute("data-sending"));
      if (choice && more) {  // at once, in view: one tap, then the box
        more.hidden = false;
        more.scrollIntoView({ block: "nearest" });
      }
      send(form.getAttribute("action") || "", body.toString()).then(function () {
        busy = false;
        if (failed) failed.hidden = true;
        if (commenting) {
          setStatus(status.getAttribute("data-comment-sent") || status.getAttribute("data-thanks"));
          if (comment) comment.value = "";
          status.focus({ preventScroll: true });
          return;
        }
        setStatus(status.getAttribute("data-thanks"));
        if (sorry) sorry.hidden = choice !== "no";
        if (more) more.hidden = false;
        if (choices && choice) {
          // The Yes/No buttons go away: keep focus on the answer, not the body.
          choices.hidden = true;
          status.focus({ preventScroll: true });
          if (more) more.scrollIntoView({ block: "nearest" });
        }
      }, function () {
        busy = false;
        setStatus(status.getAttribute(commenting && status.hasAttribute("data-comment-failed")
          ? "data-comment-failed" : "data-failed"));
        if (sorry) sorry.hidden = true;
        if (failed) failed.hidden = false;
        // The buttons stay, so the shopper can try again; focus stays on the one pressed.
        if (document.activeElement === document.body || !form.contains(document.activeElement)) {
          status.focus();
        }
      });
    });
  });

  // The 404 page: the search box starts with the words of the address that was not found
  // (its last segment, e.g. /questions/how-to-descale/ -> "how to descale"), never run as code.
  var notFound = document.querySelector("[data-kb-not-found]");
  var notFoundInput = notFound && notFound.querySelector("input[name=q]");
  if (notFoundInput && !notFoundInput.value) {
    var segments = window.location.pathname.split("/").filter(function (part) {
      return part && !/^(index|404)\.html?$/i.test(part);
    });
    var last = segments.length ? segments[segments.length - 1] : "";
    try { last = decodeURIComponent(last); } catch (e) { /* a malformed escape: use it as it is */ }
    var words = last.replace(/\.[a-z0-9]{1,5}$/i, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    notFoundInput.value = words.join(" ").slice(0, 100);
  }
})();


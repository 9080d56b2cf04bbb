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
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el instanceof HTMLInputElement && el.type === "search" && el.value.trim()) {
      store(QUERY_KEY, el.value.trim().slice(0, 1000));
    }
  });

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
      query: load(QUERY_KEY) || urlQuery
    };
  }

  function fill(template, values) {
    return template.replace(/\{(entry_id|question|stage|page_url|query)\}/g, function (_, name) {
      return encodeURIComponent(values[name] || "");
    });
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
  document.querySelectorAll("form[data-kb-feedback]").forEach(function (form) {
    var more = form.querySelector(".kb-feedback-form__more");
    var choices = form.querySelector(".kb-feedback-form__choices");
    var sorry = form.querySelector("[data-kb-feedback-sorry]");
    var status = form.querySelector("[data-kb-feedback-status]");
    var chosen = "";
    if (more && choices) more.hidden = true;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      fillInputs(form);
      var data = new FormData(form);
      var submitter = event.submitter;
      if (submitter && submitter.name === "helpful") chosen = submitter.value;
      data.delete("helpful");
      if (chosen) data.set("helpful", chosen);
      var body = new URLSearchParams();
      data.forEach(function (value, key) { body.append(key, String(value)); });
      var target = new URL(form.getAttribute("action") || "", window.location.href);
      var sameOrigin = target.origin === window.location.origin;
      fetch(sameOrigin ? target.href : target.href, {
        method: "POST",
        mode: sameOrigin ? "same-origin" : "no-cors",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString()
      }).then(function (response) {
        if (sameOrigin && !response.ok) throw new Error(String(response.status));
        status.textContent = status.getAttribute("data-thanks");
        if (choices) choices.hidden = true;
        if (more) more.hidden = false;
        if (sorry) sorry.hidden = chosen !== "no";
        var comment = form.querySelector("textarea");
        if (submitter && submitter.hasAttribute("data-kb-feedback-send") && comment) comment.value = "";
      }).catch(function () {
        status.textContent = status.getAttribute("data-failed");
      });
    });
  });
})();

/* kbgen: search-gap capture (plugins.kbgen.search_gaps: true). When a search on the search page
 * ends with no result — the shopper pressed Enter, or stopped typing for 2 s — the query is posted
 * to the feedback endpoint as form "search-gap", once per page view. Only the query is sent: no
 * page address, no identifier, no cookie (credentials "omit"). search.js is only observed, through
 * #kb-search's data-state and data-query attributes. */
(function () {
  "use strict";
  var IDLE_MS = 2000;
  var root = document.getElementById("kb-search");
  var form = document.querySelector("form[data-kb-search-gap]");
  var input = document.getElementById("kb-search-q");
  if (!root || !form || !input || typeof MutationObserver !== "function") return;
  var sent = false, enter = false, timer = null;

  function unanswered() {
    var q = (root.getAttribute("data-query") || "").trim();
    return root.getAttribute("data-state") === "none" && q ? q : "";
  }

  // The outcome is written on the form (data-kb-search-gap = sent | failed) for tools and tests;
  // the shopper asked for nothing, so nothing is shown.
  function send(query) {
    if (sent) return;
    sent = true;
    clearTimeout(timer);
    var body = new URLSearchParams();
    body.set("form-name", "search-gap");
    body.set("query", query.slice(0, 1000));
    var target = new URL(form.getAttribute("action") || "", window.location.href);
    fetch(target.href, {
      method: "POST",
      mode: target.origin === window.location.origin ? "same-origin" : "cors",
      credentials: "omit",
      keepalive: true,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (response) {
      form.setAttribute("data-kb-search-gap", response.ok ? "sent" : "failed");
    }, function () {
      form.setAttribute("data-kb-search-gap", "failed");
    });
  }

  function settled() {
    clearTimeout(timer);
    if (sent) return;
    var query = unanswered();
    if (!query) return;
    if (enter) { send(query); return; }
    timer = setTimeout(function () {
      var still = unanswered();
      if (still) send(still);
    }, IDLE_MS);
  }

  input.addEventListener("input", function () { enter = false; clearTimeout(timer); });
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    enter = true;
    settled();
  });
  new MutationObserver(settled).observe(root, { attributes: true, attributeFilter: ["data-state", "data-query"] });
  settled();
})();

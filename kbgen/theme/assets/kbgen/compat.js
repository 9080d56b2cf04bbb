/* kbgen compatibility lookup: pick two products, see yes / no (with the reason) / unknown.
 * The links come from the page itself (<script id="kb-compat-data">), so it works on any static
 * host. Text from the catalog is only ever set with textContent.
 * The rules (kbgenCompat.lookup) are also what the search worker answers "does X fit Y" with:
 * it imports this file, where there is no document. */
(function (root) {
  "use strict";

  function lookup(data) {
    var rel = new Map();
    function put(a, b, value) {
      var key = a + " " + b;
      if (!rel.has(key)) rel.set(key, value);
    }
    // Same precedence as kbgen.graph.ProductGraph.relation: incompatible, compatible, accessory.
    data.incompatible.forEach(function (l) {
      put(l[0], l[1], { answer: "no", reason: l[2] });
      put(l[1], l[0], { answer: "no", reason: l[2] });
    });
    data.compatible.forEach(function (l) {
      put(l[0], l[1], { answer: "yes" });
      put(l[1], l[0], { answer: "yes" });
    });
    data.accessory.forEach(function (l) {
      put(l[0], l[1], { answer: "accessory", main: l[0], accessory: l[1] });
      put(l[1], l[0], { answer: "accessory", main: l[0], accessory: l[1] });
    });
    return function (a, b) {
      if (a === b) return { answer: "same" };
      return rel.get(a + " " + b) || { answer: "unknown" };
    };
  }

  /* The verdict shown: yes (compatible or accessory), no, unknown or same. */
  function verdict(r) { return r.answer === "accessory" ? "yes" : r.answer; }

  root.kbgenCompat = { lookup: lookup, verdict: verdict };
  if (typeof document === "undefined") return;  // in the search worker

  function fill(template, names) {
    return template.replace(/\{(a|b|reason)\}/g, function (_, k) { return names[k]; });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function init() {
    var form = document.querySelector("form[data-kb-compat]");
    var source = document.getElementById("kb-compat-data");
    if (!form || !source || form.hasAttribute("data-ready")) return;
    form.setAttribute("data-ready", "");
    var data = JSON.parse(source.textContent);
    var t = data.t;
    var relation = lookup(data);
    var index = new Map(data.products.map(function (p, i) { return [p.id, i]; }));
    var selects = [form.elements.namedItem("a"), form.elements.namedItem("b")];
    var out = form.parentNode.querySelector(".kb-compat__result");

    function productLink(i) {
      var a = el("a", "", data.products[i].name);
      a.href = data.products[i].url;
      return a;
    }

    function show() {
      var a = index.get(selects[0].value);
      var b = index.get(selects[1].value);
      out.replaceChildren();
      if (a === undefined || b === undefined) {
        out.removeAttribute("data-answer");
        return;
      }
      var r = relation(a, b);
      var names = { a: data.products[a].name, b: data.products[b].name };
      var text;
      if (r.answer === "yes") text = fill(t.yes, names);
      else if (r.answer === "no") text = fill(t.no, names);
      else if (r.answer === "accessory") {
        text = fill(t.accessory, { a: data.products[r.main].name, b: data.products[r.accessory].name });
      } else if (r.answer === "same") text = t.same;
      else text = fill(t.unknown, names);
      out.setAttribute("data-answer", verdict(r));
      out.appendChild(el("p", "kb-compat__verdict", text));
      if (r.answer === "no") {
        out.appendChild(el("p", "kb-compat__reason", fill(t.reason_text, { reason: r.reason })));
      }
      if (r.answer !== "same") {
        var links = el("p", "kb-compat__links");
        links.appendChild(productLink(a));
        links.appendChild(document.createTextNode(" · "));
        links.appendChild(productLink(b));
        out.appendChild(links);
      }
    }

    var query = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = query.get(select.name);
      if (wanted && index.has(wanted)) select.value = wanted;
      select.addEventListener("change", show);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show();
    });
    form.hidden = false;
    show();
  }

  init();
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
})(typeof self !== "undefined" ? self : this);

/* kbgen: "Recently viewed" (recently_viewed: true). The answers this browser opened are kept in
   localStorage only: never sent, never in a cookie, cleared with one button. Texts are set with
   textContent and links must stay on this site, so a tampered list can't inject anything. */
(function () {
  "use strict";
  var KEY = "kbgen-recent";
  var MAX = 5;

  function read() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (item) {
        return item && typeof item.id === "string" && typeof item.q === "string" && typeof item.path === "string";
      }) : [];
    } catch (e) {
      return [];
    }
  }

  function write(list) {
    try {
      if (list.length) window.localStorage.setItem(KEY, JSON.stringify(list));
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage off: nothing is kept */ }
  }

  var entry = document.querySelector(".kb-entry[data-entry-id]");
  if (entry) {
    var title = entry.querySelector("h1");
    var id = entry.getAttribute("data-entry-id");
    var list = read().filter(function (item) { return item.id !== id; });
    list.unshift({ id: id, q: title ? title.textContent.trim() : id, path: window.location.pathname });
    write(list.slice(0, MAX));
  }

  document.querySelectorAll("[data-kb-recent]").forEach(function (box) {
    var ul = box.querySelector("ul");
    var clear = box.querySelector("[data-kb-recent-clear]");
    var here = entry ? entry.getAttribute("data-entry-id") : "";
    var shown = read().filter(function (item) { return item.id !== here; });
    shown.forEach(function (item) {
      var url = new URL(item.path, window.location.href);
      if (url.origin !== window.location.origin) return;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = url.pathname;
      a.textContent = item.q;
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.hidden = !ul.children.length;
    if (clear) clear.addEventListener("click", function () {
      write([]);
      ul.textContent = "";
      box.hidden = true;
    });
  });
})();

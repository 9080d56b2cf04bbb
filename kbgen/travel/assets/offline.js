/* kbgen: the offline page lists the answers this device saved (the service worker's cache of
   this language's folder), each by its question, so a reader offline sees what they can open. */
(function () {
  "use strict";
  var box = document.querySelector("[data-kb-offline-saved]");
  if (!box || !window.caches) return;
  var root = box.getAttribute("data-root") || "/";
  var list = box.querySelector("ul");
  caches.open("kbgen-pages " + root).then(function (cache) {
    return cache.keys().then(function (keys) {
      var pages = keys.map(function (k) { return new URL(k.url); }).filter(function (u) {
        return u.origin === location.origin && u.pathname.indexOf(root + "questions/") === 0;
      }).reverse().slice(0, 50);
      return Promise.all(pages.map(function (u) {
        return cache.match(u.href).then(function (r) { return r ? r.text() : ""; }).then(function (html) {
          var h1 = new DOMParser().parseFromString(html, "text/html").querySelector("h1");
          return { href: u.pathname, title: h1 ? h1.textContent.trim() : u.pathname };
        });
      }));
    });
  }).then(function (answers) {
    answers.forEach(function (a) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = a.href;
      link.textContent = a.title;
      li.appendChild(link);
      list.appendChild(li);
    });
    box.hidden = !answers.length;
  }).catch(function () { /* nothing listed */ });
})();

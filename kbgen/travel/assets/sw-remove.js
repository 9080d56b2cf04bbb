/* kbgen: installable: remove. This help center was installable and no longer is: the browser
   finds this worker in place of the old one, which it replaces, deleting what the old one
   kept for this folder, and unregistering itself. Pages then come from the network as before. */
"use strict";
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  var root = new URL(self.registration.scope).pathname;
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name === "kbgen-pages " + root || name.indexOf("kbgen-shell " + root + " ") === 0;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return self.registration.unregister();  // no fetch handler: open pages use the network now
  }));
});

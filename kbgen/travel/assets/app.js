/* kbgen: installable help center (installable: true; kbgen/travel/app.py). Registers this
   language's service worker (sw.js at the language's root, scoped to it) and offers a newer
   version when one is waiting: "Reload" switches to it, "Not now" leaves the page as it is.
   Nothing is forced, nothing is sent anywhere. Without service workers the site works as before. */
(function () {
  "use strict";
  var C = /*KBGEN_APP*/{};
  var me = document.currentScript;
  if (!("serviceWorker" in navigator) || !me || !me.src) return;
  var root = new URL("../../", me.src).href;  // assets/kbgen/app.js -> the language's root
  var asked = false;

  function offer(worker) {
    if (document.querySelector("[data-kb-app-update]")) return;
    var box = document.createElement("div");
    box.className = "kb-app-update";
    box.setAttribute("data-kb-app-update", "");
    box.setAttribute("role", "status");
    document.body.appendChild(box);
    var text = document.createElement("span");
    text.textContent = C.update;
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "md-button md-button--primary";
    reload.textContent = C.reload;
    var later = document.createElement("button");
    later.type = "button";
    later.className = "md-button";
    later.textContent = C.later;
    reload.addEventListener("click", function () {
      asked = true;
      reload.disabled = true;
      worker.postMessage({ type: "kbgen-update" });
    });
    later.addEventListener("click", function () { box.remove(); });
    // Filled after the live region is in the page, so that screen readers say it.
    setTimeout(function () { box.append(text, " ", reload, " ", later); }, 50);
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (asked) window.location.reload();
  });
  window.addEventListener("load", function () {
    var first = !navigator.serviceWorker.controller || navigator.serviceWorker.controller.scriptURL !== root + "sw.js";
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).then(function (reg) {
      // This page came before its worker: ask it to keep the page too, once it runs.
      if (first) {
        var keep = function (worker) { worker.postMessage({ type: "kbgen-keep", url: location.href }); };
        var coming = reg.installing || reg.waiting;
        if (reg.active) keep(reg.active);
        else if (coming) {
          coming.addEventListener("statechange", function () { if (coming.state === "activated") keep(coming); });
        }
      }
      function watch(worker) {
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
        });
      }
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      // The browser may have found the new worker while the page loaded, before this ran.
      else if (navigator.serviceWorker.controller) watch(reg.installing);
      reg.addEventListener("updatefound", function () { watch(reg.installing); });
      // Ask now too: the browser's own check on navigation may come late or not at all.
      if (navigator.serviceWorker.controller) reg.update().catch(function () { /* offline: later */ });
    }).catch(function () { /* no offline copy: the site works as it always did */ });
  });
})();

/* kbgen: the help center's service worker (installable: true; kbgen/travel/app.py).
   Scope: this language's folder of the help site, nothing else (the root's worker leaves the
   other languages' folders to theirs). It keeps:
   - the shell (the stylesheets and scripts pages use, the search's scripts and manifest, the
     offline page), fetched once when it installs;
   - what this browser opened: each page, search file or picture it fetched from this folder,
     when it fetched it. Never the whole site.
   Pages come from the network first, so a reader online always gets today's answers; offline
   they come from here, and a page not saved gets the offline page (in the site's language),
   which says so. Fingerprinted files (name.0123abcd.css) come from here first: they never change.
   A new version waits: the pages offer "Reload" (app.js), nothing is forced. */
"use strict";
var C = /*KBGEN_SW*/{};
var SCOPE = self.registration.scope;
var ROOT = new URL(SCOPE).pathname;
var SHELL = "kbgen-shell " + ROOT + " " + C.version;
var PAGES = "kbgen-pages " + ROOT;
var FINGERPRINTED = /\.[0-9a-f]{8,}(?:\.min)?\.(?:css|js|json|woff2?)$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(C.shell.map(function (path) {
      return new Request(new URL(path, SCOPE).href, { cache: "reload" });
    }));
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("kbgen-shell " + ROOT + " ") === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "kbgen-update") self.skipWaiting();  // the reader chose it
  // The page that installed this worker was fetched before it ran: kept now, as if it had been.
  if (data.type === "kbgen-keep" && typeof data.url === "string") {
    var url = new URL(data.url, SCOPE), rest = path(url);
    if (rest !== null && C.shell.indexOf(rest) < 0) {
      var request = new Request(url.origin + url.pathname);
      event.waitUntil(fetchAndKeep(event, request, request.url, rest).catch(function () {}));
    }
  }
});

/* Only this folder's own files: another origin, another language's folder, a dot folder (the
   preview's /.kbgen-preview/, /.netlify/) or this worker itself are left to the browser. */
function path(url) {
  if (url.origin !== self.location.origin || url.pathname.indexOf(ROOT) !== 0) return null;
  var rest = url.pathname.slice(ROOT.length);
  if (rest === "sw.js" || /(^|\/)\./.test(rest)) return null;
  for (var i = 0; i < C.skip.length; i++) if (rest.indexOf(C.skip[i]) === 0) return null;
  return rest;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  var url = new URL(request.url);
  var rest = path(url);
  if (rest === null) return;
  event.respondWith(respond(event, request, url, rest));
});

function lookup(key, options) {
  return caches.open(PAGES).then(function (cache) { return cache.match(key, options); }).then(function (hit) {
    return hit || caches.open(SHELL).then(function (cache) { return cache.match(key, options); });
  });
}

function respond(event, request, url, rest) {
  var page = request.mode === "navigate";
  // A page is kept once, whatever its query (search/?q=...): the page reads the query itself.
  var key = page ? url.origin + url.pathname : request;
  if (FINGERPRINTED.test(url.pathname)) {
    return lookup(request).then(function (hit) { return hit || fetchAndKeep(event, request, key, rest); });
  }
  // A page, or a shell file asked for with a query (search-worker.js?index=...), is found
  // whatever its query.
  var anyQuery = page || C.shell.indexOf(rest) >= 0;
  return fetchAndKeep(event, request, key, rest).catch(function (error) {
    return lookup(key, { ignoreSearch: anyQuery }).then(function (hit) {
      // A copy without the kept file's URL: a worker script reads its settings from the URL
      // it was asked for (its query), which a response carrying another URL would replace.
      if (hit && !page && hit.url !== request.url) return new Response(hit.body, hit);
      if (hit) return hit;
      if (page) return offlinePage();
      throw error;
    });
  });
}

function fetchAndKeep(event, request, key, rest) {
  return fetch(request).then(function (response) {
    var keep = response.ok && response.type === "basic" && !response.redirected &&
      C.shell.indexOf(rest) < 0 && !/no-store/.test(response.headers.get("Cache-Control") || "");
    if (keep) {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGES).then(function (cache) {
        return cache.put(key, copy).then(function () { return trim(cache); });
      }));
    }
    return response;
  });
}

/* The oldest go first beyond C.max: a browser reading every day doesn't fill its disk. */
function trim(cache) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.slice(0, Math.max(0, keys.length - C.max)).map(function (k) { return cache.delete(k); }));
  });
}

function offlinePage() {
  return caches.open(SHELL).then(function (cache) {
    return cache.match(new URL(C.offline, SCOPE).href);
  }).then(function (hit) {
    if (!hit) return Response.error();
    return hit.text().then(function (html) {
      return new Response(html.split("__KBGEN_ROOT__").join(ROOT), {
        status: 503,
        statusText: "Offline",
        headers: {
          "Content-Type": "text/html; charset=utf-8",
          "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; " +
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        }
      });
    });
  });
}

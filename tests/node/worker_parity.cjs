// Runs kbgen's search worker (search-worker.js, unchanged) in Node: reads {index, queries} as
// JSON on stdin and prints, for each query, what the worker posts: result ids, compatibility
// cards, "which one?" choices, lead and channels. The Python twin must give the same.
// A split index (kbgen/search/shards.py) is served from its files: index.json is the manifest and
// s/<id>.json the files next to it, and {worker} names the site's search-worker.js (with the split
// index's loader appended: kbgen/search/shards.py worker_script); with {stats: true} each answer also tells how many fetch
// waves (round trips) and files, and their bytes, the query needed; {product} asks as the shop
// widget does on that product's page; with {fresh: true} each query runs in a new worker (nothing
// fetched before it but the index and what the worker fetches as it starts). {limit} asks for
// that many hits (the search page's "Show more": 20, 30, …; 10 by default).
// {lengthsLate: true} holds the split index's lengths file until 20 ms after the query was asked, so
// a fresh worker's query comes before it, as on a search page opened with ?q=.
// {debug: true} adds the kinds (names) and ids of the files each query fetched to its stats.
// {highlights: true} adds each shown hit's texts and highlights, and the total; {deploy: {at, index}}
// serves another index from query number `at` on (a deploy while the page is open).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const assets = path.join(__dirname, "..", "..", "kbgen", "theme", "assets", "kbgen");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const INDEX_URL = "http://localhost/search/index.json";
const posted = [];
let files = 0, bytes = 0, names = [], ids = [], asking = 0, held = [];
function serve(url) {
  const u = new URL(url);
  // {deploy: {at, index}}: from query number `at` on, the site serves another index (a deploy)
  const index = input.deploy && asking >= input.deploy.at ? input.deploy.index : input.index;
  const file = u.href === INDEX_URL ? index : path.join(path.dirname(index), "s", path.basename(u.pathname));
  if (!fs.existsSync(file)) return Promise.resolve({ ok: false, status: 404, json: () => Promise.reject(new Error("404")) });
  const text = fs.readFileSync(file, "utf8");
  if (u.href !== INDEX_URL) {
    files += 1;
    bytes += require("zlib").gzipSync(text).length;
    names.push(JSON.parse(text).kind);
    ids.push(JSON.parse(text).id);
  }
  const response = { ok: true, status: 200, json: () => Promise.resolve(JSON.parse(text)) };
  // {lengthsLate: true}: the lengths file comes 20 ms after the query was asked (a page opened
  // with ?q=), its other files at once
  if (input.lengthsLate && /^l/.test(path.basename(u.pathname))) {
    return new Promise((resolve) => { held.push(() => resolve(response)); });
  }
  return Promise.resolve(response);
}
const worker = input.worker || path.join(assets, "search-worker.js");
let context = null;
/* A new worker: nothing fetched yet but what it fetches as it starts (the index, and a split
   index's lengths). With {fresh: true} each query gets one, as a shopper's first search does. */
async function boot() {
  context = {
    console, URL, Map, Set, Math, JSON, Array, Object, String, Number, Promise, Error, Float64Array, Int32Array,
    Proxy, RegExp, Uint8Array, atob,  // a worker's globals (atob: search-shards.js's pair map)
    performance: { now: () => 0 },
    location: { href: "http://localhost/assets/kbgen/search-worker.js?index=" + encodeURIComponent(INDEX_URL) },
    setTimeout: () => 0,
    fetch: serve,
    postMessage: (m) => posted.push(m),
  };
  context.self = context;
  context.importScripts = (...urls) => {
    for (const url of urls) {
      const file = path.join(assets, new URL(url).pathname.split("/").pop());
      vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    }
  };
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(worker, "utf8"), context, { filename: worker });
  for (let i = 0; i < 4; i++) await new Promise((r) => setImmediate(r));
}

function ask(seq, q) {
  return new Promise((resolve) => {
    const start = posted.length;
    files = 0; bytes = 0; names = []; ids = [];
    context.onmessage({ data: { seq, q, limit: input.limit || 10, product: input.product || "" } });
    setTimeout(() => held.splice(0).forEach((release) => release()), 20);
    (function poll() {
      const m = posted.slice(start).find((x) => x.seq === seq);
      if (m) resolve(m); else setImmediate(poll);
    })();
  });
}

(async () => {
  const out = [];
  for (let seq = 0; seq < input.queries.length; seq++) {
    asking = seq;
    if (seq === 0 || input.fresh) await boot();
    const m = await ask(seq, input.queries[seq]);
    const got = m.error ? { error: m.error } : m.wait ? { wait: m.wait } : {
      ids: m.hits.map((h) => h.id),
      cards: m.compat.map((c) => [c.verdict, c.products.map((p) => p.id).join(" ")]),
      which: m.which.map((w) => w.products.map((p) => p.id)),
      lead: m.lead,
      channels: m.channels.map((c) => c.key),
    };
    if (input.highlights && m.hits) {  // what is shown of each hit, and how many there are
      got.hits = m.hits.map((h) => [h.id, h.question, h.hq, h.summary, h.hs, h.stage, h.url]);
      got.total = m.total;
    }
    if (input.stats) got.stats = { waves: m.ms ? m.ms.waves || 0 : 0, files, bytes, names: input.debug ? names : undefined,
                               ids: input.debug ? ids : undefined };
    out.push(got);
  }
  process.stdout.write(JSON.stringify(out));
})();

// Runs kbgen's search worker (search-worker.js, unchanged) in Node: reads {index, queries} as
// JSON on stdin and prints, for each query, what the worker posts: result ids, compatibility
// cards, "which one?" choices, lead and channels. The Python twin must give the same.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const assets = path.join(__dirname, "..", "..", "kbgen", "theme", "assets", "kbgen");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const index = JSON.parse(fs.readFileSync(input.index, "utf8"));
const posted = [];
const context = {
  console, URL, Map, Set, Math, JSON, Array, Object, String, Number, Promise, Error, Float64Array, Int32Array,
  performance: { now: () => 0 },
  location: { href: "http://localhost/assets/kbgen/search-worker.js?index=index.json" },
  setTimeout: () => 0,
  fetch: () => Promise.resolve({ ok: true, json: () => Promise.resolve(index) }),
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
const worker = path.join(assets, "search-worker.js");
vm.runInContext(fs.readFileSync(worker, "utf8"), context, { filename: worker });
setImmediate(() => {
  input.queries.forEach((q, seq) => context.onmessage({ data: { seq, q, limit: 10 } }));
  const out = posted.filter((m) => m.seq !== undefined).map((m) => m.error ? { error: m.error } : {
    ids: m.hits.map((h) => h.id),
    cards: m.compat.map((c) => [c.verdict, c.products.map((p) => p.id).join(" ")]),
    which: m.which.map((w) => w.products.map((p) => p.id)),
    lead: m.lead,
    channels: m.channels.map((c) => c.key),
  });
  process.stdout.write(JSON.stringify(out));
});

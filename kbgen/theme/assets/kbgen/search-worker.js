/* kbgen search worker: loads the prebuilt index and answers queries, so typing never blocks
   the page. The algorithm is kbgen/search/query.py's (see its docstring); tests check both give
   the same hits. Started as search-worker.js?index=URL. Messages in: {seq, q, limit, page_url,
   product} (product: the id of the product whose page the shopper asks from, the shop widget's
   or the help site's). Out: {ready, docs, ms} or {error} (the index can't be used), then {seq,
   q, hits, total, compat, which, lead, channels, page} or {seq, q, error} (this query threw:
   reported as an error, never as "no results"). page: {id, name} of the product asked from, if
   the catalog has it (an empty q answers only that).
   compat: [{verdict: "yes"|"no"|"unknown", reason, text, ask, products: [{id, name, url}] x2}],
   answers from the product graph when the query names two products (kbgenCompat, compat.js);
   channels: [{key, label, detail, href}], the contact channels the query asks for ("phone
   number", "where is my order"); each href has {query} filled and {page_url} left to fill. */
"use strict";
// The index download starts before lunr.js is even parsed.
// A worker started from a blob: URL (the shop widget, under the shop's CSP) can't take its
// settings from its own URL: it sets self.kbgenWorker = {index, base} before importing this.
// The widget imports this file bundled after the scripts it needs (bundled: true), and starts
// the index's download itself, in the same round trip as the bundle's (download: a promise).
var setup = self.kbgenWorker || {};
var indexUrl = setup.index || new URL(location.href).searchParams.get("index");
var t0 = performance.now(), t1 = 0;
var download = setup.download || fetch(indexUrl).then(function (r) {
  if (!r.ok) throw new Error("HTTP " + r.status);
  return r.json();
});
if (!setup.bundled) {
  importScripts(new URL("lunr.js", setup.base || location.href).href,
                new URL("search-tokenize.js", setup.base || location.href).href,
                new URL("compat.js", setup.base || location.href).href);
}

var FORMAT = 3;
var MAX_QUERY_CHARS = 200;
var MAX_PREFIX_TERMS = 30;
var MAX_TYPO_CHARS = 20;
var MIN_TYPO_PREFIX = 5;  // the first letters of a misspelt word matched one edit away
var MAX_ALL_WORDS = 4;  // more words are a sentence: ranked by score alone
var LONG_QUESTION = 8;  // more words: the answer comes before compatibility cards
var BOOST = { exact: 1.0, prefix: 0.5, typo: 0.2, part: 0.6, everyday: 0.5 };
var PROXIMITY = 0.2;  // a result's score share per query word pair it has as written (query.py: _near)
var K1 = 1.2, B = 0.75;
var MAX_NAMED = 2, MAX_NAME_WORDS = 6, MAX_PAIRS = 4, MAX_CHOICES = 8, MEMO_SIZE = 4096;  // kbgen/search/shop.py
var MAX_FITS = 4;  // kbgen/search/query.py
var PERSON = "person", PERSON_CHANNELS = ["hotline", "chat", "email", "form"];
var T = self.kbgenTokenize;
var shop = null;  // products, names, intents, channels, the graph's relation, texts
var index = null, docs = null, stages = null, pending = [];

/* The compact index (kbgen/search/index.py: serialize) → lunr's BM25 weights, scored directly.

   Lazily: a term's postings and weights are only decoded the first time a query has the term
   (materialize). A document's score is lunr's: for each field, the dot product of the query
   vector (each term's boost) with the field's vector (each term's BM25 weight, times the
   field's boost, rounded to 3 decimals), divided by the query vector's magnitude; summed over
   the fields. Computed from the postings of the query's terms only, without lunr's per-query
   objects, so a query costs what its terms' postings cost. lunr's TokenSet still expands
   prefixes and typos. So loading is parsing. */
var raw = null, weights = null;

/* Each field's average length over the n documents (lengths: [document][field]). */
function averages(lengths, fields, n) {
  var avg = [];
  for (var f = 0; f < fields; f++) {
    var sum = 0;
    for (var i = 0; i < n; i++) sum += lengths[i][f];
    avg.push(n ? sum / n : 0);
  }
  return avg;
}

function load(d) {
  if (d.version !== FORMAT || d.tokenizer !== T.VERSION) {
    throw new Error("search index format " + d.version + "/" + d.tokenizer + " is not supported");
  }
  T.setFold(d.fold);  // before any text is cut: a Chinese index folds Traditional to Simplified
  var names = d.fields.map(function (f) { return f[0]; });
  var n = d.docs.length, avg = averages(d.lengths, names.length, n);
  var termIndex = new Map();
  d.terms.forEach(function (term, t) { termIndex.set(term, t); });
  raw = { names: names, boosts: d.fields.map(function (f) { return f[1]; }), n: n, lengths: d.lengths,
          avg: avg, termIndex: termIndex, postings: d.postings,
          dot: new Float64Array(n * names.length), seen: new Int32Array(n), matched: new Array(n),
          titled: new Array(n), stamp: 0,
          titleFields: [names.indexOf("question"), names.indexOf("keywords")] };
  weights = new Map();
  index = { tokenSet: lunr.TokenSet.fromArray(d.terms.slice().sort()) };
  docs = d.docs;
  stages = d.stages;
  loadShop(d);
}

/* Decode one term's postings and weights (once): [field, doc, weight, field, doc, weight, …]
   (a Float64Array: the same numbers). */
function materialize(term) {
  var t = raw.termIndex.get(term);
  if (t === undefined || weights.has(term)) return;
  var flat = raw.postings[t], out, docsWithTerm = 0, p, field, count;
  for (p = 0; p < flat.length;) {  // first pass: how many documents have the term (its idf)
    count = flat[p + 1];
    docsWithTerm += count;
    p += 2;
    for (var c = 0; c < count; c++) p += flat[p] < 0 ? 2 : 1;
  }
  var n = raw.n, x = (n - docsWithTerm + 0.5) / (docsWithTerm + 0.5), idf = Math.log(1 + Math.abs(x));
  var norms = lengthNorms(raw), nf = raw.names.length, at = 0;
  out = new Float64Array(3 * docsWithTerm);  // [speed] its size known: no array grown push by push
  for (p = 0; p < flat.length;) {
    field = flat[p];
    count = flat[p + 1];
    p += 2;
    var doc = -1, boost = raw.boosts[field];
    for (var c2 = 0; c2 < count; c2++) {
      var gap = flat[p++], tf = 1;
      if (gap < 0) { gap = -gap; tf = flat[p++]; }
      doc += gap;
      var score = idf * ((K1 + 1) * tf) / (norms[doc * nf + field] + tf) * boost;
      out[at++] = field;
      out[at++] = doc;
      out[at++] = Math.round(score * 1000) / 1000;
    }
  }
  weights.set(term, { t: t, w: out });
}

/* Each document's K1 * (1 - B + B * length / average) for each field, computed once per index
   (raw.norms; [speed, issue 20]: a common term's weights needed it for thousands of documents). */
function lengthNorms(r) {
  if (r.norms) return r.norms;
  var nf = r.names.length, norms = new Float64Array(r.n * nf);
  for (var doc = 0; doc < r.n; doc++) {
    for (var f = 0; f < nf; f++) norms[doc * nf + f] = K1 * (1 - B + B * (r.lengths[doc][f] / r.avg[f]));
  }
  return (r.norms = norms);
}

/* lunr's scores of the documents with any of the terms (boosts: term → query boost), each with
   the terms it has (matched) and those of them in its question or keywords (titled), in the
   order the terms are scored: [{ref, score, matched, titled}] in document order. [speed, issue
   20] The lists are shared, never changed: documents with the same terms have the same list
   (a node of a trie of term lists, made per query), so a query that matches thousands of
   documents makes a few dozen lists, not thousands, and hits reads each list once. */
function score(terms, boosts) {
  var nf = raw.names.length, dot = raw.dot, seen = raw.seen, matched = raw.matched, touched = [];
  var titled = raw.titled, tq = raw.titleFields[0], tk = raw.titleFields[1];
  var stamp = ++raw.stamp, magnitude = 0, none = { list: NONE, term: null, next: null };
  terms = terms.filter(function (term) { return weights.has(term); })
    .sort(function (a, b) { return weights.get(a).t - weights.get(b).t; });
  terms.forEach(function (term) {
    var q = boosts.get(term), w = weights.get(term).w;
    magnitude += q * q;
    for (var i = 0; i < w.length; i += 3) {
      var doc = w[i + 1];
      if (seen[doc] !== stamp) {
        seen[doc] = stamp;
        touched.push(doc);
        for (var f = 0; f < nf; f++) dot[doc * nf + f] = 0;
        matched[doc] = none;
        titled[doc] = none;
      }
      dot[doc * nf + w[i]] += q * w[i + 2];
      if (matched[doc].term !== term) matched[doc] = withTerm(matched[doc], term);
      if ((w[i] === tq || w[i] === tk) && titled[doc].term !== term) titled[doc] = withTerm(titled[doc], term);
    }
  });
  magnitude = Math.sqrt(magnitude);
  var order = Int32Array.from(touched).sort(), out = new Array(order.length);  // [speed] a numeric sort
  for (var k = 0; k < order.length; k++) {
    var doc = order[k], total = 0;
    for (var f = 0; f < nf; f++) total += dot[doc * nf + f] / magnitude;
    // the fields hits fills in, there from the start (one shape)
    out[k] = { ref: doc, score: total, matched: matched[doc].list, titled: titled[doc].list,
               allWords: false, allExact: false, phrase: false, terms: NONE };
  }
  return out;
}
var NONE = Object.freeze([]);

/* The trie node of a term list with `term` added at its end. */
function withTerm(node, term) {
  var next = node.next || (node.next = new Map()), got = next.get(term);
  if (!got) next.set(term, got = { list: Object.freeze(node.list.concat([term])), term: term, next: null });
  return got;
}

function hasDigit(term) { return /[0-9]/.test(term); }

/* The shop rules' tables (kbgen/search/shop.py: Namer, Intents). */
function loadShop(d) {
  var products = d.products || [];
  var namer = { names: [], byKey: new Map(), texts: new Map(), brand: new Set(), of: [], memo: new Map() }, df = new Map();
  products.forEach(function (product, p) {
    [product[1]].concat(product[4]).forEach(function (text, k) {
      var words = T.words(withPlus(text)).filter(function (w) { return w.term; });
      if (!words.length) return;
      var keys = words.map(function (w) { return w.term; }), n = namer.names.length;
      // head nouns: the last bigram and the last character of each run of Chinese characters
      var heads = [], ends = new Set();
      words.forEach(function (w) {
        if (!w.cjk || !w.runEnd) return;
        ends.add(w.term);
        var chars = Array.from(w.text);
        if (chars.length === 2) { heads.push(chars[1]); ends.add(chars[1]); }
      });
      namer.names.push({ product: p, keys: keys, extra: k > 0, ends: ends });
      (namer.of[p] = namer.of[p] || []).push(namer.names[n]);
      Array.from(new Set(keys)).forEach(function (key) {
        if (!namer.byKey.has(key)) namer.byKey.set(key, []);
        namer.byKey.get(key).push(n);
        if (k === 0) df.set(key, (df.get(key) || 0) + 1);
      });
      Array.from(new Set(heads)).forEach(function (head) {
        if (!namer.byKey.has(head)) namer.byKey.set(head, []);
        if (namer.byKey.get(head).indexOf(n) < 0) namer.byKey.get(head).push(n);
      });
      words.forEach(function (w) { if (!namer.texts.has(w.text)) namer.texts.set(w.text, w.term); });
      heads.forEach(function (h) { if (!namer.texts.has(h)) namer.texts.set(h, h); });
    });
  });
  var count = products.length;
  df.forEach(function (v, key) { if (count >= 4 && 2 * v > count) namer.brand.add(key); });
  var phrases = [];
  (d.intents || []).forEach(function (intent) {
    intent[1].forEach(function (phrase) {
      var keys = phraseKeys(phrase);
      if (keys.length) phrases.push({ keys: keys, key: intent[0] });
    });
  });
  phrases.sort(function (a, b) { return b.keys.length - a.keys.length; });
  var graph = d.graph || { compatible: [], accessory: [], incompatible: [] };
  // the everyday table (kbgen/search/everyday.py): [[everyday terms], [writers' terms]]
  var everyday = d.everyday || [], everydayFirst = new Map();
  everyday.forEach(function (pair, p) {
    if (!everydayFirst.has(pair[0][0])) everydayFirst.set(pair[0][0], []);
    everydayFirst.get(pair[0][0]).push(p);
  });
  shop = {
    products: products, namer: namer, phrases: phrases, summaries: new Map(),
    channels: d.channels || [], relation: self.kbgenCompat.lookup(graph), t: d.t || {}, keys: new Map(),
    everyday: everyday, everydayFirst: everydayFirst,
    seen: { chars: new Map(), runs: new Map(), texts: new Map() },  // highlights' (charInfo, runTerms, pieces)
    typos: new Map()  // typoBest
  };
}

function phraseKeys(text) { return T.words(text).map(function (w) { return w.term || w.text; }); }

var PLUS = "plus";
function withPlus(text) { return String(text).split("+").join(" plus "); }
/* Contractions without their leftover letters, "+" as "plus" (kbgen/search/shop.py: query_text). */
var MEASURE = new RegExp("[这這那哪该該此每][个個款只隻台臺把件套张張块塊条條支种種部本双雙副根盒瓶包位]" +
                         "|一[个個款只隻台臺把件套张張块塊条條支双雙副根盒瓶包]", "g");
function queryText(query) {
  query = T.normalize(query);
  query = query.split("an't").join("an").split("an\u2019t").join("an");
  if (!/^[\x00-\x7f]*$/.test(query)) query = query.replace(MEASURE, " ");
  query = query.replace(/(?<=[A-Za-z])n['\u2019]t(?![A-Za-z0-9])/gi, "");
  return withPlus(query.replace(/(?<=[A-Za-z])['\u2019](?:s|t|m|d|ll|ve|re)(?![A-Za-z0-9])/gi, ""));
}
/* What makes a query a fit question (kbgen/search/shop.py: FIT, the same pattern): "does X fit",
   "is X compatible", "will X work", "X 适合吗", "X 能用吗", Traditional forms too. */
var SPACE = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
var FIT = new RegExp(  // white space spelt out (SPACE): Python's \s is not JavaScript's
  "(?<![a-z0-9])(?:fit|fits|fitted|fitting|compatible|compatibility|incompatible|compat|suitable|suit|suits)(?![a-z0-9])" +
  "|(?<![a-z0-9])(?:work|works|working|go|goes|use|used|pair|pairs)((?:[" + SPACE + "]+[^" + SPACE + ",;?!，。？！；]+){0,8})[" + SPACE + "]+with(?![a-z0-9])" +
  "|(?<![a-z0-9])(?:will|would)(?![a-z0-9])((?:[" + SPACE + "]+[^" + SPACE + ",;?!，。？！；]+){0,8})[" + SPACE + "]+(?:work|works)(?![a-z0-9])" +
  "|适合|適合|合适|合適|兼容|相容|适用|適用|适配|適配|通用|能用|可以用|可用|能配|配吗|配嗎|搭配|配套" +
  "|装得下|裝得下|放得下|装得上|裝得上|能装|能裝|能放|用得了|一起用|可以配|能搭" +
  "|能[给給为為跟和与與]([^" + SPACE + "，。？！,.?!]{0,8})用");
var FIT_ALL = new RegExp(FIT.source, "g"), CLAUSE_END = /[,;?!，。？！；]/g;
/* What each fit word of a query relates the product to, as text: the rest of its clause, and
   for "能给 X 用" the X too (kbgen/search/shop.py: fit_objects). */
function fitObjects(query) {
  var text = T.normalize(query), out = [], m;
  FIT_ALL.lastIndex = 0;
  while ((m = FIT_ALL.exec(text)) !== null) {
    CLAUSE_END.lastIndex = FIT_ALL.lastIndex;
    var end = CLAUSE_END.exec(text);
    out.push((m[3] || "") + " " + text.slice(FIT_ALL.lastIndex, end ? end.index : text.length));
  }
  return out;
}
/* What each fit word says fits: its clause before it, and the X of "use X with", "will X work"
   (kbgen/search/shop.py: fit_subjects). */
function fitSubjects(query) {
  var text = T.normalize(query), out = [], m, e;
  FIT_ALL.lastIndex = 0;
  while ((m = FIT_ALL.exec(text)) !== null) {
    var start = 0, ends = /[,;?!，。？！；]/g;
    while ((e = ends.exec(text)) !== null && e.index < m.index) start = e.index + e[0].length;
    out.push(text.slice(start, m.index) + " " + (m[1] || "") + " " + (m[2] || ""));
  }
  return out;
}
/* A demonstrative pointing at one thing: "this", "these", 这个, 这款 (kbgen/search/shop.py: points). */
var POINTING = new RegExp("[这這那该該此][个個款只隻台臺把件套张張块塊条條支种種部本双雙副根盒瓶包位]" +
                          "|(?<![a-z0-9])(?:this|these)(?![a-z0-9])");
function points(query) { return POINTING.test(T.normalize(query)); }
function isDigit(c) { return c >= "0" && c <= "9"; }
function allDigits(t) { return Array.from(t).every(isDigit); }
function isAlpha(t) { return t.length > 0 && /^\p{L}+$/u.test(t); }
function maxEdits(word) { var n = Array.from(word).length; return n < 4 ? 0 : n < 8 ? 1 : 2; }

/* Optimal string alignment distance, or limit + 1 (kbgen/search/shop.py: edits). */
function edits(a, b, limit) {
  a = Array.from(a); b = Array.from(b);
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var prev2 = [], prev = [], i, j;
  for (j = 0; j <= b.length; j++) prev.push(j);
  for (i = 1; i <= a.length; i++) {
    var row = [i];
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], prev2[j - 2] + 1);
    }
    prev2 = prev; prev = row;
  }
  return prev[b.length];
}

/* The query's words as name words: joined, split, or a misspelt one read as a name word
   (kbgen/search/shop.py: Namer.keys). */
function nameKeys(terms, texts, starts) {
  var known = shop.namer.byKey, out = [], i = 0;
  while (i < terms.length) {
    var term = terms[i], text = texts[i];
    if (i + 1 < terms.length && (!known.has(term) || !known.has(terms[i + 1]))) {
      var joined = T.stem(text + texts[i + 1]);
      if (known.has(joined)) {
        out.push({ key: joined, text: text + texts[i + 1], start: i, end: i + 2, typo: 0 });
        i += 2;
        continue;
      }
    }
    var chars = Array.from(text);
    if (known.has(term)) out.push({ key: term, text: text, start: i, end: i + 1, typo: 0 });
    else if (out.length && out[out.length - 1].end === i && chars.length === 2 && T.isCjk(chars[0]) &&
             T.isCjk(chars[1]) && known.has(chars[1])) {
      out.push({ key: chars[1], text: text, start: i, end: i + 1, typo: 0 });  // 玻璃壶: 壶 a head noun
    } else if (starts && i < starts.length && starts[i] && chars.length === 2 && T.isCjk(chars[0]) &&
               T.isCjk(chars[1]) && known.has(chars[0])) {
      out.push({ key: chars[0], text: chars[0], start: i, end: i + 1, typo: 0 });  // 杯能配…: 杯
    } else {
      var parts = splitKey(text, i);
      out = out.concat(parts.length ? parts : typoKey(text, i));
    }
    i += 1;
  }
  return out;
}

function splitKey(text, i) {
  var chars = Array.from(text), cuts = [], k;
  for (k = 1; k < chars.length; k++) if (isDigit(chars[k - 1]) !== isDigit(chars[k])) cuts.push(k);
  if (cuts.length > 1) {  // "zero2w": zero, 2, w
    var bounds = [0].concat(cuts, [chars.length]), pieces = [];
    for (k = 0; k + 1 < bounds.length; k++) pieces.push(chars.slice(bounds[k], bounds[k + 1]).join(""));
    if (pieces.every(function (piece) { return shop.namer.byKey.has(T.stem(piece)); })) {
      return pieces.map(function (piece) { return { key: T.stem(piece), text: piece, start: i, end: i + 1, typo: 0 }; });
    }
  }
  var order = cuts.slice();
  for (k = 2; k < chars.length; k++) if (cuts.indexOf(k) < 0) order.push(k);
  for (var o = 0; o < order.length; o++) {
    var left = chars.slice(0, order[o]).join(""), right = chars.slice(order[o]).join("");
    var a = T.stem(left), b = T.stem(right);
    if (shop.namer.byKey.has(a) && shop.namer.byKey.has(b)) {
      return [{ key: a, text: left, start: i, end: i + 1, typo: 0 }, { key: b, text: right, start: i, end: i + 1, typo: 0 }];
    }
  }
  return [];
}

function typoKey(text, i) {
  var best = typoBest(text);
  return best ? [{ key: best[1], text: text, start: i, end: i + 1, typo: best[0] }] : [];
}

/* The name word a misspelt word is read as, [edits, key], or null: a scan of every name word,
   made once per word and index (shop.typos; [speed, issue 20]: each keystroke asks again for
   every word of the query). */
function typoBest(text) {
  if (shop.typos.has(text)) return shop.typos.get(text);
  var got = typoScan(text);
  if (shop.typos.size >= SEEN_MAX) shop.typos.clear();
  shop.typos.set(text, got);
  return got;
}

function typoScan(text) {
  var limit = maxEdits(text), chars = Array.from(text);
  if (!limit || !isAlpha(text)) return null;
  var best = [];
  shop.namer.texts.forEach(function (key, written) {
    var w = Array.from(written);
    if (w[0] !== chars[0] && (w[0] || "") !== (chars[1] || "")) return;
    var most = Math.min(limit, maxEdits(written)), d = edits(text, written, most);
    if (d <= most) best.push([d, key]);
  });
  best.sort(function (a, b) { return a[0] - b[0] || byCodePoint(a[1], b[1]); });
  if (!best.length || (best.length > 1 && best[1][0] === best[0][0] && best[1][1] !== best[0][1])) return null;
  return best[0];
}

function inARow(name, keys) {
  for (var i = 0; i + keys.length <= name.length; i++) {
    var same = true;
    for (var k = 0; k < keys.length && same; k++) same = name[i + k] === keys[k];
    if (same) return true;
  }
  return false;
}

function rankAbove(a, b) {  // [bool, bool, bool] compared as Python tuples
  for (var i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] ? 1 : -1;
  return 0;
}

/* The products a run of name words names, and whether it is a whole name; null if none (or
   more than cap) (kbgen/search/shop.py: Namer._segment). */
function segment(keys, sentence, cap) {
  var memo = shop.namer.memo, id = (sentence ? "1" : "0") + keys.map(function (k) {
    return "\u0001" + k.key + "\u0002" + k.text + "\u0002" + k.typo;
  }).join("");
  if (!memo.has(id)) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(id, segmentProducts(keys, sentence));
  }
  var got = memo.get(id);
  if (!got || got.products.length > (cap === undefined ? MAX_NAMED : cap)) return null;
  return { products: got.products.slice(), whole: got.whole };
}

/* segment without its cap: the same runs of words are read several times for one query
   (kbgen/search/shop.py: Namer._segment's memo). */
function segmentProducts(keys, sentence) {
  var namer = shop.namer, plusKey = T.stem(PLUS);
  var wanted = Array.from(new Set(keys.map(function (k) { return k.key; })));
  var own = wanted.filter(function (k) { return !namer.brand.has(k); });
  if (!own.length || keys.filter(function (k) { return k.typo > 0; }).length > 1) return null;
  var singleCjk = keys.length === 1 && T.isCjk(Array.from(keys[0].key)[0]);
  if (keys.length === 1) {
    var one = keys[0];
    if ((Array.from(one.key).length < 2 && !singleCjk) || allDigits(one.key) || one.typo || !namer.texts.has(one.text) || one.text === PLUS) return null;
  }
  var found = namer.byKey.get(wanted[0]).slice();
  wanted.slice(1).forEach(function (key) {
    var other = new Set(namer.byKey.get(key));
    found = found.filter(function (n) { return other.has(n); });
  });
  found.sort(function (a, b) { return a - b; });
  var ranked = new Map(), order = keys.map(function (k) { return k.key; });
  found.forEach(function (n) {
    var name = namer.names[n];
    var rest = name.keys.filter(function (k) { return !namer.brand.has(k) && wanted.indexOf(k) < 0; });
    if (name.extra && rest.length) return;
    if (singleCjk && rest.length && !name.ends.has(wanted[0])) return;  // 电源, not 供电
    var rank = [!rest.length, isHead(name, wanted, plusKey), inARow(name.keys, order)];
    var had = ranked.get(name.product);
    if (!had || rankAbove(rank, had) > 0) ranked.set(name.product, rank);
  });
  if (!ranked.size) return null;
  var top = null;
  ranked.forEach(function (r) { if (!top || rankAbove(r, top) > 0) top = r; });
  var products = [];
  ranked.forEach(function (r, p) { if (rankAbove(r, top) === 0) products.push(p); });
  products.sort(function (a, b) { return a - b; });
  var whole = top[0];
  if (sentence && keys.length === 1 && (products.length > 1 || !(whole || Array.from(keys[0].key).some(isDigit)))) return null;
  if (sentence && own.length === 1 && !whole && products.length > 1) return null;
  return { products: products, whole: whole };
}

/* Whether a name's last word leaves the query's words its head (kbgen/search/shop.py: _head):
   the query has it, or it is no noun of its own; a name ending in Chinese: the query's last
   word ends one of its runs of Chinese characters. */
function isHead(name, wanted, plusKey) {
  var last = name.keys[name.keys.length - 1];
  if (wanted.indexOf(last) >= 0) return true;
  var chars = Array.from(last);
  if (T.isCjk(chars[0])) return name.ends.has(wanted[wanted.length - 1]);
  return !isAlpha(last) || chars.length < 3 || last === plusKey;
}

/* The products named in a query's words (kbgen/search/shop.py: Namer.mentions): the reading
   that names with the most name words, then the most whole names, then the fewest products. */
function mentions(terms, texts, sentence, starts, links, cap) {
  links = links || [];
  var keys = nameKeys(terms, texts, starts), n = keys.length, MAX_SEGMENT = MAX_NAME_WORDS + 2;
  var best = [{ score: [0, 0, 0], found: [] }];
  for (var i = 1; i <= n; i++) {
    var choice = best[i - 1];
    for (var j = Math.max(0, i - MAX_SEGMENT); j < i; j++) {
      var gap = false;
      for (var k = j + 1; k < i; k++) {
        if (keys[k].start > keys[k - 1].end || (keys[k].start === keys[k - 1].end && flagAt(links, keys[k].start))) gap = true;
      }
      if (gap) continue;  // not in a row, or across "for"
      var slice = keys.slice(j, i), got = segment(slice, sentence, cap);
      if (!got) continue;
      var own = new Set();
      slice.forEach(function (key) { if (!shop.namer.brand.has(key.key)) own.add(key.key); });
      var prev = best[j].score, score = [prev[0] + own.size, prev[1] + (got.whole ? 1 : 0), prev[2] - 1];
      if (score[0] > choice.score[0] || (score[0] === choice.score[0] && (score[1] > choice.score[1] ||
          (score[1] === choice.score[1] && score[2] > choice.score[2])))) {
        choice = { score: score, found: best[j].found.concat([{ start: keys[j].start, end: keys[i - 1].end,
                                                               products: got.products, whole: got.whole }]) };
      }
    }
    best.push(choice);
  }
  return owned(keys, linked(keys, narrow(keys, best[n].found, sentence), texts, starts || [], links), texts);
}

function flagAt(flags, i) { return i >= 0 && i < flags.length && !!flags[i]; }

var LINK_WORDS = new Set(["for"]), LINKS_ZH = new Set(["用于", "用於", "适用于", "適用于", "适用於", "適用於"]);  // kbgen/search/shop.py

/* For each content word (positions in words), whether "for" stands between it and the content
   word before (kbgen/search/shop.py: links). */
function linksOf(words, content) {
  return content.map(function (c, j) {
    if (j === 0) return false;
    for (var k = content[j - 1] + 1; k < c; k++) if (LINK_WORDS.has(words[k].text)) return true;
    return false;
  });
}

function isBridge(text) {
  var c = Array.from(text);
  return c.length === 2 && T.isCjk(c[0]) && T.isCjk(c[1]);
}

/* Whether words ending at end and starting at start have a linking word between: "for" (links)
   or Chinese characters that are 用于, 适用于 (kbgen/search/shop.py: Namer._link). */
function isLink(end, start, texts, starts, links, lead) {
  if (start === end) return flagAt(links, start);
  if (start < end || start >= texts.length) return false;
  var chars = [];
  for (var k = end; k < start; k++) {
    if (!isBridge(texts[k])) return false;
    chars = chars.concat(Array.from(texts[k]).slice((lead && k === end) || flagAt(starts, k) ? 0 : 1));
  }
  if (!flagAt(starts, start)) chars = chars.slice(0, -1);
  return LINKS_ZH.has(chars.join(""));
}

/* An accessory's noun, a linking word and a product's name read as one name (kbgen/search/shop.py:
   Namer._linked). */
function linked(keys, found, texts, starts, links) {
  var out = [], namer = shop.namer, MAX_SEGMENT = MAX_NAME_WORDS + 2;
  found.forEach(function (m) {
    var last = out.length ? out[out.length - 1] : null;
    var before = keys.filter(function (k) { return k.end <= m.start && (!last || k.start >= last.start); });
    if (m.products.length !== 1 || !before.length ||
        !isLink(before[before.length - 1].end, m.start, texts, starts, links)) {
      out.push(lead(m, last, texts, starts, links));
      return;
    }
    var prev = last && last.end === before[before.length - 1].end ? last : null;
    var noun = prev ? before.filter(function (k) { return prev.start <= k.start; }) : [before[before.length - 1]];
    if (!prev) {
      for (var b = before.length - 2; b >= 0; b--) {
        var k = before[b];
        if (noun.length === MAX_NAME_WORDS || !nextTo(k.end, noun[0].start, texts)) break;
        if (last && k.start < last.end) break;
        noun.unshift(k);
      }
    }
    var host = keysIn(keys, m);
    var got = noun.length + host.length <= MAX_SEGMENT ? segment(noun.concat(host), false) : null, q = null;
    var whole = !!(got && got.whole && got.products.length === 1);
    if (whole) {
      q = got.products;
    } else {
      for (var size = noun.length; size > 0; size--) {
        var part = segment(noun.slice(noun.length - size), false, namer.names.length);
        if (part) {
          noun = noun.slice(noun.length - size);
          q = part.products.length > 1 ? owner(part.products, host, m.products[0]) : null;
          break;
        }
      }
    }
    if (q === null) { out.push(m); return; }
    if (prev && prev.start >= noun[0].start) out.pop();
    out.push({ start: noun[0].start, end: m.end, products: q, whole: whole });
  });
  return out;
}

/* The mention with the Chinese linking word right before it (kbgen/search/shop.py: Namer._lead). */
function lead(m, last, texts, starts, links) {
  for (var j = Math.max(last ? last.end : 0, m.start - 3); j < m.start; j++) {
    if (!shop.namer.texts.has(texts[j]) && isLink(j, m.start, texts, starts, links, true)) {
      return { start: j, end: m.end, products: m.products, whole: m.whole };
    }
  }
  return m;
}

/* A whole name of one product right before words naming several, read as one name where that
   names exactly one of them (kbgen/search/shop.py: Namer._narrow). */
function narrow(keys, found, sentence) {
  var out = [];
  found.forEach(function (m) {
    var prev = out.length ? out[out.length - 1] : null;
    if (prev && prev.end === m.start && prev.whole && prev.products.length === 1 && m.products.length > 1) {
      var span = keys.filter(function (k) { return prev.start <= k.start && k.end <= m.end; });
      var got = span.length <= MAX_NAME_WORDS + 2 ? segment(span, sentence) : null;
      if (got && got.products.length === 1 && m.products.indexOf(got.products[0]) >= 0) {
        out[out.length - 1] = { start: prev.start, end: m.end, products: got.products, whole: got.whole };
        return;
      }
    }
    out.push(m);
  });
  return out;
}

/* Words naming several products after (or with 's, 的 after) words naming one product or a
   part of names, read as the one of the several those words own (kbgen/search/shop.py:
   Namer._owned). */
function owned(keys, found, texts) {
  var out = [];
  found.forEach(function (m, i) {
    var prev = out.length ? out[out.length - 1] : null, q;
    if (m.products.length > 1) {
      if (prev && prev.products.length === 1 && nextTo(prev.end, m.start, texts)) {
        q = owner(m.products, keysIn(keys, prev), prev.products[0]);
        if (q !== null) { out[out.length - 1] = { start: prev.start, end: m.end, products: q, whole: false }; return; }
      } else {
        var pre = [], before = keys.filter(function (k) { return k.end <= m.start && (!prev || k.start >= prev.end); });
        for (var b = before.length - 1; b >= 0; b--) {
          if (pre.length === MAX_NAME_WORDS || !nextTo(before[b].end, pre.length ? pre[0].start : m.start, texts)) break;
          pre.unshift(before[b]);
        }
        q = pre.length ? owner(m.products, pre, -1) : null;
        if (q !== null) { out.push({ start: pre[0].start, end: m.end, products: q, whole: false }); return; }
      }
    } else if (m.products.length === 1) {
      var stop = i + 1 < found.length ? found[i + 1].start : texts.length, after = [];
      for (var k = 0; k < keys.length; k++) {
        var key = keys[k];
        if (key.start >= m.end && key.end <= stop && after.length < MAX_NAME_WORDS) {
          if (!nextTo(after.length ? after[after.length - 1].end : m.end, key.start, texts)) break;
          after.push(key);
        }
      }
      var span = keysIn(keys, m);
      for (var n = after.length; n > 0; n--) {
        var got = segment(after.slice(0, n), false, shop.namer.names.length);
        if (!got) continue;
        q = got.products.length > 1 ? owner(got.products, span, m.products[0]) : null;
        if (q !== null) m = { start: m.start, end: after[n - 1].end, products: q, whole: false };
        break;
      }
    }
    out.push(m);
  });
  return out;
}

function keysIn(keys, m) { return keys.filter(function (k) { return m.start <= k.start && k.end <= m.end; }); }

/* The candidate whose name has all the words, else the one (or the MAX_NAMED) whose name has
   the longest start of a name of the host (kbgen/search/shop.py: Namer._owner); null if none or
   more. */
function owner(candidates, words, host) {
  var namer = shop.namer, own = [];
  words.forEach(function (k) { if (!namer.brand.has(k.key) && own.indexOf(k.key) < 0) own.push(k.key); });
  if (own.length) {
    var having = candidates.filter(function (q) {
      return namesOf(q).some(function (n) { return own.every(function (k) { return n.keys.indexOf(k) >= 0; }); });
    });
    if (having.length === 1) return [having[0]];
  }
  if (host < 0) return null;
  var plain = function (n) { return n.keys.filter(function (k) { return !namer.brand.has(k); }); };
  var starts = [], seen = new Set();
  namesOf(host).map(plain).forEach(function (start) {
    [start, nameParts(start)].forEach(function (s) {
      var key = s.join("\u0000");
      if (!seen.has(key)) { seen.add(key); starts.push(s); }
    });
  });
  var score = new Map();
  candidates.forEach(function (q) {
    if (q === host) return;
    namesOf(q).forEach(function (n) {
      var got = plain(n);
      starts.forEach(function (start) {
        var size = 0;  // a start in a row has its shorter starts in a row: the first miss ends it
        while (size < start.length && inARow(got, start.slice(0, size + 1))) size++;
        score.set(q, Math.max(score.has(q) ? score.get(q) : 0, size));
      });
    });
  });
  var top = 0, best = [];
  score.forEach(function (v) { top = Math.max(top, v); });
  score.forEach(function (v, q) { if (v === top) best.push(q); });
  best.sort(function (a, b) { return a - b; });
  return top && best.length <= MAX_NAMED && best.length < candidates.length ? best : null;
}

function namesOf(p) { return shop.namer.of[p] || []; }

/* Name words cut where digits and letters meet ("4b": 4, b) (kbgen/search/shop.py: _pieces).
   Not "pieces": a function declared later with that name (a highlight's) would replace it. */
function nameParts(keys) {
  var out = [];
  keys.forEach(function (k) { out = out.concat(k.match(/[0-9]+|[^0-9]+/g) || []); });
  return out;
}

var POSSESSIVE = new Set(Array.from("的之"));  // kbgen/search/shop.py

/* Whether words ending at end and starting at start follow each other, with at most a possessive
   between ("s", 的, or 的's bigram 的外 before 外壳) (kbgen/search/shop.py: _next_to). */
function nextTo(end, start, texts) {
  if (start === end) return true;
  if (start !== end + 1 || start >= texts.length) return false;
  var gap = Array.from(texts[end]);
  return texts[end] === "s" || (gap.length === 1 && POSSESSIVE.has(gap[0])) ||
    (gap.length === 2 && POSSESSIVE.has(gap[0]) && Array.from(texts[start])[0] === gap[1]);
}

/* Without a single word after a whole product name that its page's summary has
   (kbgen/search/query.py: _in_context). */
function inContext(ms, terms) {
  if (ms.length < 2) return ms;
  return ms.filter(function (m) {
    if (m.end - m.start !== 1 || m.whole) return true;
    return !ms.some(function (o) {
      return o.end === m.start && o.whole && o.products.length === 1 && summaryTerms(o.products[0]).has(terms[m.start]);
    });
  });
}

function summaryTerms(p) {
  var got = shop.summaries.get(p);
  if (!got) {
    var ref = shop.products[p][3];
    got = new Set(ref >= 0 ? T.terms(docs[ref][2]) : []);
    shop.summaries.set(p, got);
  }
  return got;
}

/* The intents a query asks for (kbgen/search/shop.py: Intents.asked). */
function asked(keys, content) {
  var found = [], covered = keys.map(function () { return false; });
  shop.phrases.forEach(function (ph) {
    var n = ph.keys.length;
    for (var i = 0; i + n <= keys.length; i++) {
      var same = true, free = true;
      for (var k = 0; k < n; k++) {
        if (keys[i + k] !== ph.keys[k]) same = false;
        if (covered[i + k]) free = false;
      }
      if (same && free) {
        found.push({ at: i, key: ph.key, n: n });
        for (k = 0; k < n; k++) covered[i + k] = true;
      }
    }
  });
  var alone = keys.every(function (_, i) { return covered[i] || !content[i]; });
  found.sort(function (a, b) { return a.at - b.at || byCodePoint(a.key, b.key) || a.n - b.n; });
  var out = [];
  found.forEach(function (f) { if ((f.n > 1 || alone) && out.indexOf(f.key) < 0) out.push(f.key); });
  return out;
}

/* The site's channels (keys in menu order) the intents ask for. */
function channelKeys(intents) {
  var channels = shop.channels.map(function (c) { return c[0]; }), wanted = [];
  intents.forEach(function (intent) {
    var keys = intent === PERSON ? channels.filter(function (c) { return PERSON_CHANNELS.indexOf(c) >= 0; })
                                 : [intent];
    keys.forEach(function (k) { if (channels.indexOf(k) >= 0 && wanted.indexOf(k) < 0) wanted.push(k); });
  });
  return wanted;
}

function byCodePoint(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

/* [speed, issue 20] A keystroke mostly adds a letter to the last word: the other words expand
   (exact, typo, compound parts) as at the keystroke before. So a query's token set is made once
   per string and kept (it is never changed: intersect only reads it), and what it expands to in
   the vocabulary is kept with the index (index.expanded: a new index, a new table), handed out
   as a copy (callers sort what they get). At most SETS_MAX of each (a long word's typo set has
   hundreds of states: a phone's memory is not spent on words typed long ago). */
var SETS_MAX = 512, querySets = new Map();
["fromString", "fromFuzzyString"].forEach(function (name) {
  var make = lunr.TokenSet[name];
  lunr.TokenSet[name] = function (str, edits) {
    var key = name + "\u0000" + str + "\u0000" + (edits || 0), got = querySets.get(key);
    if (!got) {
      if (querySets.size >= SETS_MAX) querySets.clear();
      querySets.set(key, got = make.call(lunr.TokenSet, str, edits));
    }
    return got;
  };
});
function expand(tokenSet) {
  var cache = index.expanded || (index.expanded = new Map()), got = cache.get(tokenSet);
  if (!got) {
    got = index.tokenSet.intersect(tokenSet).toArray().sort(byCodePoint);
    if (cache.size >= SETS_MAX) cache.clear();
    cache.set(tokenSet, got);
  }
  return got.slice();
}

function shortest(terms) {
  return terms.sort(function (a, b) {
    return Array.from(a).length - Array.from(b).length || byCodePoint(a, b);
  }).slice(0, MAX_PREFIX_TERMS);
}

/* The query's words and the index terms each one matches (exact, prefix or typo). */
function plan(query) {
  query = Array.from(query).slice(0, MAX_QUERY_CHARS).join("");
  var normalized = Array.from(T.normalize(query));
  var typing = normalized.length > 0 && T.runs(normalized[normalized.length - 1]).length > 0;
  var words = T.words(queryText(query));
  var chinese = T.fillers(words), flags = T.chat(words, chinese, MAX_ALL_WORDS);
  var onlyFillers = words.every(function (w, i) { return !w.term || flags[i]; });
  var sentence = words.filter(function (w) { return w.term && !w.cjk; }).length > MAX_ALL_WORDS;
  var known = everydayCovered(words, flags);
  var planned = words.map(function (w, i) {
    var plus = w.text === PLUS;  // "hat+": names a product, but results need not have it
    var qw = { word: w, required: !!w.term && !flags[i] && !plus, filler: flags[i], chat: flags[i] && !chinese[i],
               terms: new Map() };
    var add = function (terms, kind) {
      terms.forEach(function (t) { if (!qw.terms.has(t)) qw.terms.set(t, kind); });
    };
    if (w.term && flags[i] && !onlyFillers) return qw;  // like a stop word
    if (w.term) add(expand(lunr.TokenSet.fromString(w.term)), "exact");
    var chars = Array.from(w.text);
    if (typing && i === words.length - 1 && (w.term || !sentence)) {  // "… what can I do": a whole word
      var starts = new Set(w.term ? [w.text, w.term] : [w.text]);
      // '怎么退': 么退 is no word, the shopper is typing 退…; 米兰, an everyday word, is whole
      if (w.cjk && w.runEnd && chars.length === 2 && !qw.terms.size && !known.has(i)) starts.add(chars[1]);
      Array.from(starts).sort(byCodePoint).forEach(function (start) {
        if (w.cjk || Array.from(start).length >= 2) {
          add(shortest(expand(lunr.TokenSet.fromString(start + "*"))), "prefix");
        }
      });
    }
    if (w.cjk && chars.length === 2) {
      chars.forEach(function (c) {
        if (!T.isFillerChar(c) || onlyFillers) add(expand(lunr.TokenSet.fromString(c)), "part");
      });
    }
    var length = chars.length;
    if (w.term && !w.cjk && length >= 5 && length <= MAX_TYPO_CHARS) {
      var exact = qw.terms.size > 0;
      add(expand(lunr.TokenSet.fromFuzzyString(w.term, length >= 8 ? 2 : 1)), "typo");
      if (!exact && /^[a-z]+$/.test(w.text)) {  // "securty" doesn't stem: its first letters do
        [length - 2, length - 1].forEach(function (k) {
          if (k >= MIN_TYPO_PREFIX) add(expand(lunr.TokenSet.fromFuzzyString(w.text.slice(0, k), 1)), "typo");
        });
      }
    }
    qw.required = qw.required && Array.from(qw.terms.values()).some(function (k) { return k !== "part"; });
    return qw;
  });
  compounds(planned);
  everydayWords(planned);
  if (questionLength(planned) > LONG_QUESTION) {  // a word of a long question counts once (query.py: plan)
    planned.forEach(function (qw) {
      if (!qw.word.cjk || !Array.from(qw.terms.values()).some(function (k) { return k === "exact"; })) return;
      qw.terms.forEach(function (kind, t) { if (kind === "part") qw.terms.delete(t); });
    });
  }
  return planned;
}

/* [start, end, pair] of each everyday phrase among a query's terms, left to right, the longest
   first; phrases don't overlap (kbgen/search/everyday.py: matches). */
function everydayMatches(found) {
  var table = shop.everyday, out = [], i = 0;
  while (i < found.length) {
    var best = -1;
    (shop.everydayFirst.get(found[i]) || []).forEach(function (p) {
      var key = table[p][0], n = key.length, same = i + n <= found.length;
      for (var j = 0; j < n && same; j++) same = found[i + j] === key[j];
      if (same && (best < 0 || n > table[best][0].length)) best = p;
    });
    if (best < 0) { i += 1; continue; }
    var end = i + table[best][0].length;
    out.push([i, end, best]);
    i = end;
  }
  return out;
}

/* The positions of the query's words an everyday phrase covers (query.py: _everyday_words). */
function everydayCovered(words, flags) {
  var covered = new Set();
  if (!shop.everyday.length) return covered;
  var content = [];
  words.forEach(function (w, i) { if (w.term && !flags[i]) content.push(i); });
  everydayMatches(content.map(function (i) { return words[i].term; })).forEach(function (m) {
    for (var k = m[0]; k < m[1]; k++) covered.add(content[k]);
  });
  return covered;
}

/* A shopper's everyday words also match the writers' words for them, with a lower weight
   (kbgen/search/query.py: _everyday). */
function everydayWords(planned) {
  var table = shop.everyday;
  if (!table.length) return;
  var content = planned.filter(function (qw) { return qw.word.term && !qw.filler; });
  everydayMatches(content.map(function (qw) { return qw.word.term; })).forEach(function (m) {
    content.slice(m[0], m[1]).forEach(function (qw) {
      addTerms(qw, table[m[2]][1], "everyday");
      qw.required = qw.word.text !== PLUS;
    });
  });
}

/* Joined and split forms meet: "heat sink" also matches heatsink, "heatsink" heat and sink
   (kbgen/search/query.py: _compounds). */
var MIN_COMPOUND_PART = 3;
function plainWord(qw) {
  return !!qw.word.term && !qw.filler && qw.word.text !== PLUS && /^[a-z]+$/.test(qw.word.text);
}
function addTerms(qw, terms, kind) { terms.forEach(function (t) { if (!qw.terms.has(t)) qw.terms.set(t, kind); }); }
function compounds(planned) {
  planned.forEach(function (qw, i) {
    var text = qw.word.text;
    if (!plainWord(qw)) return;
    if (i + 1 < planned.length && plainWord(planned[i + 1])) {
      var joined = T.stem(text + planned[i + 1].word.text);
      var found = joined ? expand(lunr.TokenSet.fromString(joined)) : [];
      [qw, planned[i + 1]].forEach(function (other) {
        addTerms(other, found, "exact");
        other.required = other.required || found.length > 0;
      });
    }
    var exact = Array.from(qw.terms.values()).some(function (k) { return k === "exact"; });
    if (!exact && text.length >= 2 * MIN_COMPOUND_PART) {
      for (var k = MIN_COMPOUND_PART; k <= text.length - MIN_COMPOUND_PART; k++) {
        var parts = [T.stem(text.slice(0, k)), T.stem(text.slice(k))].filter(function (t) {
          return t && expand(lunr.TokenSet.fromString(t)).length;
        });
        if (parts.length === 2) { addTerms(qw, parts, "exact"); qw.required = true; break; }
      }
    }
  });
}

/* How far a typo match is from the word, at least 1 (kbgen/search/query.py: _edits). */
function typoEdits(word, term) {
  var n = Array.from(term).length, head = Array.from(word.text).slice(0, n).join("");
  return Math.max(1, Math.min(edits(word.term, term, 3), edits(word.text, term, 3), edits(head, term, 3)));
}

function hits(planned, query) {
  var boosts = new Map();
  planned.forEach(function (qw) {
    qw.terms.forEach(function (kind, term) {
      var weight = kind === "typo" ? BOOST[kind] * 2 / (typoEdits(qw.word, term) + 1) : BOOST[kind];
      boosts.set(term, (boosts.get(term) || 0) + weight);
    });
  });
  if (!boosts.size) return [];
  var terms = Array.from(boosts.keys()).sort(byCodePoint);
  terms.forEach(materialize);
  var results = score(terms, boosts);
  var content = new Set();
  planned.forEach(function (qw) {
    if (qw.word.term && !qw.filler) qw.terms.forEach(function (_, t) { content.add(t); });
  });
  var phrase = phraseKeys(Array.from(query).slice(0, MAX_QUERY_CHARS).join(""));
  if (phrase.length < 2) phrase = null;
  // a document can only have the phrase if its question or keywords have each of its terms
  var phraseTerms = T.terms(Array.from(query).slice(0, MAX_QUERY_CHARS).join(""));
  var keywords = planned.filter(function (qw) { return qw.required || qw.chat; }).length <= MAX_ALL_WORDS;
  var near = nearPairs(planned);
  var found = [], words = new Set();  // highlight words, not single characters (once per query)
  planned.forEach(function (qw) { qw.terms.forEach(function (k, t) { if (k && k !== "part") words.add(t); }); });
  var lists = new Map();  // what hits reads of a term list, once per list (score shares them)
  function read(matched) {
    var got = lists.get(matched);
    if (got) return got;
    var allWords = true, allExact = true;
    var shown = matched.every(function (t) { return words.has(t); }) ? matched
      : matched.filter(function (t) { return words.has(t); });
    planned.forEach(function (qw) {
      if (!qw.required) return;
      var any = false, exact = false;
      matched.forEach(function (t) {
        var kind = qw.terms.get(t);
        if (kind && kind !== "part") { any = true; exact = exact || (kind !== "typo" && kind !== "everyday"); }
      });
      allWords = allWords && any;
      allExact = allExact && exact;
    });
    got = { fillers: content.size > 0 && !matched.some(function (t) { return content.has(t); }),
            shown: shown, allWords: allWords && keywords, allExact: allExact && keywords, exact: allExact };
    lists.set(matched, got);
    return got;
  }
  var titles = new Map();  // whether a title list has each of the phrase's terms, once per list
  function titledPhrase(titled) {
    var got = titles.get(titled);
    if (got === undefined) titles.set(titled, got = phraseTerms.every(function (t) { return titled.indexOf(t) >= 0; }));
    return got;
  }
  results.forEach(function (r) {
    var got = read(r.matched);
    if (got.fillers) return;  // fillers only
    var ref = r.ref, total = r.score, titled = r.titled;
    if (near.length && titled.length) {  // [speed] most results have no title term
      var pairs = 0;
      for (var k = 0; k < near.length; k++) {
        var keys = near[k];
        if (titled.indexOf(keys[0]) >= 0 && titled.indexOf(keys[keys.length - 1]) >= 0 && hasPhrase(ref, keys)) pairs++;
      }
      total *= 1 + PROXIMITY * pairs;
    }
    r.score = Math.round(total * 1e6) / 1e6;
    r.allWords = got.allWords;
    r.allExact = got.allExact;
    r.phrase = !!phrase && got.exact && titledPhrase(titled) && hasPhrase(ref, phrase);
    r.terms = got.shown;
    found.push(r);
  });
  return found;  // in rank order once search knows how many it shows (ranked)
}

/* Word proximity: the query's runs from one English word to the next with only stop words
   between, as phrase keys (kbgen/search/query.py: _near). */
function nearPairs(planned) {
  var content = [], out = [];
  planned.forEach(function (qw, i) { if (qw.word.term && !qw.filler && !qw.word.cjk) content.push(i); });
  for (var k = 0; k + 1 < content.length; k++) {
    var i = content[k], j = content[k + 1], between = planned.slice(i + 1, j);
    if (between.every(function (qw) { return !qw.word.term && !qw.word.cjk; })) {
      out.push(planned.slice(i, j + 1).map(function (qw) { return qw.word.term || qw.word.text; }));
    }
  }
  return out;
}

/* The hits in rank order: the phrase, then all words, then all exact, then the score, then the
   document. [speed, issue 20] Sorted as one list this was a warm keystroke's biggest cost at 10k
   entries: here each of the 8 kinds of flags is a bucket, sorted by score alone, the buckets
   joined best first (the same order). Only the first `keep` hits are shown, so only they are put
   in order (the rest follow in no particular order: they are counted, not shown): a bucket
   bigger than what is still needed gives its best (bestFirst), not a whole sort ([speed, issue
   20]: a two-letter word matches thousands of documents; sorting them all was a fetching
   keystroke's second run's biggest cost at 10k entries). */
var PARTIAL_ABOVE = 64;  // a smaller bucket is sorted whole
function byRank(a, b) { return (b.score - a.score) || (a.ref - b.ref); }
function ranked(found, keep) {
  var buckets = [[], [], [], [], [], [], [], []];
  found.forEach(function (h) { buckets[7 - (h.phrase ? 4 : 0) - (h.allWords ? 2 : 0) - (h.allExact ? 1 : 0)].push(h); });
  var out = [];
  if (keep === undefined) keep = Infinity;
  buckets.forEach(function (bucket) {
    var need = keep - out.length;
    if (need > 0 && bucket.length > need && bucket.length > PARTIAL_ABOVE) bucket = bestFirst(bucket, need);
    else if (need > 0) bucket.sort(byRank);
    for (var i = 0; i < bucket.length; i++) out.push(bucket[i]);
  });
  return out;
}

/* A bucket's `need` best hits first, in rank order, then the others (no order): those scoring at
   least the need-th best score are sorted (ties included), the others all score less. */
function bestFirst(bucket, need) {
  var n = bucket.length, best = [], top = [], rest = [], i, j, x;
  for (i = 0; i < n; i++) {  // the need best scores, best first (need is small: a page of results)
    x = bucket[i].score;
    if (best.length === need && x <= best[need - 1]) continue;
    for (j = best.length < need ? best.length : need - 1; j > 0 && best[j - 1] < x; j--) best[j] = best[j - 1];
    best[j] = x;
  }
  var bar = best[need - 1];
  for (i = 0; i < n; i++) (bucket[i].score >= bar ? top : rest).push(bucket[i]);
  top.sort(byRank);
  for (i = 0; i < rest.length; i++) top.push(rest[i]);
  return top;
}

function hasPhrase(ref, phrase) {
  var keys = shop.keys.get(ref);
  if (!keys) {
    var d = docs[ref];
    keys = [d[1]].concat(d[6] ? d[6].split("\n") : []).map(phraseKeys);
    shop.keys.set(ref, keys);
  }
  var n = phrase.length;
  return keys.some(function (k) {
    for (var i = 0; i + n <= k.length; i++) {
      var same = true;
      for (var j = 0; j < n && same; j++) same = k[i + j] === phrase[j];
      if (same) return true;
    }
    return false;
  });
}

function has(hit, qw) {
  return hit.matched.some(function (t) { var k = qw.terms.get(t); return k && k !== "part"; });
}

/* Named products first (kbgen/search/query.py: _focus). */
function focus(found, products, topic, keywords) {
  var naming = new Set(), first = [];
  products.forEach(function (p) { shop.products[p][5].forEach(function (ref) { naming.add(ref); }); });
  if (topic.length) {
    first = found.filter(function (h) {
      return naming.has(h.ref) && topic.every(function (qw) { return has(h, qw); });
    });
  }
  if (!topic.length || (!first.length && keywords && topic.length === 1)) {
    var byRef = new Map(found.map(function (h) { return [h.ref, h]; }));
    first = products.map(function (p) { return shop.products[p][3]; }).filter(function (ref) { return ref >= 0; })
      .map(function (ref) {
        return byRef.get(ref) || { ref: ref, score: 0, allWords: false, allExact: false, phrase: false,
                                   terms: [], matched: [] };
      });
    first = first.concat(found.filter(function (h) { return naming.has(h.ref); }));
  }
  var taken = new Set(first.map(function (h) { return h.ref; }));
  return first.concat(found.filter(function (h) { return !taken.has(h.ref); }));
}

/* Hits, compatibility answers and channels for a query (kbgen/search/query.py: answer): the
   first `keep` hits in rank order (all of them without keep), the others after them. */
function search(query, product, keep) {
  var planned = plan(query), found = hits(planned, query);
  var content = [];
  planned.forEach(function (qw, i) { if (qw.word.term && !qw.filler) content.push(i); });
  var required = planned.filter(function (qw) { return (qw.required || qw.chat) && !qw.word.cjk; }).length;
  var length = questionLength(planned), sentence = required > MAX_ALL_WORDS;
  var terms = content.map(function (i) { return planned[i].word.term; });
  var starts = content.map(function (i) { return i === 0 || planned[i - 1].word.runEnd; });
  var texts = content.map(function (i) { return planned[i].word.text; });
  var links = linksOf(planned.map(function (qw) { return qw.word; }), content);
  shop.namer.memo.clear();  // each query reads its own words afresh (a warm figure is no memo's)
  var ms = inContext(mentions(terms, texts, sentence, starts, links), terms);
  var named = namedOf(ms);
  var at = product ? pagePosition(product) : -1;  // the page's product, if it is one
  named = onPage(named, at, query, function () {
    return namedOf(inContext(mentions(terms, texts, sentence, starts, links, shop.products.length), terms));
  });
  // named products reorder the hits (focus, aboutCards): then all of them in rank order first
  found = ranked(found, named.length ? Infinity : keep);
  var compat = [], which = [];
  if (named.length === 1) {
    var covered = new Set();
    ms.forEach(function (m) { for (var k = m.start; k < m.end; k++) covered.add(content[k]); });
    var topic = planned.filter(function (qw, i) {
      return qw.required && !covered.has(i) && !shop.namer.texts.has(qw.word.text);
    });
    found = focus(found, named[0], topic, !sentence);
  } else if (named.length >= 2) {
    if (named[0].length > 1 || named[1].length > 1) which = [named[0].length > 1 ? named[0] : named[1]];
    else compat.push(compatAnswer(named[0][0], named[1][0]));
    found = aboutCards(found, compat);
  }
  var lead = length > LONG_QUESTION && found.length && (compat.length || which.length) ? 1 : 0;
  var keys = planned.map(function (qw) { return qw.word.term || qw.word.text; });
  var intents = asked(keys, planned.map(function (_, i) { return content.indexOf(i) >= 0; }));
  return { hits: found, compat: compat, which: which, lead: lead, channels: channelKeys(intents), page: at };
}

/* The products a query names, in order (kbgen/search/shop.py: named). */
function namedOf(ms) {
  var named = [];
  ms.forEach(function (m) {
    for (var i = 0; i < named.length; i++) {
      var common = named[i].filter(function (p) { return m.products.indexOf(p) >= 0; });
      if (common.length) { named[i] = common; return; }
    }
    named.push(m.products);
  });
  return named;
}

/* How many words a question has, as a reader counts them: Chinese counts one word for every two
   characters, particles left out (kbgen/search/query.py: _length). */
function questionLength(planned) {
  var words = 0, chars = 0;
  planned.forEach(function (qw) {
    var w = qw.word, text = Array.from(w.text);
    if (!w.cjk) { if (qw.required || qw.chat) words++; return; }
    (text.length === 1 || w.runEnd ? text : text.slice(0, 1)).forEach(function (c) {
      if (!T.isFillerChar(c)) chars++;
    });
  });
  return words + Math.floor((chars + 1) / 2);
}

/* The position of the page's product (the widget's data-product, the help site's product=)
   among the products, -1 if none or not known yet (search-shards.js: a split index finds it by
   its id's bucket). */
function pagePosition(product) {
  var at = -1;
  shop.products.forEach(function (p, i) { if (p[0] === product) at = i; });
  return at;
}

/* The shop page's product is the one a loose name means: on the Aero One's page, "the aero" is
   the Aero One, not every Aero; a fit question that names one other product ("does the aqua xl
   fit") asks about that product and the page's (at: its position), which comes second
   (kbgen/search/query.py: _on_page). */
function onPage(named, at, query, loosely) {
  if (at < 0) return named;
  named = named.map(function (group) { return group.indexOf(at) >= 0 ? [at] : group; });
  var text = Array.from(query).slice(0, MAX_QUERY_CHARS).join("");
  if (named.length === 1 && !(named[0].length === 1 && named[0][0] === at) && fitsPage(text, at) &&
      !absorbed(text, named[0], at)) {
    var held = points(text) && named[0].length === 1 ? heldOf(loosely(), named[0]) : null;
    if (held === null) named.push([at]);
    else if (held.indexOf(at) >= 0) named = [[at], named[0]];  // on a supply's page: that one
    else named = choicesOf(held, named[0][0]) || named;  // "this power supply with the pi 4"
  } else if (!named.length && points(text) && fitsPage(text, at)) {
    // "can I use this power supply": the noun's products the catalog says anything about with
    // the page's are the candidates (kbgen/search/query.py: _on_page)
    var wide = loosely();
    if (wide.length === 1 && wide[0].length > 1) {
      if (wide[0].indexOf(at) >= 0) return [[at]];
      named = choicesOf(wide[0], at) || named;
    }
  }
  return named;
}

/* Whether what a fit word is said of names a product the query's one name holds as its host
   ("外壳适用于树莓派4b": the 4B's case, asked of the 4B) (kbgen/search/query.py: _absorbed). */
function absorbed(text, group, at) {
  return fitObjects(text).slice(0, MAX_FITS).some(function (tail) {
    var words = T.words(queryText(tail)), flags = T.chat(words, T.fillers(words), 0), content = [];
    words.forEach(function (w, i) { if (w.term && !flags[i]) content.push(i); });
    var starts = content.map(function (i) { return i === 0 || words[i - 1].runEnd; });
    return mentions(content.map(function (i) { return words[i].term; }), content.map(function (i) { return words[i].text; }),
                    false, starts).some(function (m) {
      return m.products.indexOf(at) < 0 && !m.products.some(function (p) { return group.indexOf(p) >= 0; });
    });
  });
}

/* The products of a noun pointed at besides the one named (kbgen/search/query.py: _held). */
function heldOf(wide, group) {
  var nouns = wide.filter(function (g) {
    return g.length > 1 && !g.some(function (p) { return group.indexOf(p) >= 0; });
  });
  return wide.length === 2 && nouns.length === 1 ? nouns[0] : null;
}

/* The noun's products the catalog says anything about with host (else all), and host; null if
   more than MAX_CHOICES (kbgen/search/query.py: _choices). */
function choicesOf(noun, host) {
  var told = noun.filter(function (p) { return compatAnswer(p, host).verdict !== "unknown"; });
  if (!told.length) told = noun;
  return told.length <= MAX_CHOICES ? [told, [host]] : null;
}

/* English words that say how products fit, not what with; Chinese particles, "it" and "not"
   (kbgen/search/query.py: FIT_WORDS, FIT_TERMS, FIT_CHARS). */
var FIT_WORDS = new Set(("together well properly correctly perfectly right really actually " +
                         "ok okay fine too also both not here there all any " +
                         "inside under underneath onto over behind beside next within " +
                         "one ones mine model version product item device unit board").split(" "));
var FIT_TERMS = new Set("产品 產品 商品 型号 型號 本品 机器 機器 设备 設備 东西 東西 板子".split(" "));
var FIT_CHARS = new Set(Array.from("吗嗎呢吧啊呀么麼的了它们們不没沒也都还還于於在上里裡内內中下"));

/* Whether a query asks if the product it names fits the page's product (at): a fit word with
   nothing after it in its clause but products, words of the page product's summary, pronouns,
   stop words and particles (kbgen/search/query.py: _fits_page). */
function fitsPage(query, at) {
  var heads = fitSubjects(query);
  return fitObjects(query).slice(0, MAX_FITS).some(function (text, i) { return aboutProducts(text, at) && aboutProducts(heads[i], at); });
}

/* kbgen/search/query.py: _about_products. */
function aboutProducts(text, at) {
  var words = T.words(queryText(text)), flags = T.chat(words, T.fillers(words), 0), content = [];
  words.forEach(function (w, i) { if (w.term && !flags[i]) content.push(i); });
  var starts = content.map(function (i) { return i === 0 || words[i - 1].runEnd; });
  var named = new Set();
  mentions(content.map(function (i) { return words[i].term; }), content.map(function (i) { return words[i].text; }),
           false, starts, [], shop.products.length).forEach(function (m) { for (var k = m.start; k < m.end; k++) named.add(content[k]); });
  var summary = summaryTerms(at);
  var ok = words.map(function (w, i) {
    return !w.term || flags[i] || named.has(i) || summary.has(w.term) || shop.namer.brand.has(w.term) ||
      (w.cjk ? FIT_TERMS : FIT_WORDS).has(w.text);
  });
  var run = [];  // the words (bigrams) of a Chinese run
  for (var i = 0; i < words.length; i++) {
    var w = words[i];
    if (!w.cjk) {
      if (!ok[i]) return false;
      continue;
    }
    run.push(i);
    if (!w.runEnd) continue;
    // character j of the run is in bigrams j - 1 and j (a run of one character: its word)
    var chars = Array.from(words[run[0]].text).slice(0, 1);
    run.forEach(function (k) { chars = chars.concat(Array.from(words[k].text).slice(1)); });
    for (var j = 0; j < chars.length; j++) {
      var said = (j >= 1 && ok[run[j - 1]]) || (j < run.length && ok[run[j]]);
      if (!FIT_CHARS.has(chars[j]) && !said) return false;
    }
    run = [];
  }
  return true;
}

/* Under compatibility answers, the results about their products first: about both products of
   a pair, then about one (kbgen/search/query.py: _about_cards); otherwise in score order. */
function aboutCards(found, compat) {
  function about(p) {
    var refs = new Set(shop.products[p][5]);
    if (shop.products[p][3] >= 0) refs.add(shop.products[p][3]);
    return refs;
  }
  var pairs = compat.map(function (c) { return [about(c.a), about(c.b)]; });
  function rank(h) {
    return Math.max.apply(null, pairs.map(function (ab) { return (ab[0].has(h.ref) ? 1 : 0) + (ab[1].has(h.ref) ? 1 : 0); }));
  }
  return found.map(function (h, i) { return { h: h, r: rank(h), i: i }; })
    .sort(function (x, y) { return y.r - x.r || x.i - y.i; }).map(function (x) { return x.h; });
}

function compatAnswer(a, b) {
  var r = shop.relation(a, b), verdict = self.kbgenCompat.verdict(r);
  if (verdict !== "yes" && verdict !== "no") verdict = "unknown";
  return { a: a, b: b, verdict: verdict, reason: verdict === "no" ? r.reason : "", relation: r };
}

function fill(template, names) {
  return String(template || "").replace(/\{(a|b|reason)\}/g, function (_, k) { return names[k]; });
}

/* A channel's URL template filled (kbgen/core/channels.py's placeholders), leaving out what
   would be empty: a query field (topic={question}) or a line of an e-mail's text
   (Entry: {entry_id}) whose placeholders are all empty. Twins: help.js, widget-panel.js. */
var PLACEHOLDER = /\{(entry_id|question|stage|page_url|query|product)\}/g;
function fillLink(template, values) {
  function value(name) { return Object.prototype.hasOwnProperty.call(values, name) ? values[name] || "" : ""; }
  function blank(text) {
    var names = text.match(PLACEHOLDER);
    return !!names && names.every(function (n) { return !value(n.slice(1, -1)); });
  }
  function filled(text) { return text.replace(PLACEHOLDER, function (_, k) { return encodeURIComponent(value(k)); }); }
  var q = template.indexOf("?");
  if (q < 0) return filled(template);
  var hash = template.indexOf("#", q), end = hash < 0 ? template.length : hash;
  var fields = template.slice(q + 1, end).split("&").filter(function (field) {
    return !blank(field.slice(field.indexOf("=") + 1));
  }).map(function (field) {
    var at = field.indexOf("=") + 1;
    return field.slice(0, at) + field.slice(at).split(/%0A/i).filter(function (line) { return !blank(line); }).join("%0A");
  });
  return filled(template.slice(0, q) + (fields.length ? "?" + fields.join("&") : "") + template.slice(end));
}

/* A channel's link: {query} filled, and the page's URL and product it was asked from
   (msg.page_url, msg.product: only a product the catalog has); nothing else is known here. */
var asking = { page_url: "", product: "" };
function channelLink(key, query) {
  var c = shop.channels.filter(function (c) { return c[0] === key; })[0];
  var href = fillLink(c[2], { query: query, page_url: asking.page_url, product: asking.product });
  return { key: key, label: c[1], detail: c[3], href: href };
}

/* What the page shows of a compatibility answer: self-describing, texts filled in. */
function compatCard(c) {
  var t = shop.t, pa = shop.products[c.a], pb = shop.products[c.b];
  var names = { a: pa[1], b: pb[1] }, r = c.relation, text;
  if (r.answer === "accessory") {
    text = fill(t.compat_accessory, { a: shop.products[r.main][1], b: shop.products[r.accessory][1] });
  } else {
    text = fill(t["compat_" + c.verdict], names);
  }
  var ask = fill(t.search_compat_ask || "{a} + {b}?", names);
  return {
    verdict: c.verdict, reason: c.reason, text: text, ask: ask,
    reasonText: c.reason ? fill(t.compat_reason_text || "{reason}", { reason: c.reason }) : "",
    products: [pa, pb].map(function (p) { return { id: p[0], name: p[1], url: p[2] }; }),
    channels: c.verdict === "unknown" ? channelKeys([PERSON]).map(function (k) { return channelLink(k, ask); }) : []
  };
}

/* [start, end) UTF-16 ranges of the words of `text` that are among `terms`. */
/* [loading/speed, issue 20] What highlights needs of a character and of a run of letters,
   computed once per index (shop.seen, made again by loadShop): typing re-highlights the same
   questions and summaries at every keystroke, and normalizing each character again was a
   quarter of a warm keystroke's time. */
var SEEN_MAX = 50000;
function charInfo(ch) {
  var seen = shop.seen, got = seen.chars.get(ch);
  if (!got) {
    var norm = T.normalize(ch);
    got = { cjk: T.isCjk(Array.from(norm)[0] || ch), word: Array.from(norm).some(T.isWordChar) };
    if (seen.chars.size < SEEN_MAX) seen.chars.set(ch, got);
  }
  return got;
}
function runTerms(runText) {
  var seen = shop.seen, got = seen.runs.get(runText);
  if (!got) {
    got = T.terms(runText);
    if (seen.runs.size < SEEN_MAX) seen.runs.set(runText, got);
  }
  return got;
}

/* A text's pieces a highlight can cover, cut once per text (shop.seen.texts; [speed, issue 20]:
   each keystroke highlights the same questions and summaries again): [start, end, terms] with
   the terms that make [start, end) a highlight: a run of letters and its terms, or in a run of
   Chinese characters each bigram (and a single character alone). */
var TEXTS_MAX = 20000;
function pieces(text) {
  var got = shop.seen.texts.get(text);
  if (got) return got;
  got = [];
  var run = [], pos = 0;
  function flush() {
    if (!run.length) return;
    var runText = T.normalize(run.map(function (c) { return c.ch; }).join(""));
    var chars = Array.from(runText);
    if (chars.length === run.length && T.isCjk(chars[0])) {
      if (chars.length === 1) got.push([run[0].at, run[0].end, [chars[0]]]);
      for (var i = 0; i + 1 < chars.length; i++) got.push([run[i].at, run[i + 1].end, [chars[i] + chars[i + 1]]]);
    } else {
      got.push([run[0].at, run[run.length - 1].end, runTerms(runText)]);
    }
    run = [];
  }
  for (var ch of text) {
    var info = charInfo(ch), cjk = info.cjk, word = info.word;
    if (!word || (run.length && run[run.length - 1].cjk !== cjk)) flush();
    if (word) run.push({ ch: ch, at: pos, end: pos + ch.length, cjk: cjk });
    pos += ch.length;
  }
  flush();
  if (shop.seen.texts.size >= TEXTS_MAX) shop.seen.texts.clear();
  shop.seen.texts.set(text, got);
  return got;
}

function highlights(text, terms) {
  var ranges = [];
  pieces(text).forEach(function (piece) {
    if (piece[2].some(function (t) { return terms.has(t); })) ranges.push([piece[0], piece[1]]);
  });
  var merged = [];
  ranges.sort(function (a, b) { return a[0] - b[0]; }).forEach(function (r) {
    var last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push(r.slice());
  });
  return merged;
}

/* A first letter being typed ("p" begins pay, pico, price …) that finds nothing: a word start
   counts as a prefix from two letters on (plan), so this is no query without results but one
   waiting for its next letter, {seq, q, wait: "letter", text}: the page says to type one more
   (issue 20), shows no "No results" and records no search gap. A one-letter word that is a
   term of its own ("x", a product's name) finds it and is answered; so is a Chinese character
   (a word, and a prefix: plan). Twin: kbgen/search/query.py (_waits). */
function waitsForLetter(q, result) {
  if (result.hits.length || result.compat.length || result.which.length || result.channels.length) return false;
  q = Array.from(q).slice(0, MAX_QUERY_CHARS).join("");
  var normalized = Array.from(T.normalize(q));
  if (!normalized.length || !T.runs(normalized[normalized.length - 1]).length) return false;  // a whole word
  var words = T.words(queryText(q)), last = words[words.length - 1];
  return !!last && !last.cjk && Array.from(last.text).length === 1;
}

function answer(msg) {
  var started = performance.now(), searched = started, shown;
  try {
    asking = { page_url: String(msg.page_url || ""), product: String(msg.product || "") };
    var q = String(msg.q || ""), limit = msg.limit || 10, result = search(q, asking.product, limit);
    var hits = result.hits;
    // a product the catalog doesn't have (a hand-made ?product= on the search page) is neither
    // applied nor shown, so no channel link carries it either
    if (result.page < 0) asking.product = "";
    searched = performance.now();
    if (waitsForLetter(q, result)) {
      postMessage({ seq: msg.seq, q: msg.q, wait: "letter", text: shop.t.search_split_wait || "" });
      return;
    }
    shown = hits.slice(0, limit).map(function (h) {
      var d = docs[h.ref], terms = new Set(h.terms);
      return { id: d[0], question: d[1], summary: d[2], stage: stages[d[3]], url: d[4],
               kind: d[5] === 1 ? "product" : "entry",
               hq: highlights(d[1], terms), hs: highlights(d[2], terms) };
    });
    postMessage({
      seq: msg.seq, q: msg.q, total: hits.length, hits: shown,
      compat: result.compat.map(compatCard),
      which: result.which.map(function (choice) {
        return { ask: shop.t.search_compat_which || "", products: choice.map(function (p) {
          var product = shop.products[p];
          return { id: product[0], name: product[1], url: product[2] };
        }) };
      }),
      lead: result.lead,
      channels: result.channels.map(function (k) { return channelLink(k, q.trim()); }),
      // the product whose page the query was asked from, as it was applied (the search page
      // shows it, and a way to ask without it); none for an id the catalog doesn't have
      page: result.page >= 0 ? { id: asking.product, name: shop.products[result.page][1] } : null,
      ms: { search: searched - started, highlight: performance.now() - searched }
    });
  } catch (err) {
    postMessage({ seq: msg.seq, q: msg.q, error: String(err) });
  }
}

/* Materialize the remaining terms in slices of a few milliseconds while the shopper reads or
   types, so later queries never pay for it; a query waits at most one slice. */
function warm(terms, next) {
  var i = next, until = performance.now() + 4;
  while (i < terms.length && performance.now() < until) {
    try { materialize(terms[i++]); } catch (err) { /* a query with this term reports it */ }
  }
  if (i < terms.length) setTimeout(function () { warm(terms, i); }, 0);
}

download.then(function (d) {
  t1 = performance.now();
  load(d);
  setTimeout(function () { warm(d.terms, 0); }, 50);
  // How long the index took to arrive and to load, for bench/search_speed.py.
  // whole: the index has every document (a split index's manifest has not: search-shards.js)
  postMessage({ ready: true, docs: docs.length, whole: !raw.split,
                ms: { fetch: t1 - t0, load: performance.now() - t1 } });
  pending.splice(0).forEach(answer);
}).catch(function (err) { postMessage({ error: String(err) }); });

onmessage = function (event) {
  var msg = event.data || {};
  if (index) {
    answer(msg);
  } else {
    pending = [msg];  // only the latest query matters
  }
};

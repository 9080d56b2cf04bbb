/* kbgen split search index (kbgen/search/shards.py): what the search worker fetches per query.
   A site with a split index ships search-worker.js with this file appended (shards.worker_script):
   the worker's own code is unchanged; the end of this file takes over its load, materialize,
   warm, hasPhrase and answer for a split index and leaves them as they are for a whole one.

   kbgenShards.open(manifest, indexUrl) gives the tables the worker's ranking reads (docs,
   products, each term's weights, the compatibility relation) backed by files fetched on
   demand from s/ next to the index. Reading something not fetched yet records the file it is in
   (needs) and gives a placeholder; the worker then fetches every recorded file in one go
   (fetchNeeds) and runs the query again, until a run needed nothing: only that run is shown,
   so a result never comes from placeholders. A file that can't be fetched, or is not the one
   the manifest names (a deploy between two fetches), rejects with .kind "failed" or "stale". */
(function (root) {
  "use strict";
  var SPLIT_FORMAT = 7;
  var PLACEHOLDER_ROW = ["", "", "", 0, "", 0, ""];

  function decodeTerms(text) {
    var terms = [], previous = "";
    if (!text) return terms;
    text.split("\n").forEach(function (line) {
      // shared prefix in code points (kbgen/search/shards.py: front_code)
      previous = Array.from(previous).slice(0, line.charCodeAt(0) - 48).join("") + line.slice(1);
      terms.push(previous);
    });
    return terms;
  }

  function open(manifest, indexUrl) {
    if (manifest.split !== SPLIT_FORMAT) {
      throw new Error("split search index format " + manifest.split + " is not supported");
    }
    var base = new URL("s/", indexUrl);
    var terms = decodeTerms(manifest.terms);
    var termIndex = new Map();
    terms.forEach(function (term, t) { termIndex.set(term, t); });
    var shards = manifest.shards, docBlock = manifest.docs[0], productBlock = manifest.products[0];
    function named(kind, n) { return kind + manifest.files + "-" + n; }  // shards.py: split
    /* A lengths (l), document (d), product (p) or id (i) file's gzipped size, as the manifest
       says (shards.py: sizes, in SIZE_UNIT bytes, rounded up): what it costs a query's byte
       budget. */
    function sized(kind, n) { return file(named(kind, n), manifest.sizes[kind][n] * manifest.sizes.unit); }
    var loaded = new Map(), rows = new Map(), needs = new Map(), lookups = new Map(), inflight = new Map();
    var n = manifest.n;
    /* Prefix files (shards.py: _prefix_files): prefix → its number. A run that plans a word being
       typed with a file (route) reads that word's terms from it: one file, instead of every term
       shard and row file they lie in. Each term's postings and words around come from whichever
       file that has them came first (homes: the same data in each). */
    var prefixes = new Map(), homes = new Map(), routed = new Map(), covered = new Set();
    (manifest.prefixes ? manifest.prefixes.split(" ") : []).forEach(function (p, k) { prefixes.set(p, k); });
    var shared = new Set(manifest.shared ? manifest.shared.split(" ") : []);  // read from their two letters' file
    function slot(data, t) { return data.at ? data.at.get(t) : t - data.from; }
    /* Pair files (shards.py: _companions): the first results of two companion terms together
       that neither's row file carries. companions: the terms that have pairs, each with its
       number among them. */
    var pairFiles = manifest.pairs ? manifest.pairs[0] : 0, companions = new Map(), extras = new Map();
    var pending = [];  // this run's pairs of companions, [a, b], while the pair map is not here
    var pairSize = manifest.pairs ? manifest.pairs[1] * manifest.sizes.unit : 0;
    (manifest.pairs ? manifest.pairs[2] : []).reduce(function (t, gap) {
      companions.set(t + gap, companions.size);  // term → its number among the companions
      return t + gap;
    }, -1);
    /* Which pairs of companions have rows in a pair file (shards.py: pair_map, in the lengths
       file): null until the lengths file came. A query asked before it came (a search page
       opened with ?q=) chooses its pair files once it comes, in the same round trip
       (laterPairs). */
    var pairBits = null;
    function pairMap() {
      if (!pairBits) {
        var got = loaded.get(named("l", 0));
        if (!got || typeof got.pairs !== "string") return false;
        var text = atob(got.pairs);
        pairBits = new Uint8Array(text.length);
        for (var k = 0; k < text.length; k++) pairBits[k] = text.charCodeAt(k);
      }
      return true;
    }
    function hasPairRows(a, b) {
      if (!pairMap()) return true;
      var x = companions.get(a), y = companions.get(b), i = Math.min(x, y), j = Math.max(x, y);
      var bit = i * (2 * companions.size - i - 1) / 2 + (j - i - 1);  // shards.py: pair_bit
      return (pairBits[bit >> 3] & (1 << (bit & 7))) !== 0;
    }

    function file(name, size) {
      var got = loaded.get(name);
      if (!got) needs.set(name, size);
      return got;
    }

    function row(ref) {
      var got = rows.get(ref);
      if (got) return got;
      sized("d", Math.floor(ref / docBlock));
      return PLACEHOLDER_ROW;
    }

    function productData(p) {
      var block = sized("p", Math.floor(p / productBlock));
      return block ? block.rows[p - block.from] : null;
    }

    var docs = new Proxy([], {
      get: function (target, key) {
        if (key === "length") return n;
        if (typeof key === "string" && /^[0-9]+$/.test(key)) return row(Number(key));
        return target[key];
      }
    });

    /* [id, name, url, page, [aliases and keywords], [documents naming it]] as in a whole index. */
    var products = manifest.names.map(function (named, p) {
      return new Proxy([], {
        get: function (target, key) {
          if (key === "1") return named[0];
          if (key === "4") return named[1];
          if (key === "0" || key === "2" || key === "3" || key === "5") {
            var got = productData(p);
            if (got) return got[{ 0: 0, 2: 1, 3: 2, 5: 3 }[key]];
            return key === "3" ? -1 : key === "5" ? [] : "";
          }
          if (key === "length") return 6;
          return target[key];
        }
      });
    });

    /* The relation of products a and b from the links of a's block (every link of a is there,
       in the whole graph's order: the same answer as kbgenCompat.lookup of the whole graph). */
    function relation(a, b) {
      if (a === b) return { answer: "same" };
      var name = named("p", Math.floor(a / productBlock)), block = sized("p", Math.floor(a / productBlock));
      if (!block) return { answer: "unknown" };
      if (!lookups.has(name)) {
        var g = {};
        ["compatible", "accessory", "incompatible"].forEach(function (kind) {
          g[kind] = block.graph[kind].map(function (link) { return link.slice(1); });
        });
        lookups.set(name, root.kbgenCompat.lookup(g));
      }
      return lookups.get(name)(a, b);
    }

    /* The position of the product with this id, -1 if none; null until its bucket is fetched. */
    function positionOf(id) {
      if (!manifest.ids) return -1;
      var h = 0;
      Array.from(id).forEach(function (c) { h = (h * 31 + c.codePointAt(0)) % 1000003; });
      var bucket = sized("i", h % manifest.ids);  // shards.py: id_bucket
      if (!bucket) return null;
      return Object.prototype.hasOwnProperty.call(bucket.ids, id) ? bucket.ids[id] : -1;
    }

    /* The number of the term shard (and row file) that has term number t. */
    function shardOf(t) {
      var lo = 0, hi = shards.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (shards[mid][0] <= t) lo = mid; else hi = mid - 1;
      }
      return lo;
    }

    /* Term number t's postings as the whole index has them (index.py: serialize), or null until
       its shard is fetched. */
    function postingsOf(t) {
      var home = homes.get(t);
      if (home) return home.postings[slot(home, t)];
      if (!routed.has(t) || sized("x", routed.get(t))) {  // not in its prefix file: its shard
        var k = shardOf(t);
        file(named("t", k), shards[k][1]);
      }
      return null;
    }

    /* This run's word being typed, p, stands for these terms: if they lie in several term shards
       and p has a prefix file, or is listed as read from its two letters' (shards.py:
       _prefix_files), those of them not fetched yet come from it, with the rows of their top
       documents. */
    function route(p, terms) {
      var chars = Array.from(p), k, spans = new Set();
      terms.forEach(function (term) { if (termIndex.has(term)) spans.add(shardOf(termIndex.get(term))); });
      if (chars.length > 3 || spans.size < 2) return;  // shards.py: PREFIX_LENGTHS; one shard and its rows
      k = prefixes.get(p);
      if (k === undefined && shared.has(p)) k = prefixes.get(chars.slice(0, 2).join(""));
      if (k === undefined) return;
      terms.forEach(function (term) {
        var t = termIndex.get(term);
        if (t !== undefined) routed.set(t, k);
      });
    }

    /* Ask for the result rows of these terms' top documents (their row file, or the prefix file
       they are routed to), unless a row or prefix file with them came. A question's (asExtra)
       row files are an extra of its first round trip (withPairs), within the byte budget: its
       postings come first, and the rows of its first results that none of them has, in small
       document blocks, after. */
    var rowExtras = new Map(), later = null;
    function wantRows(terms, asExtra) {
      terms.forEach(function (term) {
        var t = termIndex.get(term);
        if (t === undefined || covered.has(t)) return;
        if (routed.has(t) && !sized("x", routed.get(t))) return;
        var k = shardOf(t), name = named("r", k);
        if (!asExtra) file(name, shards[k][2]);
        else if (!loaded.has(name)) rowExtras.set(name, k);
      });
    }

    /* A query of several words: for each two of its words, the pair file of each two of their
       companion terms (groups: each word's own terms). An extra of the round trip: fetched with
       the files the query's first run needs while some of its postings are still to come, as
       far as the byte budget allows (withPairs). */
    function wantPairs(groups) {
      if (!pairFiles) return;
      var ids = groups.map(function (g) {
        return g.map(function (term) { return termIndex.get(term); })
          .filter(function (t) { return t !== undefined && companions.has(t); });
      });
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          ids[i].forEach(function (a) {
            ids[j].forEach(function (b) {
              if (a === b) return;
              if (!pairMap()) { pending.push([a, b]); return; }
              if (!hasPairRows(a, b)) return;
              var name = pairName(a, b);
              if (!loaded.has(name) && !extras.has(name)) extras.set(name, pairSize);
            });
          });
        }
      }
    }

    function pairName(a, b) {  // shards.py: pair_file
      return named("c", (Math.min(a, b) * terms.length + Math.max(a, b)) % pairFiles);
    }

    /* The pair files of a run asked before the pair map came (pending), fetched as soon as the
       lengths file (already on its way) brings it: those that have rows for the run's pairs, as
       far as the budget left allows. Format 7 fetched a file for each pair then, most of them
       with other pairs' rows only (10,000 entries: a page opened with ?q= fetched 5 KB more). */
    function laterPairs(pairs, left) {
      return (loaded.has(lengthsName) ? Promise.resolve() : fetchFile(lengthsName)).then(function () {
        var names = [];
        pairs.forEach(function (p) {
          if (!hasPairRows(p[0], p[1])) return;
          var name = pairName(p[0], p[1]);
          if (loaded.has(name) || inflight.has(name) || names.indexOf(name) >= 0 || pairSize > left) return;
          names.push(name);
          left -= pairSize;
        });
        return Promise.all(names.map(fetchFile));
      });
    }

    /* Each document's field lengths ([document][field], as a whole index's lengths), or null
       (and the lengths file is needed) until it came. The worker asks for it as soon as the
       manifest came (prefetch); a query typed before it arrived fetches it with its own files,
       in the same round trip. */
    var lengthsName = named("l", 0), lengthRows = null;
    function lengths() {
      if (!lengthRows) {
        var got = sized("l", 0);
        if (!got) return null;
        lengthRows = new Array(n);
        for (var i = 0; i < n; i++) lengthRows[i] = got.lengths.map(function (c) { return c[i]; });
      }
      return lengthRows;
    }

    /* Whether document ref has the query's phrase (its keys, as phraseKeys gives them) in its
       question or a keyword, from the words around its terms there (shards.py: _pairs; up to
       CONTEXT words): false when one of the phrase's terms never comes after the phrase's
       words before it, or, when the phrase ends with words that are no terms (stop words:
       "coffee from"), its last term never comes with the words before it and those after it;
       true when all the phrase's other words are the ones around its last term; null when
       only the document's texts can tell (the worker reads them). */
    var CONTEXT = 4;
    /* A term shard's words around its term t: Map of every ending of the words before, or (with
       "|") every such ending, "|" and every start of the stop words after, to its documents. */
    function around(shard, t, table) {
      var cache = table === "pairs" ? "before" : "afterWords";
      if (!shard[cache]) {
        shard[cache] = new Map();
        shard[table].forEach(function (entry) {
          var byWords = new Map();
          entry[1].forEach(function (pair) {
            var sides = pair[0].split("|"), words = sides[0] ? sides[0].split(" ") : [];
            var ends = [];
            for (var k = 0; k <= words.length; k++) {
              if (k < words.length || sides.length > 1) ends.push(words.slice(k).join(" "));
            }
            var keys = ends;
            if (sides.length > 1) {
              var next = sides[1].split(" ");
              keys = [];
              ends.forEach(function (end) {
                for (var j = 1; j <= next.length; j++) keys.push(end + "|" + next.slice(0, j).join(" "));
              });
            }
            var refs = pair[1].reduce(function (out, gap) {
              out.push((out.length ? out[out.length - 1] : -1) + gap);
              return out;
            }, []);
            keys.forEach(function (key) {
              var set = byWords.get(key);
              if (!set) byWords.set(key, set = new Set());
              refs.forEach(function (doc) { set.add(doc); });
            });
          });
          shard[cache].set(shard.at ? shard.terms[entry[0]] : shard.from + entry[0], byWords);
        });
      }
      return shard[cache].get(t);
    }
    function knowsPhrase(ref, phrase) {
      var last = phrase.length - 1;
      while (last >= 0 && !termIndex.has(phrase[last])) last--;
      if (last < 0) return null;
      var whole = false;
      for (var i = 1; i <= last; i++) {
        var t = termIndex.get(phrase[i]);
        if (t === undefined) continue;
        var shard = homes.get(t);
        if (!shard) continue;
        var before = phrase.slice(Math.max(0, i - CONTEXT), i).join(" ");
        var found = around(shard, t, "pairs"), refs = found && found.get(before);
        if (!refs || !refs.has(ref)) return false;
        if (i === last && i <= CONTEXT) whole = true;
      }
      if (last === phrase.length - 1) return whole ? true : null;
      var after = phrase.slice(last + 1);  // the stop words the phrase ends with
      if (after.length > CONTEXT) return null;
      var lastTerm = termIndex.get(phrase[last]), lastShard = homes.get(lastTerm);
      if (!lastShard) return null;
      var words = phrase.slice(Math.max(0, last - CONTEXT), last).join(" ") + "|" + after.join(" ");
      var windows = around(lastShard, lastTerm, "after"), have = windows && windows.get(words);
      if (!have || !have.has(ref)) return false;
      return last <= CONTEXT ? true : null;
    }

    function failure(kind, message) {
      var err = new Error(message);
      err.kind = kind;
      return err;
    }

    function fetchFile(name) {  // one request per file, however many queries wait for it
      if (!inflight.has(name)) {
        inflight.set(name, request(name).finally(function () { inflight.delete(name); }));
      }
      return inflight.get(name);
    }

    function request(name) {
      return fetch(new URL(name + ".json", base).href).then(function (r) {
        if (!r.ok) throw failure("failed", name + ".json: HTTP " + r.status);
        return r.json();
      }, function (err) {
        throw failure("failed", name + ".json: " + String(err));
      }).then(function (data) {
        if (!data || data.id !== name || data.split !== SPLIT_FORMAT) {
          throw failure("stale", name + ".json is not the file this index names");
        }
        if (data.kind === "d") data.rows.forEach(function (r, i) { rows.set(data.from + i, r); });
        else if (data.kind === "r" || data.kind === "p" || data.kind === "x" || data.kind === "c") {
          (data.kind === "p" ? data.pages : data.rows).forEach(function (r) { rows.set(r[0], r[1]); });
        }
        if (data.kind === "x") {
          data.at = new Map();
          data.terms.forEach(function (t, j) {
            data.at.set(t, j);
            covered.add(t);
            if (!homes.has(t)) homes.set(t, data);
          });
        } else if (data.kind === "r") {
          var end = data.shard + 1 < shards.length ? shards[data.shard + 1][0] : terms.length;
          for (var t = data.from; t < end; t++) covered.add(t);
        } else if (data.kind === "t") {
          data.postings.forEach(function (_, j) { if (!homes.has(data.from + j)) homes.set(data.from + j, data); });
        }
        loaded.set(name, data);
      });
    }

    return {
      id: manifest.id,
      terms: terms,
      docs: docs,
      products: products,
      relation: relation,
      termIndex: termIndex,
      postingsOf: postingsOf,
      wantRows: wantRows,
      wantPairs: wantPairs,
      route: route,
      lengths: lengths,
      /* Fetch the lengths file now, at idle (a failure is said by the query that needs it). */
      prefetch: function () { fetchFile(lengthsName).catch(function () {}); },
      knowsPhrase: knowsPhrase,
      /* Whether document ref's row came (reading docs[ref] before gives a placeholder). */
      hasRow: function (ref) { return rows.has(ref); },
      positionOf: positionOf,
      whole: manifest.whole || null,
      /* Start a run: forget what the last one needed. */
      begin: function () { needs.clear(); routed.clear(); extras.clear(); rowExtras.clear(); pending = []; },
      /* The files the run since begin() read without having them: [[name, gzipped size]]. */
      needs: function () { return Array.from(needs.entries()); },
      /* The files needed and, as far as they fit in budget bytes with them, the pair files the
         run asked for (wantPairs). */
      withPairs: function (wanted, budget) {
        later = null;
        // only while some postings are still to come: a run that has them all needs just rows
        if (!wanted.some(function (w) { return w[0][0] === "t" || w[0][0] === "x"; })) return wanted;
        var left = budget - this.bytes(wanted), out = wanted.slice();
        // a question's row files, those of the smallest term shards (its rarer words') first
        Array.from(rowExtras.entries()).sort(function (a, b) {
          return shards[a[1]][1] - shards[b[1]][1] || a[1] - b[1];
        }).forEach(function (e) {
          var size = shards[e[1]][2];
          if (needs.has(e[0]) || inflight.has(e[0]) || size > left) return;
          out.push([e[0], size]);
          left -= size;
        });
        extras.forEach(function (size, name) {
          if (needs.has(name) || inflight.has(name) || size > left) return;
          out.push([name, size]);
          left -= size;
        });
        later = pending.length ? [pending, left] : null;
        return out;
      },
      /* Fetch them all at once (one round trip), and the pair files chosen when the lengths file
         comes (laterPairs). */
      fetchNeeds: function (wanted) {
        var all = wanted.map(function (w) { return fetchFile(w[0]); });
        if (later) all.push(laterPairs(later[0], later[1]));
        later = null;
        return Promise.all(all);
      },
      /* Their gzipped bytes, but for those already on their way (the lengths file, fetched at
         idle: a query pays for it anyway). */
      bytes: function (wanted) {
        return wanted.reduce(function (s, w) { return s + (inflight.has(w[0]) ? 0 : w[1]); }, 0);
      }
    };
  }

  root.kbgenShards = { open: open, decodeTerms: decodeTerms, FORMAT: SPLIT_FORMAT };
})(typeof self !== "undefined" ? self : this);

/* The worker with a split index. The manifest gives the vocabulary, the product names and the
   channels; a query's files are fetched, all at once, when a run of the query reads them
   (usually one round trip: the term shards carry their top results' rows and the pairs of
   words a phrase needs), and the query runs again until a run needed nothing: only that run is
   posted. A query whose files weigh more than BUDGET (gzipped) while the word being typed has
   fewer than MIN_BUDGET_CHARS letters (one Chinese character; shortTyped: not a question) waits
   for one more: {seq, q, wait: "letter", text}. A file that can't be fetched or is stale gives
   {seq, q, error, retry: "failed" | "stale", text, retryLabel}; after "stale" (the manifest
   changed: a new deploy), the next query searches the new index. A query that still needs
   files when a newer one (a higher seq) has come fetches nothing more: {seq, q, superseded},
   so the newest query's files are not queued behind the files of keystrokes nobody waits for.
   The shop widget (a worker set up with self.kbgenWorker) shows errors as failed queries with
   their Try again, and a wait as the search page does ("type one more letter"). */
var BUDGET = 60 * 1024, MIN_BUDGET_CHARS = 3, MAX_RUNS = 6, newerIndex = null, wholeAsked = null, latest = -Infinity;
var wholeLoad = load, wholeMaterialize = materialize, wholeWarm = warm, wholeHasPhrase = hasPhrase, wholePlan = plan,
    wholeHighlights = highlights,
    wholeAnswer = answer, wholePagePosition = pagePosition;

load = function (d) {
  if (!d || !d.split || d.kind === "w") { wholeLoad(d); return; }  // w: the whole file (the page's engine)
  if (d.version !== FORMAT || d.tokenizer !== T.VERSION) {
    throw new Error("search index format " + d.version + "/" + d.tokenizer + " is not supported");
  }
  T.setFold(d.fold);
  var store = self.kbgenShards.open(d, indexUrl);
  var names = d.fields.map(function (f) { return f[0]; }), n = d.n;
  // as the whole index's load, but the postings (sparse: those fetched) and the lengths come later
  raw = { split: store, names: names, boosts: d.fields.map(function (f) { return f[1]; }), n: n,
          lengths: null, avg: null, termIndex: store.termIndex, postings: [],
          dot: new Float64Array(n * names.length), seen: new Int32Array(n),
          matched: new Array(n), titled: new Array(n), stamp: 0,
          titleFields: [names.indexOf("question"), names.indexOf("keywords")] };
  store.prefetch();  // the lengths, now, not when the first query comes
  weights = new Map();
  index = { tokenSet: lunr.TokenSet.fromArray(store.terms.slice().sort()) };
  docs = store.docs;
  stages = d.stages;
  loadShop(Object.assign({}, d, { products: store.products }));  // the manifest has the rest but the graph
  shop.relation = store.relation;
};

/* The lengths of a split index and their averages, as the whole index's load computes them;
   false (the lengths file is needed) until it came. */
function haveLengths(r) {
  if (r.avg) return true;
  var rows = r.split.lengths();
  if (!rows) return false;
  r.lengths = rows;
  r.avg = averages(rows, r.names.length, r.n);
  return true;
}

materialize = function (term) {
  if (!raw.split) { wholeMaterialize(term); return; }
  var t = raw.termIndex.get(term);
  if (t === undefined || weights.has(term)) return;
  if (!raw.postings[t]) {
    var flat = raw.split.postingsOf(t);  // null (and the shard is needed) until fetched
    if (!flat) return;
    raw.postings[t] = flat;
  }
  if (!haveLengths(raw)) return;  // fetched with the query's files
  wholeMaterialize(term);  // the weights computed as for a whole index
};

warm = function (terms, next) { if (!raw.split) wholeWarm(terms, next); };

/* The rows of the top documents of what each query word matches as typed (its own term, its
   prefixes, its parts, everyday words for it), fetched with the postings, in the same round
   trip; its spelling variants (typo) bring their postings only, unless the word has nothing
   else ("warrenty"). The planning itself is the worker's (wholePlan), unchanged. */
var typedWord = null;  // this run's word being typed as a prefix, in a query a letter narrows (shortTyped)
/* A question, not keywords: more than MAX_ALL_WORDS words (as plan's sentence counts them, or
   as questionLength counts Chinese). */
function isQuestion(planned) {
  var words = planned.filter(function (qw) { return qw.word.term && !qw.word.cjk; }).length;
  return words > MAX_ALL_WORDS || questionLength(planned) > MAX_ALL_WORDS;
}
plan = function (query) {
  var planned = wholePlan(query);
  typedWord = null;
  if (raw.split) {
    var normalized = Array.from(T.normalize(query));
    var typing = normalized.length > 0 && T.runs(normalized[normalized.length - 1]).length > 0;
    var question = isQuestion(planned);
    planned.forEach(function (qw, i) {
      var typed = [], typos = [], w = qw.word;
      var prefixed = Array.from(qw.terms.values()).indexOf("prefix") >= 0;
      if (typing && prefixed && i === planned.length - 1) typedWord = w;
      if (typing && prefixed && i === planned.length - 1 && !w.cjk) {  // the word being typed
        raw.split.route(w.text, shortest(expand(lunr.TokenSet.fromString(w.text + "*"))));  // shards.py: _prefix_files
      }
      qw.terms.forEach(function (kind, term) { (kind === "typo" ? typos : typed).push(term); });
      raw.split.wantRows(typed.length ? typed : typos, question);
    });
    if (question) typedWord = null;  // a question, not a word being typed
    raw.split.wantPairs(planned.map(function (qw) {  // its words' own terms (shards.py: _companions)
      var own = [];
      qw.terms.forEach(function (kind, term) { if (kind === "exact") own.push(term); });
      return own;
    }));
  }
  return planned;
};

/* The shop page's product: found by its id's bucket, not by reading every product (null: its
   bucket has not come yet). */
pagePosition = function (product) {
  if (!raw.split) return wholePagePosition(product);
  var at = raw.split.positionOf(product);
  return at === null ? -1 : at;
};

/* A run that needs files is not shown (it runs again once they came): no highlighting then. */
highlights = function (text, terms) {
  return raw.split && raw.split.needs().length ? [] : wholeHighlights(text, terms);
};

/* A document whose row has not come yet is read as a placeholder: its phrase keys are not kept
   (shop.keys), so the keys of the rows that came are kept across runs and keystrokes. */
hasPhrase = function (ref, phrase) {
  var known = raw.split ? raw.split.knowsPhrase(ref, phrase) : null;
  if (known !== null) return known;
  if (!raw.split || shop.keys.has(ref) || raw.split.hasRow(ref)) return wholeHasPhrase(ref, phrase);
  var got = wholeHasPhrase(ref, phrase);
  shop.keys.delete(ref);
  return got;
};

/* A small split index also ships whole (shards.py: WHOLE_AFTER): fetched once a first result
   is shown and the shopper paused (no query for WHOLE_PAUSE_MS: it never competes with a
   query's files), it takes over (the worker's whole-index path, the same ranking) and later
   keystrokes need no network. If it can't be fetched, or is not this index's, the split index
   keeps answering. */
var WHOLE_PAUSE_MS = 500, wholeTimer = 0;
function cancelWhole() { if (wholeTimer) clearTimeout(wholeTimer); wholeTimer = 0; }
function fetchWhole() {
  var store = raw.split;
  if (!store || !store.whole || wholeAsked === store) return;
  cancelWhole();
  wholeTimer = setTimeout(function () { fetchWholeNow(store); }, WHOLE_PAUSE_MS);
}
function fetchWholeNow(store) {
  if (raw.split !== store || wholeAsked === store) return;
  wholeAsked = store;
  var name = store.whole[0];
  (function () {
    fetch(new URL("s/" + name + ".json", indexUrl).href).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (d) {
      if (!d || d.id !== name || raw.split !== store || newerIndex) return;
      wholeLoad(d);
      setTimeout(function () { wholeWarm(d.terms, 0); }, 50);
      // the search page runs the same engine with it (search.js: startEngine; cached for good)
      if (setup.page) postMessage({ whole: new URL("s/" + name + ".json", indexUrl).href });
    }).catch(function () { /* the split index answers on */ });
  })();
}

/* What the worker's answer posts for a query, without posting it. */
function computeReply(msg) {
  var reply = null, post = postMessage;
  postMessage = function (m) { reply = m; };
  try { wholeAnswer(msg); } finally { postMessage = post; }
  return reply;
}

/* Whether this run's query is a short word being typed, which one more letter narrows: its last
   word, planned as a prefix (plan: typedWord), has fewer than MIN_BUDGET_CHARS letters (one
   Chinese character), in a query of at most MAX_ALL_WORDS words. A question ("… can you help
   me", "… what do I do", a paste cut short by the box) is not: its last word is whole, or its
   prefix weighs little beside the question's other words; it is answered, whatever its files
   weigh. */
function shortTyped() {
  if (!typedWord) return false;
  return Array.from(typedWord.text).length < (typedWord.cjk ? 2 : MIN_BUDGET_CHARS);
}

function failedReply(msg, error, kind) {
  var t = shop.t;
  return { seq: msg.seq, q: msg.q, error: error, retry: kind, retryLabel: t.search_split_retry || "",
           text: (kind === "stale" ? t.search_split_updated : t.search_split_failed) || "" };
}

answer = function (msg) {
  if (!raw.split) { wholeAnswer(msg); return; }
  if (newerIndex) {  // the help center was updated: search its new index
    try {
      load(newerIndex);
    } catch (err) {
      postMessage(failedReply(msg, String(err), "failed"));
      return;
    }
    newerIndex = null;
  }
  var store = raw.split, runs = 0, files = 0;
  if (typeof msg.seq === "number" && msg.seq > latest) latest = msg.seq;
  cancelWhole();  // typing: the whole index waits for the next pause
  function run() {
    store.begin();
    var reply = computeReply(msg), wanted = store.needs();
    if (!wanted.length) {
      if (reply && reply.ms) { reply.ms.waves = runs; reply.ms.files = files; }
      postMessage(reply);
      if (reply && reply.hits && reply.hits.length) fetchWhole();
      return;
    }
    if (msg.seq < latest) {  // a newer query came: its files, not this one's, use the network
      postMessage({ seq: msg.seq, q: msg.q, superseded: true });
      return;
    }
    shop.summaries.clear();  // they may hold a placeholder's text (shop.keys never do: hasPhrase)
    if (++runs > MAX_RUNS) {
      postMessage(failedReply(msg, "search index: too many fetches", "failed"));
      return;
    }
    if (store.bytes(wanted) > BUDGET && shortTyped()) {
      postMessage({ seq: msg.seq, q: msg.q, wait: "letter", text: shop.t.search_split_wait || "" });
      return;
    }
    if (runs === 1) wanted = store.withPairs(wanted, BUDGET);  // later runs know what they need
    files += wanted.length;
    store.fetchNeeds(wanted).then(run, function (err) {
      // a new deploy? The manifest says so when its id changed
      fetch(indexUrl, { cache: "no-cache" }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (m) { return m && m.split && m.id !== store.id ? m : null; }, function () { return null; })
        .then(function (m) {
          if (m) newerIndex = m;
          postMessage(failedReply(msg, String(err && err.message || err), m ? "stale" : (err && err.kind) || "failed"));
        });
    });
  }
  run();
};

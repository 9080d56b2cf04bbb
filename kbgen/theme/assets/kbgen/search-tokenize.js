/* kbgen search: text → search terms. The same algorithm as kbgen/search/terms.py (see its docstring);
   both are checked against tests/data/tokenize_vectors.json. Needs lunr.js (for its stemmer). */
(function (root) {
  "use strict";
  var VERSION = 2;
  var CJK_RANGES = [
    [0x1100, 0x11ff], [0x3005, 0x3007], [0x3040, 0x30ff], [0x3130, 0x318f], [0x31f0, 0x31ff],
    [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xac00, 0xd7af], [0xf900, 0xfaff], [0x20000, 0x3134f]
  ];
  var STOP_WORDS = new Set((
    "a about am an and are as at be been by can could did do does doing for from had has have how i if in into is it its me my of on or our should so than that the their them then there these they this those to us was we were what when where which who why will with would you your").split(" "));
  /* Chinese question words (as bigrams): indexed, but a query need not match them. */
  var FILLERS = new Set((
    "怎么 怎样 怎麼 如何 什么 什麼 为什 為什 为何 哪些 哪个 哪里 哪裡 可以 能否 是否 请问 請問 一下 我的 我们 我們 您的 你们 你們 我想 我该 该怎 么办 麼辦 想知 知道 了解 想了 能不 会不 會不 是不 有没 有沒 一个 一個 这个 這個 那个 那個 这些 這些 那些 这样 這樣 已经 已經 最近 之前 以后 以後 然后 然後 但是 因为 因為 所以 如果 还是 還是 或者 自己 他们 他們 大家 你好 您好 请教 請教 麻烦 麻煩 告诉 告訴 谢谢 謝謝 打扰 打擾 到底 各位 问问 問問 想问 想問 问一 問一 好意 求助 需要"
  ).split(" "));
  /* English politeness and hedging words: fillers in a sentence only (kbgen/search/terms.py: CHAT). */
  var CHAT = new Set((
    "hi hello hey thanks thank please pls wondering wonder wondered possibly perhaps maybe just really actually honestly basically quick quickly sorry bother kindly grateful appreciate advance anyone anybody someone somebody curious curiosity exactly tell wanted want like ask question help figure lot silly hope trying way morning evening afternoon"
  ).split(" "));
  /* Chinese particles: a bigram across one and a word is not looked up by its characters. */
  var FILLER_CHARS = new Set(Array.from("吗嗎呢吧啊呀么麼的了"));
  var WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
  var ASCII_WORD = /^[a-z]+$/;
  var stems = new Map();
  /* Traditional → Simplified characters (kbgen/search/fold.py), from the index's "fold" pairs. */
  var fold = new Map();
  var ASCII = /^[\x00-\x7f]*$/;

  /* Use the pairs "TSTS…" an index carries (none: nothing is folded). */
  function setFold(pairs) {
    fold = new Map();
    var chars = Array.from(pairs || "");
    for (var i = 0; i + 1 < chars.length; i += 2) fold.set(chars[i], chars[i + 1]);
  }

  function isCjk(ch) {
    var code = ch.codePointAt(0);
    for (var i = 0; i < CJK_RANGES.length; i++) {
      if (code >= CJK_RANGES[i][0] && code <= CJK_RANGES[i][1]) return true;
    }
    return false;
  }

  function isWordChar(ch) { return WORD_CHAR.test(ch); }

  /* NFKC, lowercase, then Traditional → Simplified, before any cutting (as terms.py: normalize). */
  function normalize(text) {
    var s = String(text).normalize("NFKC").toLowerCase();
    if (!fold.size || ASCII.test(s)) return s;
    var out = "";
    for (var ch of s) {
      var f = fold.get(ch);
      out += f === undefined ? ch : f;
    }
    return out;
  }

  /* Runs of letters/digits/marks of a normalized text, split where CJK and non-CJK meet. */
  function runs(text) {
    var found = [], current = "", currentCjk = false;
    for (var ch of text) {
      if (!isWordChar(ch)) {
        if (current) { found.push(current); current = ""; }
        continue;
      }
      var cjk = isCjk(ch);
      if (current && cjk !== currentCjk) { found.push(current); current = ""; }
      current += ch;
      currentCjk = cjk;
    }
    if (current) found.push(current);
    return found;
  }

  /* '' for a stop word, the Porter stem of an ASCII word, the word itself otherwise. */
  function stem(word) {
    if (STOP_WORDS.has(word)) return "";
    if (!ASCII_WORD.test(word)) return word;
    var s = stems.get(word);
    if (s === undefined) {
      s = root.lunr.stemmer(new root.lunr.Token(word)).toString();
      stems.set(word, s);
    }
    return s;
  }

  /* Every word of a text: {text, term, cjk, runEnd}; a stop word has term ''. */
  function words(text) {
    var found = [];
    runs(normalize(text)).forEach(function (run) {
      var chars = Array.from(run);
      if (isCjk(chars[0])) {
        if (chars.length === 1) {
          found.push({ text: run, term: run, cjk: true, runEnd: true });
          return;
        }
        var last = chars.length - 2;
        for (var i = 0; i <= last; i++) {
          var bigram = chars[i] + chars[i + 1];
          found.push({ text: bigram, term: bigram, cjk: true, runEnd: i === last });
        }
      } else {
        found.push({ text: run, term: stem(run), cjk: false, runEnd: true });
      }
    });
    return found;
  }

  /* The terms to index or look up for a text, in order (stop words left out). */
  function terms(text) {
    return words(text).filter(function (w) { return w.term; }).map(function (w) { return w.term; });
  }

  function isFiller(term) { return FILLERS.has(term); }

  /* Which words of a query are filler words: question words, and a bigram between two of them
     in the same run ("知道怎么" → 知道 道怎 怎么: 道怎 is no word). As kbgen/search/terms.py: fillers. */
  function fillers(found) {
    var flags = found.map(function (w) { return !!w.term && FILLERS.has(w.term); });
    return found.map(function (w, i) {
      if (i === 0 || i === found.length - 1 || flags[i]) return flags[i];
      return w.cjk && flags[i - 1] && flags[i + 1] && !found[i - 1].runEnd && !w.runEnd;
    });
  }

  function isFillerChar(ch) { return FILLER_CHARS.has(ch); }

  /* The flags of fillers() with the English chat words of a sentence (more than sentenceWords
     content words) marked too (kbgen/search/terms.py: chat). */
  function chat(found, flags, sentenceWords) {
    var content = 0;
    found.forEach(function (w, i) { if (w.term && !flags[i] && !w.cjk) content++; });
    if (content <= sentenceWords) return flags.slice();
    return found.map(function (w, i) { return flags[i] || (!w.cjk && !!w.term && CHAT.has(w.text)); });
  }

  root.kbgenTokenize = {
    VERSION: VERSION, isCjk: isCjk, fillers: fillers, chat: chat, isFiller: isFiller, isFillerChar: isFillerChar, isWordChar: isWordChar, normalize: normalize, runs: runs, setFold: setFold,
    stem: stem, words: words, terms: terms
  };
})(typeof self !== "undefined" ? self : this);

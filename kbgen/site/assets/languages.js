/* kbgen: a site in several languages (loaded only there). Offers the reader's preferred
 * language (from navigator.languages) in a small notice they can dismiss, written in the offered
 * language's words and marked with its lang: a reader whose browser prefers 繁體中文 may not read
 * the page's English. The choice, made there or in the switcher, is remembered in localStorage
 * (no cookie) and nothing is ever redirected. */
(function () {
  "use strict";
  /* Material (integrations/alternate) fetches sitemap.xml beside every link[rel=alternate] once,
   * when the document is ready, for its own "stay on page" switcher: for hreflang alternates that
   * is another language's sitemap on every page load. kbgen's switcher already links the same
   * page in each language, so the alternates are out of Material's sight while it looks (its
   * DOMContentLoaded listener was added before this deferred script ran) and back right after. */
  var alternates = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"][hreflang]'));
  if (alternates.length && document.readyState === "interactive") {
    alternates.forEach(function (link) { link.setAttribute("rel", "kbgen-alternate"); });
    document.addEventListener("DOMContentLoaded", function () {
      alternates.forEach(function (link) { link.setAttribute("rel", "alternate"); });
    }, { once: true });
  }
  var KEY = "kbgen:language";
  var nav = document.querySelector(".kb-lang[data-kb-offers]");
  if (!nav) return;
  var data;
  try { data = JSON.parse(nav.getAttribute("data-kb-offers")); } catch (e) { return; }
  var REGIONS = { "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant": "zh-Hant",
                  "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-my": "zh-Hans", "zh-hans": "zh-Hans", "zh": "zh-Hans" };
  function remember(code) {
    try { window.localStorage.setItem(KEY, code); } catch (e) { /* storage off: ask again next time */ }
  }
  function chosen() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  nav.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-kb-lang]") : null;
    if (link) remember(link.getAttribute("data-kb-lang"));
  });
  function available(tag) {
    var low = String(tag).toLowerCase();
    var parts = low.split("-");
    var tries = [low, REGIONS[low], REGIONS[parts.slice(0, 2).join("-")], parts[0]];
    for (var i = 0; i < tries.length; i++) {
      if (!tries[i]) continue;
      for (var code in data.languages) {
        if (code.toLowerCase() === tries[i].toLowerCase()) return code;
      }
    }
    return null;
  }
  if (chosen()) return;
  var wanted = null;
  var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (var i = 0; i < tags.length && !wanted; i++) wanted = available(tags[i]);
  if (!wanted || wanted === data.current) return;
  // [address, name, offer, link, dismiss], the three texts in the offered language's words.
  var target = data.languages[wanted];
  if (!target || target.length < 5) return;
  var box = document.createElement("div");
  box.className = "kb-lang-offer";
  box.setAttribute("role", "note");
  box.lang = wanted;
  var text = document.createElement("p");
  text.textContent = target[2].replace("{language}", target[1]);
  var go = document.createElement("a");
  go.href = target[0];
  go.hreflang = wanted;
  go.textContent = target[3].replace("{language}", target[1]);
  go.addEventListener("click", function () { remember(wanted); });
  var no = document.createElement("button");
  no.type = "button";
  no.className = "kb-lang-offer__dismiss";
  no.textContent = target[4];
  no.addEventListener("click", function () { remember(data.current); box.remove(); });
  box.append(text, go, no);
  var where = document.querySelector(".md-content__inner") || document.body;
  where.insertBefore(box, where.firstChild);  // first in reading order; shown floating (languages.css)
  var help = document.querySelector(".kb-help");
  function place() {  // on phones, right above the help bar that spans the window's bottom
    var bar = help ? help.getBoundingClientRect() : null;
    var spans = bar && bar.left <= 0 && bar.bottom >= window.innerHeight - 1;
    box.style.bottom = spans ? Math.round(window.innerHeight - bar.top) + "px" : "";
  }
  place();
  window.addEventListener("resize", place);
})();

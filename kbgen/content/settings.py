"""Plugin options checked and turned into model objects, with messages naming mkdocs.yml lines."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from kbgen.content import wording as project_words
from kbgen.content.schema import HOST_RE, ID_RE, ID_RULE, SHOP_SCHEMES, url_origin_problem
from kbgen.content.yamlsrc import line_of
from kbgen.core import channels as links
from kbgen.core import i18n
from kbgen.core.channels import Channel
from kbgen.core.errors import ContentError, Problem
from kbgen.core.model import Stage
from kbgen.core.urls import RESERVED
from kbgen.core.widget import QUERY_NAME_RE, PageRule, WidgetSettings, normalize_origin, path_problem
from kbgen.search.everyday import DEFAULT_EVERYDAY, EVERYDAY, Everyday
from kbgen.search.index import SearchOptions
from kbgen.search.shop import DEFAULT_INTENTS, PERSON
from kbgen.search.terms import DEFAULT_THESAURUS, SYNONYMS, Thesaurus, terms

PREFIX = "plugins.kbgen"


@dataclass
class ConfigLines:
    """Finds the line of an option in mkdocs.yml (1 when it cannot be found)."""

    path: Path | None
    shown: str = "mkdocs.yml"
    _root: yaml.Node | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.path is not None:
            self.shown = self.path.name
            try:  # composing needs no constructors, so !ENV and !!python/name tags are fine
                self._root = yaml.compose(self.path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
            except (OSError, yaml.YAMLError):
                self._root = None

    def line(self, *keys: str | int) -> int:
        """Line of ``plugins → kbgen → keys...`` (an int key is a 0-based list index)."""
        node = self._plugin_node()
        best = node
        for key in keys:
            if node is None:
                break
            node = _child(node, key)
            best = node or best
        return line_of(best) if best is not None else 1

    def top_line(self, *keys: str) -> int:
        """Line of a top-level option such as ``theme → language`` (1 when it cannot be found)."""
        node, best = self._root, self._root
        for key in keys:
            node = _child(node, key)
            best = node or best
        return line_of(best) if best is not None else 1

    def problem(self, keys: Sequence[str | int], message: str) -> Problem:
        """A problem at an option, labelled ``plugins.kbgen.a.b``."""
        label = PREFIX + "".join(f"[{k + 1}]" if isinstance(k, int) else f".{k}" for k in keys)
        return Problem(self.shown, self.line(*keys), label, message)

    def _plugin_node(self) -> yaml.Node | None:
        plugins = _child(self._root, "plugins") if self._root is not None else None
        if isinstance(plugins, yaml.SequenceNode):
            for item in plugins.value:
                found = _child(item, "kbgen")
                if found is not None:
                    return found
        elif plugins is not None:
            return _child(plugins, "kbgen")
        return None


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(key, int):
        return node.value[key] if isinstance(node, yaml.SequenceNode) and key < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v if not (isinstance(v, yaml.ScalarNode) and v.value == "") else k
    return None


def site_url_problem(url: str | None) -> str | None:
    """Why ``site_url`` cannot be used, or None.

    Its path goes into the ``_redirects`` and ``_headers`` rules, where a space ends a rule's
    field, and ``?`` or ``#`` would make every rule miss.
    """
    if not url:
        return None
    for ch in url:
        if ch.isspace() or ord(ch) < 32 or ord(ch) == 127:
            return f"contains a space or a control character (U+{ord(ch):04X}); write %20 for a space"
    parts = urlsplit(url)
    if "?" in url or "#" in url:
        return "has a '?' or '#' part; give the site's address only, e.g. https://help.example.com/"
    if parts.scheme.lower() not in SHOP_SCHEMES or not parts.netloc:
        return "is not an absolute https:// (or http://) address"
    return None


def resolve_stages(options: Sequence[Any], language: str | None, lines: ConfigLines) -> tuple[Stage, ...]:
    """The configured stages, or the defaults in the site's language.

    Raises:
        ContentError: If an id is missing, invalid, reserved or repeated, or a title is missing.
    """
    if not options:
        return i18n.default_stages(language)
    problems: list[Problem] = []
    seen: set[str] = set()
    stages = []
    for i, opt in enumerate(options):
        sid, title = opt.get("id"), opt.get("title")
        if sid is None or sid == "":
            problems.append(lines.problem(["stages", i, "id"], "is required"))
        elif not isinstance(sid, str) or not ID_RE.match(sid):
            problems.append(lines.problem(["stages", i, "id"], f"'{sid}' is not a valid id: {ID_RULE}"))
        elif sid in RESERVED:
            problems.append(
                lines.problem(["stages", i, "id"], f"'{sid}' is a URL kbgen uses; choose another id")
            )
        elif sid in seen:
            problems.append(lines.problem(["stages", i, "id"], f"'{sid}' is used by two stages"))
        if not title:
            problems.append(lines.problem(["stages", i, "title"], "is required"))
        if sid:
            seen.add(sid)
        stages.append(Stage(str(sid), str(title), str(opt.get("description") or "")))
    if problems:
        raise ContentError(problems)
    return tuple(stages)


def resolve_channels(
    options: Mapping[str, Any],
    language: str | None,
    lines: ConfigLines,
    words: Mapping[str, str] | None = None,
) -> tuple[Channel, ...]:
    """The configured contact channels in menu order, URL templates checked.

    Raises:
        ContentError: If a URL has a scheme other than https, http, mailto, tel, or a bad placeholder.
    """
    t = {**i18n.strings(language), **(words or {})}
    problems: list[Problem] = []
    channels: list[Channel] = []
    for key in links.CHANNEL_KEYS:
        opt = options.get(key) or {}
        try:
            channel = _channel(key, opt, t)
        except links.LinkError as exc:
            field_name = {"hotline": "number", "email": "address"}.get(key, "url")
            problems.append(lines.problem(["contact", key, field_name], str(exc)))
            continue
        if channel is not None:
            channels.append(
                channel.with_text(label=opt.get("label") or "", best_for=opt.get("best_for") or "")
            )
    if problems:
        raise ContentError(problems)
    return tuple(channels)


def _channel(key: str, opt: Mapping[str, Any], t: Mapping[str, str]) -> Channel | None:
    label, best_for, hours = t[f"channel_{key}"], t[f"best_for_{key}"], opt.get("hours") or ""
    if key == "hotline":
        number = opt.get("number")
        if not number:
            return None
        if not links.is_phone_number(number):
            raise links.LinkError(f"'{number[:60]}' is not a phone number")
        return Channel(
            key, label, links.tel_href(number), number, hours, best_for, bool(opt.get("toll_free"))
        )
    if key == "email" and opt.get("address"):
        address = opt["address"]
        if not EMAIL_RE.match(address):
            raise links.LinkError(f"'{address[:60]}' is not an email address")
        subject = opt.get("subject") or t["email_subject"]
        body = opt.get("body") or t["email_body"]
        template = links.mailto_template(address, subject, body)
        return Channel(key, label, template, address, hours, best_for)
    url = opt.get("url")
    if not url:
        return None
    return Channel(key, label, links.check_template(url), "", hours, best_for)


EMAIL_RE = re.compile(r"[A-Za-z0-9._+-]+@" + HOST_RE.pattern, re.I)
"""How a support e-mail address may be written (also checked by ``kbgen init --email``)."""
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def resolve_feedback_url(options: Mapping[str, Any], lines: ConfigLines) -> str | None:
    """The configured feedback endpoint (https; http only on this machine), or None for Netlify Forms."""
    url = options.get("url")
    if not url:
        return None
    parts = urlsplit(url)
    local = parts.scheme.lower() == "http" and (parts.hostname or "") in _LOCAL_HOSTS
    problem = url_origin_problem(url, SHOP_SCHEMES if local else ("https",))
    if problem:
        why = "is not allowed" if problem.startswith("is not an absolute") else problem
        raise ContentError(
            [lines.problem(["feedback", "url"], f"'{url[:80]}' {why}: use an https:// address")]
        )
    return str(url)


def resolve_catalog(catalog: str, lines: ConfigLines) -> str:
    """The catalog's path, which must be a .yml file inside the content directory."""
    parts = catalog.replace("\\", "/").split("/")
    if catalog.startswith(("/", "\\")) or ".." in parts or ":" in catalog or not catalog.strip():
        raise ContentError(
            [lines.problem(["catalog"], f"'{catalog}' must be a path inside the content directory")]
        )
    if not catalog.lower().endswith((".yml", ".yaml")):
        raise ContentError([lines.problem(["catalog"], f"'{catalog}' must be a .yml file")])
    return catalog


# --- the shop widget (plugins.kbgen.widget) ---


def _origin_problem(origin: Any) -> str | None:
    if not isinstance(origin, str) or not origin:
        return "must be an origin such as https://shop.example.com"
    if origin == "*":
        return None
    parts = urlsplit(origin)
    problem = url_origin_problem(origin)
    if problem is None and (parts.path not in ("", "/") or parts.query or parts.fragment):
        problem = "has a path; an origin is only scheme://host[:port]"
    return f"'{origin[:80]}' {problem}" if problem else None


def resolve_widget(
    options: Mapping[str, Any], stages: Sequence[Stage] | None, lines: ConfigLines
) -> WidgetSettings:
    """The widget's allowed origins and page rules (``stages`` None: not known, not checked).

    Raises:
        ContentError: For a bad origin, a bad path pattern, or a rule naming an unknown stage.
    """
    problems: list[Problem] = []
    origins: list[str] = []
    for i, origin in enumerate(options.get("origins") or []):
        why = _origin_problem(origin)
        if why:
            problems.append(lines.problem(["widget", "origins", i], why))
        elif origin != "*":
            origins.append(normalize_origin(origin))
    if "*" in (options.get("origins") or []):
        origins = []  # any origin
    rules: list[PageRule] = []
    known = {s.id for s in stages} if stages is not None else None
    for i, rule in enumerate(options.get("pages") or []):
        path, stage = rule.get("path"), rule.get("stage") or ""
        at: list[str | int] = ["widget", "pages", i]
        if not path:
            problems.append(lines.problem([*at, "path"], "is required"))
            continue
        why = path_problem(path)
        if why is None and "{product}" in path and stage:
            at, why = [*at, "stage"], "a path with {product} shows that product; leave stage out"
        elif why is None and "{product}" not in path and not stage:
            why = f"'{path[:80]}' needs {{product}} in the path, or a stage"
        elif why is None and stage and known is not None and stage not in known:
            at, why = [*at, "stage"], f"'{stage[:60]}' is not a stage; use one of {', '.join(sorted(known))}"
        if why:
            problems.append(lines.problem(at if at[-1] == "stage" else [*at, "path"], why))
        else:
            rules.append(PageRule(path, stage))
    pass_query = _pass_query(options.get("pass_query"), lines, problems)
    if problems:
        raise ContentError(problems)
    return WidgetSettings(tuple(dict.fromkeys(origins)), tuple(rules), pass_query)


def _pass_query(names: Any, lines: ConfigLines, problems: list[Problem]) -> tuple[str, ...]:
    """``widget.pass_query``: the query parameters of the shop page's URL that may travel with
    it (the fragment never does). Problems are added to ``problems``."""
    if names is None:
        return ()
    if not isinstance(names, list):
        message = "must be a list of query parameter names, e.g. [variant, utm_source]"
        problems.append(lines.problem(["widget", "pass_query"], message))
        return ()
    good: list[str] = []
    for i, name in enumerate(names):
        if isinstance(name, str) and QUERY_NAME_RE.match(name):
            good.append(name)
        else:
            shown = str(name)[:60]
            message = f"'{shown}' is not a query parameter name: letters, digits and _ . ~ - [ ] only"
            problems.append(lines.problem(["widget", "pass_query", i], message))
    return tuple(dict.fromkeys(good))


@dataclass(frozen=True)
class Settings:
    """The plugin's options, checked: stages, contact channels and the feedback endpoint."""

    stages: tuple[Stage, ...]
    channels: tuple[Channel, ...]
    feedback_url: str | None
    widget: WidgetSettings = field(default_factory=WidgetSettings)
    search: SearchOptions = field(default_factory=SearchOptions)
    wording: project_words.Wording = field(default_factory=project_words.Wording)
    """The project's strings file (``plugins.kbgen.strings``), checked."""
    travel: TravelSettings = field(default_factory=lambda: TravelSettings())


def resolve(options: Mapping[str, Any], language: str | None, config_file: str | None) -> Settings:
    """Check all plugin options at once.

    Raises:
        ContentError: With every problem in the options, each naming its mkdocs.yml line.
    """
    lines = ConfigLines(Path(config_file) if config_file else None)
    problems: list[Problem] = []
    stages: tuple[Stage, ...] = ()
    channels: tuple[Channel, ...] = ()
    feedback_url = None
    widget = WidgetSettings()
    stages_ok = True
    wording = project_words.Wording()
    try:
        wording = resolve_wording(options.get("strings") or project_words.DEFAULT, lines)
    except ContentError as exc:
        problems += exc.problems
    try:
        stages = resolve_stages(options["stages"], language, lines)
    except ContentError as exc:
        problems += exc.problems
        stages_ok = False
    try:
        channels = resolve_channels(options["contact"], language, lines, wording.for_language(language))
    except ContentError as exc:
        problems += exc.problems
    try:
        feedback_url = resolve_feedback_url(options["feedback"], lines)
    except ContentError as exc:
        problems += exc.problems
    try:
        resolve_catalog(options.get("catalog") or "products.yml", lines)
    except ContentError as exc:
        problems += exc.problems
    try:
        widget = resolve_widget(options.get("widget") or {}, stages if stages_ok else None, lines)
    except ContentError as exc:
        problems += exc.problems
    search = SearchOptions()
    try:
        search = resolve_search(options.get("search") or {}, lines)
    except ContentError as exc:
        problems += exc.problems
    travel = TravelSettings()
    try:
        travel = resolve_travel(options, lines)
    except ContentError as exc:
        problems += exc.problems
    if problems:
        raise ContentError(problems)
    return Settings(stages, channels, feedback_url, widget, search, wording, travel)


def resolve_wording(name: str, lines: ConfigLines) -> project_words.Wording:
    """The project's strings file: ``name`` beside mkdocs.yml, checked; none when the default
    file does not exist."""
    if lines.path is None:
        return project_words.Wording()
    parts = name.replace("\\", "/").split("/")
    outside = name.startswith(("/", "\\")) or ".." in parts or ":" in name
    if outside or not name.lower().endswith((".yml", ".yaml")):
        message = f"'{name[:80]}' must be a .yml file beside mkdocs.yml"
        raise ContentError([lines.problem(["strings"], message)])
    path = lines.path.parent / name
    if not path.is_file():
        if name == project_words.DEFAULT:
            return project_words.Wording()
        raise ContentError([lines.problem(["strings"], f"'{name[:80]}' does not exist")])
    return project_words.load(path, name)


# search (issue 13)
def resolve_search(options: Mapping[str, Any], lines: ConfigLines) -> SearchOptions:
    """``search.synonyms`` (groups added to the shopper thesaurus, or false),
    ``search.intents`` (channel key or ``person`` → phrases, replacing that key's defaults),
    ``search.everyday`` (a shopper's word → the writers' words it stands for, added to kbgen's
    everyday table, or false) and ``search.split_above`` (KB gzipped above which the index is
    split; 0: always)."""
    problems: list[Problem] = []
    for key in options:
        if key not in ("synonyms", "intents", "everyday", "split_above"):
            message = "unknown option; use synonyms, intents, everyday or split_above"
            problems.append(lines.problem(["search", str(key)], message))
    split_above = options.get("split_above")
    if split_above is not None and (
        isinstance(split_above, bool) or not isinstance(split_above, int) or split_above < 0
    ):
        problems.append(
            lines.problem(["search", "split_above"], "must be a whole number of KB (gzipped), 0 or more")
        )
        split_above = None
    synonyms = options.get("synonyms", True)
    thesaurus: Thesaurus | None = DEFAULT_THESAURUS
    if synonyms is False:
        thesaurus = None
    elif synonyms is not True:
        groups = synonyms if isinstance(synonyms, list) else None
        if groups is None or not all(
            isinstance(g, list) and g and all(isinstance(w, str) and w.strip() for w in g) for g in groups
        ):
            problems.append(
                lines.problem(
                    ["search", "synonyms"],
                    "must be false or a list of groups of words, e.g. [[parcel, package], [voucher, coupon]]",
                )
            )
        else:
            thesaurus = Thesaurus.of([*SYNONYMS, *groups])
    intents = dict(DEFAULT_INTENTS)
    given = options.get("intents", {})
    known = (PERSON, *links.CHANNEL_KEYS)
    if not isinstance(given, dict):
        problems.append(lines.problem(["search", "intents"], "must map a channel key to a list of phrases"))
        given = {}
    for key, phrases in given.items():
        if key not in known:
            message = f"unknown channel; use {', '.join(known)}"
            problems.append(lines.problem(["search", "intents", str(key)], message))
        elif not isinstance(phrases, list) or not all(isinstance(w, str) and w.strip() for w in phrases):
            problems.append(lines.problem(["search", "intents", key], "must be a list of phrases"))
        else:
            intents[key] = tuple(phrases)
    everyday = _everyday(options.get("everyday", True), lines, problems)
    if problems:
        raise ContentError(problems)
    return SearchOptions(thesaurus, tuple(intents.items()), everyday, split_above)


def _everyday(given: Any, lines: ConfigLines, problems: list[Problem]) -> Everyday | None:
    """``search.everyday``: true (kbgen's table), false (none) or a mapping added to kbgen's."""
    if given is True:
        return DEFAULT_EVERYDAY
    if given is False:
        return None
    if not isinstance(given, dict):
        message = "must be false or map a shopper's word to the writers' words, e.g. {lamp: [led, indicator]}"
        problems.append(lines.problem(["search", "everyday"], message))
        return DEFAULT_EVERYDAY
    table: dict[str, list[str]] = {}
    for word, writers in given.items():
        at = ["search", "everyday", str(word)]
        if not isinstance(word, str) or not word.strip():
            problems.append(lines.problem(at, "must be a word or phrase"))
        elif not _phrases(writers):
            problems.append(lines.problem(at, "must be a list of the writers' words, e.g. [led, indicator]"))
        elif not terms(word) or not any(terms(w) for w in writers):
            problems.append(lines.problem(at, "has no word search can look up (only stop words)"))
        else:
            table[word] = writers
    return Everyday.of(EVERYDAY, table)


def _phrases(value: Any) -> bool:
    """Whether a value is a non-empty list of words or phrases."""
    return isinstance(value, list) and bool(value) and all(isinstance(w, str) and w.strip() for w in value)


# Answers that travel (issue 23)
@dataclass(frozen=True)
class TravelSettings:
    """llms.txt, Markdown copies and feeds: what the site owner turned on."""

    llms_txt: bool = False
    llms_full: bool = False
    feeds: bool = False
    notify: bool = False
    recently_viewed: bool = False
    installable: bool = False
    uninstall: bool = False
    """``installable: remove``: a worker that removes itself and what it kept, for browsers that
    installed the help center while it was on."""


def resolve_travel(options: Mapping[str, Any], lines: ConfigLines) -> TravelSettings:
    """``llms_txt`` and ``llms_full`` (which needs the first)."""
    llms, full = bool(options.get("llms_txt", False)), bool(options.get("llms_full", False))
    if full and not llms:
        raise ContentError([lines.problem(["llms_full"], "needs llms_txt: true (the copies it holds)")])
    installable = options.get("installable", False)
    if installable not in (True, False, "remove"):
        shown = str(installable)[:40]
        message = f"'{shown}' is not one of: true, false, remove (undo an earlier true)"
        raise ContentError([lines.problem(["installable"], message)])
    return TravelSettings(
        llms,
        full,
        feeds=bool(options.get("feeds", False)),
        notify=bool(options.get("notify", False)),
        recently_viewed=bool(options.get("recently_viewed", False)),
        installable=installable is True,
        uninstall=installable == "remove",
    )

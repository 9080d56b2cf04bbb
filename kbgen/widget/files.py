"""The widget's published files: the loader at a stable URL, and the panel script and data under
fingerprinted names (so they can be cached for good while ``widget.js`` stays fresh)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kbgen.core.urls import GENERATED_DIR
from kbgen.core.widget import WidgetSettings
from kbgen.deploy.headers import WidgetFiles
from kbgen.search import bundle
from kbgen.search.bundle import SEARCH_FILES
from kbgen.site.views import SiteView
from kbgen.travel import recent
from kbgen.widget import parts
from kbgen.widget.colours import colours
from kbgen.widget.data import PRODUCT_ENTRIES, feedback_target, widget_data

ASSETS = Path(__file__).parent / "assets"
LOADER = "widget.js"
"""The loader's URL on the help site (relative to its root): part of the contract with shops."""
POINTER = f"{GENERATED_DIR}/widget-latest.json"
"""At a stable URL (not cached for good): the current data file's name, for a panel that finds
its parts or its search worker gone (a deploy since it loaded) to try the new ones."""
FILES_DIR = f"{GENERATED_DIR}/widget"
"""Where the fingerprinted panel script and data are published."""
_CONFIG_MARK = "/*KBGEN_CONFIG*/{}"
_CSS_MARK = '/*KBGEN_CSS*/""'


def _json(data: object, *, ascii_only: bool = False) -> str:
    return json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"), sort_keys=True)


def _fingerprinted(stem: str, suffix: str, content: bytes) -> str:
    return f"{FILES_DIR}/{stem}.{bundle.fingerprint(content)}{suffix}"


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _lean_script(text: str) -> str:
    """The panel script without indentation and whole-line comments (fetched on every shop page
    when idle, so every byte counts). Only whole lines go: no code is parsed or rewritten."""
    out, in_comment = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if in_comment:
            in_comment = "*/" not in line
            if in_comment or line.endswith("*/"):
                continue
        if line.startswith("/*") and not line.startswith("/*KBGEN"):
            in_comment = "*/" not in line
            if in_comment or line.endswith("*/"):
                continue
        if line.startswith("//") or not line:
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def _lean_css(text: str) -> str:
    """The widget's CSS without comments and runs of white space (kbgen's own file: no strings)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"\s*([{};,>])\s*", r"\1", re.sub(r"\s+", " ", text)).strip()


def build(
    site: SiteView,
    settings: WidgetSettings,
    *,
    title: str,
    language: str,
    theme_palette: object = None,
    languages: Mapping[str, Mapping[str, str]] | None = None,
    travel: Mapping[str, Any] | None = None,
) -> dict[str, bytes]:
    """Every widget file by its path in the site: the same input gives byte-identical files.
    ``theme_palette`` is the site's ``theme.palette``, for the widget's colours; ``languages``
    (a site in several): each language's :func:`language_entry`, with its folder relative to
    this loader's, so the loader can follow the shop page's language. ``travel``: what
    :func:`kbgen.travel.recent.widget_data` adds (recently viewed), nothing when off."""
    data = widget_data(site, settings, title=title, language=language)
    data["search_index"] = site.search_index
    search = bundle.worker_bundle()  # the search page's worker, also published there
    search_path = _fingerprinted("search", ".js", search)
    data["search_worker"] = search_path
    data["latest"] = POINTER
    data.update(travel or {})
    data_bytes, part_files = _data_files(data)
    css = _lean_css(_asset("widget.css"))
    panel = _lean_script(recent.panel_source(_asset("widget-panel.js"), "recent" in data))
    if _CSS_MARK not in panel:  # pragma: no cover - a broken checkout
        raise RuntimeError("widget-panel.js has lost its CSS placeholder")
    # The scripts are ASCII: a shop page without a charset would read UTF-8 text as windows-1252.
    panel_bytes = panel.replace(_CSS_MARK, _json(css, ascii_only=True), 1).encode("ascii")
    panel_path = _fingerprinted("panel", ".js", panel_bytes)
    data_path = _fingerprinted("data", ".json", data_bytes)
    config: dict[str, Any] = {
        "origins": list(settings.origins),
        "label": site.t["help_button"],
        "panel": panel_path,
        "data": data_path,
        "failed": site.t["widget_loading_failed"],
        "contact": site.contact_url,
        "contact_label": site.t["contact_page"],
        "colours": vars(colours(theme_palette)),
    }
    if languages:
        config["languages"] = {code: dict(entry) for code, entry in languages.items()}
    loader = _asset("widget.js")
    if _CONFIG_MARK not in loader:  # pragma: no cover - a broken checkout
        raise RuntimeError("widget.js has lost its config placeholder")
    return {
        LOADER: loader.replace(_CONFIG_MARK, _json(config, ascii_only=True), 1).encode("ascii"),
        panel_path: panel_bytes,
        data_path: data_bytes,
        search_path: search,
        **part_files,
        POINTER: _json({"data": data_path, "format": parts.FORMAT}).encode("ascii"),
    }


def _data_files(data: dict[str, Any]) -> tuple[bytes, dict[str, bytes]]:
    """The data file's bytes, and the parts it names (none for a small help center).

    Each product part's name carries a hash of all of them (a product's file is found by its
    bucket number); the lists part is named by its own hash."""
    layout = parts.split(data, PRODUCT_ENTRIES)
    if layout is None:
        return _json(data).encode("utf-8"), {}
    buckets = [_json(b).encode("utf-8") for b in layout.buckets]
    common = hashlib.sha256(b"\n".join(buckets)).hexdigest()[:12]
    template = f"{FILES_DIR}/p.{common}.{{n}}.json"
    lists = _json(layout.lists).encode("utf-8")
    lists_path = _fingerprinted("lists", ".json", lists)
    core = {
        **layout.core,
        "parts": {"buckets": len(buckets), "latest": POINTER, "lists": lists_path, "products": template},
    }
    files = {template.replace("{n}", str(i)): content for i, content in enumerate(buckets)}
    files[lists_path] = lists
    return _json(core).encode("utf-8"), files


LANGUAGE_KEYS = ("label", "panel", "data", "failed", "contact", "contact_label")
"""What the loader changes when the shop page is in another language of the site."""


def language_entry(files: Mapping[str, bytes], folder: str) -> dict[str, str]:
    """One language's loader settings (from its built loader), its files under ``folder``."""
    template = _asset("widget.js")
    start = template.index(_CONFIG_MARK)
    end = len(template) - start - len(_CONFIG_MARK)
    text = files[LOADER].decode("ascii")
    config = json.loads(text[start : len(text) - end])
    return {"folder": folder, **{k: config[k] for k in LANGUAGE_KEYS}}


def write(site_dir: Path, files: dict[str, bytes]) -> None:
    """Write the widget's files into a built site, removing fingerprinted files of an earlier
    write (the live preview rewrites them into the same site)."""
    folder = site_dir / FILES_DIR
    if POINTER not in files:  # one file again: no parts to find anew
        (site_dir / POINTER).unlink(missing_ok=True)
    if folder.is_dir():
        for old in folder.iterdir():
            if old.is_file() and f"{FILES_DIR}/{old.name}" not in files:
                old.unlink()
    for rel, content in files.items():
        target = site_dir / rel
        if target.is_file() and target.read_bytes() == content:
            continue  # unchanged (a preview edit): keep its time, so browsers revalidate nothing
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def cross_origin(site: SiteView, settings: WidgetSettings) -> WidgetFiles:
    """What shop pages fetch from the help site, for the CORS rules of ``_headers``."""
    feedback = feedback_target(site)
    return WidgetFiles(
        origins=settings.origins,
        files=(LOADER, POINTER, f"{FILES_DIR}/*", *SEARCH_FILES, site.search_index),
        immutable=(f"{FILES_DIR}/*",),
        post_to=feedback.url.split("?")[0] if feedback.netlify else "",
    )

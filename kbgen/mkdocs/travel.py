"""Writes the files that let answers travel (llms.txt, Markdown copies) into a built site."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from kbgen.content.settings import TravelSettings
from kbgen.site.views import SiteView
from kbgen.travel.copies import LLMS_FULL, LLMS_TXT, SiteInfo, TravelText, copies, llms_files

MARKDOWN = "text/markdown; charset=utf-8"
PLAIN = "text/plain; charset=utf-8"


def write(site: SiteView, settings: TravelSettings, config: MkDocsConfig) -> dict[str, str]:
    """Write what ``settings`` turns on into ``site_dir``; return each written path's type."""
    if not settings.llms_txt:
        return {}
    t = site.t
    site_url = config.site_url or ""
    copied = copies(site.kb, site.urls, TravelText(t["md_web_page"], t["updated"], t["md_stage"]), site_url)
    info = SiteInfo(config.site_name, config.site_description or "", site_url)
    files = {**copied, **llms_files(site.kb, site.urls, info, copied, full=settings.llms_full)}
    out = Path(config.site_dir)
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return {path: PLAIN if path in (LLMS_TXT, LLMS_FULL) else MARKDOWN for path in files}

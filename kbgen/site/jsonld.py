"""schema.org FAQPage JSON-LD, safe to embed in a ``<script>`` element."""

from __future__ import annotations

import json
from collections.abc import Iterable


def faq_page(pairs: Iterable[tuple[str, str]], language: str = "") -> str:
    """JSON-LD for questions and their answers (answers may contain simple HTML), with
    ``inLanguage`` when ``language`` is given (a site in several languages).

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes so no text can close the script.
    """
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for question, answer in pairs
        ],
    }
    if language:
        data["inLanguage"] = language
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

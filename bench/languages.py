"""Build time of one help center in three languages against three single-language builds.

    PYTHONPATH=. python3 bench/languages.py [entries]

Prints the seconds of `kbgen build` for en, zh-Hans and zh-Hant alone (each a site of its own
with the same entries), their sum, and one build of the three-language site; the goal is a
three-language build within 1.1 x the sum.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = """\
site_name: Bench Help
site_url: https://help.example.com/
docs_dir: content
site_dir: site
theme:
  name: material
  language: {language}
  font: false
plugins:
  - kbgen{options}
"""


def entry(i: int, lang: str, translated: bool = False) -> str:
    q = {
        "en": f"How do I do thing number {i}?",
        "zh-Hans": f"第{i}个问题怎么办？",
        "zh-Hant": f"第{i}個問題怎麼辦？",
    }[lang]
    extra = f"id: e{i}\n" if translated else ""
    body = "\n\n".join([f"Step {j}: {q} " * 8 for j in range(6)])
    return f"---\nquestion: {q}\nstage: after-delivery\nsummary: {q} Short answer.\n{extra}---\n\n{body}\n"


def write(root: Path, options: str, language: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(BASE.format(language=language, options=options), encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def build(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kbgen", "build"], cwd=root, check=True, capture_output=True)
    return time.perf_counter() - start


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        single = {}
        for lang, theme in (("en", "en"), ("zh-Hans", "zh"), ("zh-Hant", "zh-Hant")):
            files = {f"content/e{i}.md": entry(i, lang) for i in range(n)}
            single[lang] = build(write(t / lang, "", theme, files))
        files = {f"content/e{i}.md": entry(i, "en") for i in range(n)}
        for lang in ("zh-Hans", "zh-Hant"):
            files |= {f"content/{lang.lower()}/e{i}.md": entry(i, lang, True) for i in range(n)}
        multi = build(write(t / "multi", ":\n      languages: [en, zh-Hans, zh-Hant]", "en", files))
        total = sum(single.values())
        print(f"entries per language: {n}")
        for lang, s in single.items():
            print(f"  single-language build, {lang:8} {s:6.2f} s")
        print(f"  sum of the three                {total:6.2f} s")
        print(
            f"  one build, three languages      {multi:6.2f} s  ({multi / total:.2f} x the sum; goal <= 1.10)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

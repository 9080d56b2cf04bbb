# ruff: noqa: E501
"""Helpers for the bench catalogs' data tables."""

from __future__ import annotations

from typing import Any


def p(pid: str, name: str, summary: str, **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": pid, "name": name, "summary": summary, "url": f"https://store.example.org/{pid}"}
    for key in ("aliases", "keywords", "compatible_with", "accessories"):
        if key in kw:
            out[key] = kw[key]
    if "incompatible_with" in kw:
        out["incompatible_with"] = [{"id": i, "reason": r} for i, r in kw["incompatible_with"]]
    return out


def e(eid: str, stage: str, question: str, summary: str, products: list[str], body: str, keywords: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": eid, "question": question, "stage": stage, "summary": summary}
    if keywords:
        out["keywords"] = keywords
    if products:
        out["products"] = products
    out["body"] = body
    return out

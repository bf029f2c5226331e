"""Tiny HTML helpers: plain strings are always escaped; only ``Html`` values pass through as markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape


class Html(str):
    """Markup built by this package (never text from the data)."""


Cell = str | int | float | None


def esc(value: Cell) -> str:
    if isinstance(value, Html):
        return value
    return escape("" if value is None else str(value), quote=True)


def tag(name: str, *children: Cell, **attrs: str | None) -> Html:
    attr_text = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{escape(v, quote=True)}"'
        for k, v in attrs.items()
        if v is not None
    )
    return Html(f"<{name}{attr_text}>{''.join(esc(c) for c in children)}</{name}>")


def join(parts: Iterable[Cell]) -> Html:
    return Html("".join(esc(p) for p in parts))


def table(
    headers: Sequence[str] | None,
    rows: Iterable[Sequence[Cell]],
    *,
    caption: str | None = None,
    numeric: Sequence[int] = (),
    class_: str | None = None,
) -> Html:
    body = []
    for row in rows:
        cells = [tag("td", cell, class_="num" if i in numeric else None) for i, cell in enumerate(row)]
        body.append(tag("tr", *cells))
    parts: list[Cell] = []
    if caption:
        parts.append(tag("caption", caption))
    if headers:
        parts.append(tag("thead", tag("tr", *(tag("th", h, scope="col") for h in headers))))
    parts.append(tag("tbody", *body))
    return tag("div", tag("table", *parts, class_=class_), class_="table-wrap")

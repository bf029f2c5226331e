"""Inline-SVG renderer for the chart specs. Every text and attribute value is escaped."""

from __future__ import annotations

import math
from html import escape

from rolegap.report import colors, fmt
from rolegap.report.spec import Estimate, PairedChart, RangeChart, StackedChart

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
WIDTH = 760
SVG_NS = "http://www.w3.org/2000/svg"


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = f"{value:.1f}"
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{escape(str(value), quote=True)}"')
    return (" " + " ".join(parts)) if parts else ""


def el(tag: str, content: str | None = None, **attrs: object) -> str:
    """An element; ``content`` is trusted markup (build it with el/text)."""
    if content is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def text(x: float, y: float, value: str, *, tooltip: str | None = None, **attrs: object) -> str:
    inner = escape(value)
    if tooltip:
        inner = el("title", escape(tooltip)) + inner
    return el("text", inner, x=float(x), y=float(y), **attrs)


def _document(name: str, title: str, description: str, height: float, body: str, standalone: bool) -> str:
    title_id, desc_id = f"{name}-title", f"{name}-desc"
    head = el("title", escape(title), id=title_id) + el("desc", escape(description), id=desc_id)
    background = el("rect", x=0, y=0, width=WIDTH, height=float(height), fill="#ffffff")
    return el(
        "svg",
        head + background + body,
        xmlns=SVG_NS,
        viewBox=f"0 0 {WIDTH} {height:.0f}",
        width=WIDTH,
        height=f"{height:.0f}",
        role="img",
        aria_labelledby=f"{title_id} {desc_id}",
        font_family=FONT,
        font_size=13,
        fill=colors.TEXT,
        class_="chart",
        id=f"chart-{name}",
        data_standalone="true" if standalone else None,
    )


def _heading(title: str) -> str:
    return text(16, 26, title, font_size=17, font_weight="bold")


def _truncate(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _nice_share_max(values: list[float]) -> float:
    top = max([v for v in values if v is not None] + [0.1])
    return min(1.0, math.ceil(top * 10 + 0.25) / 10)


def _share_ticks(axis_max: float) -> list[float]:
    step = 0.1 if axis_max <= 0.6 else 0.2
    n = round(axis_max / step)
    return [round(i * step, 2) for i in range(n + 1)]


def _whisker(x_lo: float, x_hi: float, y: float, cap: float = 5) -> str:
    out = []
    for color, width in (("#ffffff", 3.5), (colors.TEXT, 1.3)):
        path = (
            f"M{x_lo:.1f},{y:.1f}H{x_hi:.1f}"
            f"M{x_lo:.1f},{y - cap:.1f}V{y + cap:.1f}M{x_hi:.1f},{y - cap:.1f}V{y + cap:.1f}"
        )
        out.append(el("path", d=path, stroke=color, stroke_width=width, fill="none", class_="whisker"))
    return "".join(out)


def _paired_bar(
    est: Estimate, role: str, label: str, fill: str, outline: str, y: float, h: float, x0: float, sx: float
) -> str:
    short = fmt.ROLE_SHORT[role]
    if est.value is None:
        return text(
            x0 + 4,
            y + h - 1.5,
            f"{short} {fmt.NOT_PUBLISHED}",
            font_size=11,
            font_style="italic",
            fill=colors.MUTED,
        )
    n_text = f", n = {fmt.count(est.n)}" if est.n is not None else ""
    tooltip = (
        f"{label}, {fmt.role_label(role)}: {fmt.pct(est.value)} (95% interval "
        f"{fmt.pct_interval(est.lower, est.upper)}{n_text})"
    )
    width = max(est.value * sx, 0.0)
    parts = [
        el(
            "rect",
            el("title", escape(tooltip)),
            x=x0,
            y=float(y),
            width=float(max(width, 0.8)),
            height=float(h),
            fill=fill,
            stroke=outline,
            stroke_width=0.8,
            class_=f"bar bar-{short.lower()}",
        )
    ]
    end = x0 + width
    if est.lower is not None and est.upper is not None:
        parts.append(_whisker(x0 + est.lower * sx, x0 + est.upper * sx, y + h / 2))
        end = max(end, x0 + est.upper * sx)
    parts.append(text(end + 5, y + h - 1.5, f"{short} {fmt.pct(est.value)}", font_size=11))
    return "".join(parts)


def paired(chart: PairedChart, standalone: bool = False) -> str:
    x0, x1 = 200.0, 560.0
    note_x = WIDTH - 14
    bar_h, bar_gap, row_pitch = 12.0, 3.0, 36.0
    values = [
        v
        for g in chart.groups
        for r in g.rows
        for e in (r.ds, r.mle)
        for v in (e.upper if e.upper is not None else e.value,)
        if v is not None
    ]
    axis_max = _nice_share_max(values)
    sx = (x1 - x0) / axis_max
    body: list[str] = []
    y = 44.0 if standalone else 12.0
    if standalone:
        body.append(_heading(chart.title))
    # Legend: one DS/MLE swatch pair per group, plus the whisker glyph.
    lx = 16.0
    for group in chart.groups:
        if not group.rows and len(chart.groups) > 1:
            continue
        for role, fill in (("data_scientist", group.colors[0]), ("ml_engineer", group.colors[1])):
            body.append(
                el(
                    "rect",
                    x=lx,
                    y=y,
                    width=14,
                    height=12,
                    fill=fill,
                    stroke=group.colors[2],
                    stroke_width=0.8,
                )
            )
            name = (
                f"{group.title.split(':')[0]} · {fmt.ROLE_SHORT[role]}"
                if len({g.colors for g in chart.groups}) > 1
                else fmt.role_label(role)
            )
            body.append(text(lx + 19, y + 10.5, name, font_size=12))
            lx += 28 + 7.2 * len(name)
        if len({g.colors for g in chart.groups}) == 1:
            break
    body.append(_whisker(lx, lx + 22, y + 6))
    body.append(text(lx + 28, y + 10.5, "95% interval", font_size=12))
    y += 30
    body.append(text(note_x, y + 4, chart.note_header, font_size=11, font_weight="bold", text_anchor="end"))
    plot_top = y + 10
    y = plot_top
    drawn_groups = [g for g in chart.groups if g.rows]
    for gi, group in enumerate(drawn_groups):
        if gi > 0:
            y += 6
            body.append(
                el(
                    "line",
                    x1=8.0,
                    x2=float(WIDTH - 8),
                    y1=y,
                    y2=y,
                    stroke=colors.AXIS,
                    stroke_width=1.2,
                    stroke_dasharray="6 4",
                    class_="separator",
                )
            )
            y += 8
        if group.title:
            body.append(text(16, y + 16, group.title, font_size=13, font_weight="bold", fill=group.colors[2]))
            y += 24
        for row in group.rows:
            top = y + (row_pitch - 2 * bar_h - bar_gap) / 2
            body.append(
                text(x0 - 10, top + bar_h + 5, _truncate(row.label), text_anchor="end", tooltip=row.label)
            )
            body.append(
                _paired_bar(
                    row.ds, "data_scientist", row.label, group.colors[0], group.colors[2], top, bar_h, x0, sx
                )
            )
            body.append(
                _paired_bar(
                    row.mle,
                    "ml_engineer",
                    row.label,
                    group.colors[1],
                    group.colors[2],
                    top + bar_h + bar_gap,
                    bar_h,
                    x0,
                    sx,
                )
            )
            body.append(
                text(note_x, top + bar_h + 5, row.note, text_anchor="end", font_size=12, font_weight="bold")
            )
            y += row_pitch
    if not drawn_groups:
        body.append(
            text(
                x0, y + 20, f"No skills to show: shares {fmt.NOT_PUBLISHED} or no rows.", font_style="italic"
            )
        )
        y += 36
    # Grid and axis.
    grid = []
    for tick in _share_ticks(axis_max):
        x = x0 + tick * sx
        grid.append(el("line", x1=x, x2=x, y1=plot_top, y2=y, stroke=colors.GRID, stroke_width=1))
        grid.append(
            text(x, y + 16, f"{tick * 100:.0f}%", text_anchor="middle", font_size=11, fill=colors.MUTED)
        )
    grid.append(el("line", x1=x0, x2=x0, y1=plot_top, y2=y, stroke=colors.AXIS, stroke_width=1))
    grid.append(
        text(
            (x0 + x1) / 2,
            y + 34,
            chart.axis_label,
            text_anchor="middle",
            font_size=11,
            fill=colors.MUTED,
        )
    )
    height = y + 46
    return _document(
        chart.name, chart.title, chart.description, height, "".join(grid) + "".join(body), standalone
    )


def stacked(chart: StackedChart, standalone: bool = False) -> str:
    x0, x1 = 190.0, float(WIDTH - 24)
    bar_h, pitch = 42.0, 100.0
    body: list[str] = []
    y = 44.0 if standalone else 12.0
    if standalone:
        body.append(_heading(chart.title))
    lx = 16.0
    for (key, label), fill in zip(chart.categories, chart.colors, strict=True):
        stroke_w = 2.2 if key == chart.highlight else 0.8
        body.append(
            el("rect", x=lx, y=y, width=14, height=12, fill=fill, stroke=colors.TEXT, stroke_width=stroke_w)
        )
        body.append(text(lx + 19, y + 10.5, label, font_size=12))
        lx += 30 + 7.2 * len(label)
    y += 34
    for bar in chart.bars:
        body.append(text(x0 - 12, y + bar_h / 2, bar.label, text_anchor="end", font_weight="bold"))
        body.append(
            text(
                x0 - 12,
                y + bar_h / 2 + 16,
                f"n = {fmt.count(bar.n)} openings",
                text_anchor="end",
                font_size=11,
                fill=colors.MUTED,
            )
        )
        if not bar.is_published:
            body.append(
                el(
                    "rect",
                    x=x0,
                    y=y,
                    width=x1 - x0,
                    height=bar_h,
                    fill=colors.NOT_PUBLISHED_FILL,
                    stroke=colors.AXIS,
                    stroke_width=0.8,
                )
            )
            body.append(
                text(
                    x0 + 10,
                    y + bar_h / 2 + 5,
                    f"Shares {fmt.NOT_PUBLISHED}",
                    font_style="italic",
                    fill=colors.MUTED,
                )
            )
            y += pitch
            continue
        x = x0
        highlight_box = ""
        for seg, fill in zip(bar.segments, chart.colors, strict=True):
            w = (seg.share or 0.0) * (x1 - x0)
            tooltip = f"{bar.label}, {seg.label}: {fmt.pct(seg.share)} ({fmt.count(seg.openings_n)} openings)"
            body.append(
                el(
                    "rect",
                    el("title", escape(tooltip)),
                    x=x,
                    y=y,
                    width=float(w),
                    height=bar_h,
                    fill=fill,
                    stroke="#ffffff",
                    stroke_width=1,
                    class_=f"segment segment-{seg.key}",
                )
            )
            if w >= 34:
                body.append(
                    text(
                        x + w / 2,
                        y + bar_h / 2 + 4.5,
                        fmt.pct(seg.share),
                        text_anchor="middle",
                        font_size=12,
                        font_weight="bold",
                        fill=colors.text_on(fill),
                    )
                )
            if seg.key == chart.highlight:
                highlight_box = el(
                    "rect",
                    x=x,
                    y=y - 1,
                    width=float(w),
                    height=bar_h + 2,
                    fill="none",
                    stroke=colors.TEXT,
                    stroke_width=2.5,
                    class_="highlight",
                )
                cx = x + w / 2
                highlight_box += el(
                    "path",
                    d=f"M{cx:.1f},{y + bar_h + 2:.1f}V{y + bar_h + 10:.1f}",
                    stroke=colors.TEXT,
                    stroke_width=1.5,
                )
                anchor = "middle" if x0 + 80 < cx < x1 - 80 else ("end" if cx >= x1 - 80 else "start")
                highlight_box += text(
                    cx,
                    y + bar_h + 24,
                    f"{seg.label} {fmt.pct(seg.share)}",
                    text_anchor=anchor,
                    font_size=13,
                    font_weight="bold",
                )
            x += w
        body.append(highlight_box)
        y += pitch
    y -= 6
    axis = [el("line", x1=x0, x2=x1, y1=y - 30, y2=y - 30, stroke=colors.AXIS, stroke_width=1)]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        xt = x0 + tick * (x1 - x0)
        axis.append(el("line", x1=xt, x2=xt, y1=y - 30, y2=y - 25, stroke=colors.AXIS, stroke_width=1))
        axis.append(
            text(xt, y - 12, f"{tick * 100:.0f}%", text_anchor="middle", font_size=11, fill=colors.MUTED)
        )
    body.extend(axis)
    if chart.takeaway:
        body.append(text(16, y + 14, chart.takeaway, font_size=13, font_weight="bold"))
        y += 24
    return _document(chart.name, chart.title, chart.description, y + 8, "".join(body), standalone)


def _usd_domain(chart: RangeChart) -> tuple[float, float, float]:
    lows = [b.low for b in chart.bars if b.low is not None]
    highs = [b.high for b in chart.bars if b.high is not None]
    if not lows or not highs:
        return 0.0, 300_000.0, 50_000.0
    lo = math.floor(min(lows) / 25_000) * 25_000 - 25_000
    hi = math.ceil(max(highs) / 25_000) * 25_000 + 25_000
    step = 25_000.0 if hi - lo <= 200_000 else 50_000.0
    return max(lo, 0.0), float(hi), step


def ranges(chart: RangeChart, standalone: bool = False) -> str:
    x0, x1 = 170.0, float(WIDTH - 90)
    bar_h, pitch = 24.0, 86.0
    lo, hi, step = _usd_domain(chart)

    def sx(v: float) -> float:
        return x0 + (v - lo) / (hi - lo) * (x1 - x0)

    body: list[str] = []
    y = 44.0 if standalone else 12.0
    if standalone:
        body.append(_heading(chart.title))
    # Legend: band and midpoint.
    body.append(el("rect", x=16, y=y, width=26, height=12, rx=2, fill=colors.SALARY["ml_engineer"]))
    body.append(text(48, y + 10.5, "Median posted minimum to median posted maximum", font_size=12))
    mx = 420.0
    body.append(
        el("path", d=f"M{mx},{y - 1}l6,7l-6,7l-6,-7z", fill="#ffffff", stroke=colors.TEXT, stroke_width=1.5)
    )
    body.append(text(mx + 12, y + 10.5, "Midpoint", font_size=12))
    y += 28
    plot_top = y
    grid = []
    for bar in reversed(chart.bars):  # listed bottom to top, drawn top down
        by = y + 26
        body.append(text(x0 - 14, by + bar_h / 2 + 5, bar.label, text_anchor="end", font_weight="bold"))
        if not bar.is_published or bar.low is None or bar.high is None:
            body.append(
                text(
                    x0 + 6,
                    by + bar_h / 2 + 5,
                    f"Band {fmt.NOT_PUBLISHED}; n = {fmt.count(bar.n)}",
                    font_style="italic",
                    fill=colors.MUTED,
                )
            )
            y += pitch
            continue
        xl, xh = sx(bar.low), sx(bar.high)
        label = fmt.usd_range(bar.low, bar.high)
        tooltip = (
            f"{bar.label}: {label}, midpoint {fmt.usd_k(bar.mid)}, n = {fmt.count(bar.n)} {chart.n_label}"
        )
        body.append(
            text((xl + xh) / 2, by - 8, label, text_anchor="middle", font_size=14, font_weight="bold")
        )
        body.append(
            el(
                "rect",
                el("title", escape(tooltip)),
                x=xl,
                y=by,
                width=xh - xl,
                height=bar_h,
                rx=3,
                fill=bar.color,
                class_="range",
            )
        )
        if bar.mid is not None:
            xm = sx(bar.mid)
            body.append(
                el(
                    "path",
                    d=f"M{xm:.1f},{by - 3:.1f}l7,{bar_h / 2 + 3:.1f}l-7,{bar_h / 2 + 3:.1f}"
                    f"l-7,{-(bar_h / 2 + 3):.1f}z",
                    fill="#ffffff",
                    stroke=colors.TEXT,
                    stroke_width=1.5,
                    class_="midpoint",
                )
            )
            body.append(
                text(
                    xm,
                    by + bar_h + 17,
                    f"midpoint {fmt.usd_k(bar.mid)}",
                    text_anchor="middle",
                    font_size=11,
                    fill=colors.MUTED,
                )
            )
        body.append(
            text(
                xh + 10,
                by + bar_h / 2 + 4,
                f"n = {fmt.count(bar.n)}",
                font_size=11,
                fill=colors.MUTED,
                font_style="italic",
            )
        )
        y += pitch
    tick = lo
    while tick <= hi + 1:
        xt = sx(tick)
        grid.append(el("line", x1=xt, x2=xt, y1=plot_top, y2=y, stroke=colors.GRID, stroke_width=1))
        grid.append(text(xt, y + 16, fmt.usd_k(tick), text_anchor="middle", font_size=11, fill=colors.MUTED))
        tick += step
    grid.append(
        text(
            (x0 + x1) / 2,
            y + 34,
            "Annual base salary, US markets (USD)",
            text_anchor="middle",
            font_size=11,
            fill=colors.MUTED,
        )
    )
    y += 44
    if chart.takeaway:
        body.append(text(16, y + 10, chart.takeaway, font_size=13, font_weight="bold"))
        y += 22
    return _document(
        chart.name, chart.title, chart.description, y + 8, "".join(grid) + "".join(body), standalone
    )

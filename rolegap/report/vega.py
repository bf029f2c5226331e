"""The one chart grammar: each chart spec (spec.py) becomes a Vega-Lite spec plus its data rows.

The same Vega-Lite spec is rendered offline to SVG/PNG by vl-convert (report page, chart files,
slides) and embedded with vega-embed in the dashboard, which recomputes the rows (same fields)
from the filtered postings. Row builders here and in dashboard.js produce the same fields.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

import vl_convert

from rolegap.report import colors, fmt
from rolegap.report.spec import Estimate, PairedChart, RangeChart, StackedChart

VL_VERSION = "6.4"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
WIDTH = 460
ROW_HEIGHT = 30
DATA = "rows"  # every spec reads one named dataset; the dashboard replaces its values

ChartSpec = PairedChart | StackedChart | RangeChart
Row = dict[str, Any]

CONFIG: dict[str, Any] = {
    "font": FONT,
    "background": "#ffffff",
    "view": {"stroke": None},
    "axis": {
        "labelColor": colors.TEXT,
        "titleColor": colors.MUTED,
        "gridColor": colors.GRID,
        "domainColor": colors.AXIS,
        "tickColor": colors.AXIS,
        "labelFontSize": 12,
    },
    "title": {"anchor": "start", "fontSize": 16, "subtitleColor": colors.MUTED},
}


def _slot(i: int, label: str) -> str:
    return f"{i:03d}|{label}"


# ---------------------------------------------------------------- rows: what each chart draws


def _bar_row(slot: str, role: str, est: Estimate, fill: str, outline: str, note: str, label: str) -> Row:
    short = fmt.ROLE_SHORT[role]
    published = est.value is not None
    return {
        "kind": "bar",
        "slot": slot,
        "label": label,
        "role": short,
        "share": est.value,
        "lower": est.lower if published else None,
        "upper": est.upper if published else None,
        "n": est.n,
        "fill": fill,
        "outline": outline,
        "end": max(v for v in (est.value, est.upper, 0.0) if v is not None),
        "value_text": f"{short} {fmt.pct(est.value)}",
        "note": note if role == "ml_engineer" else "",
        "tooltip": (
            f"{label}, {fmt.role_label(role)}: {fmt.pct(est.value)}"
            + (f" (95% interval {fmt.pct_interval(est.lower, est.upper)})" if published else "")
            + (f", n = {fmt.count(est.n)}" if est.n is not None else "")
        ),
    }


def paired_rows(chart: PairedChart) -> list[Row]:
    """Header, bar (one per role) and separator rows; ``slot`` orders them top to bottom."""
    rows: list[Row] = []
    i = 0
    drawn = [g for g in chart.groups if g.rows]
    for gi, group in enumerate(drawn):
        if gi > 0:
            rows.append({"kind": "separator", "slot": _slot(i, ""), "label": ""})
            i += 1
        if group.title:
            rows.append(
                {"kind": "header", "slot": _slot(i, ""), "label": group.title, "fill": group.colors[2]}
            )
            i += 1
        for row in group.rows:
            slot = _slot(i, row.label)
            rows.append(
                _bar_row(
                    slot, "data_scientist", row.ds, group.colors[0], group.colors[2], row.note, row.label
                )
            )
            rows.append(
                _bar_row(slot, "ml_engineer", row.mle, group.colors[1], group.colors[2], row.note, row.label)
            )
            i += 1
    return rows


def stacked_rows(chart: StackedChart) -> list[Row]:
    rows: list[Row] = []
    for bar in chart.bars:
        bar_label = f"{bar.label} (n = {fmt.count(bar.n)})"
        for rank, (seg, fill) in enumerate(zip(bar.segments, chart.colors, strict=False)):
            share = seg.share if bar.is_published else None
            rows.append(
                {
                    "bar": bar_label,
                    "key": seg.key,
                    "label": seg.label,
                    "rank": rank,
                    "share": share,
                    "openings_n": seg.openings_n,
                    "fill": fill,
                    "text_color": colors.text_on(fill),
                    "is_highlight": seg.key == chart.highlight,
                    "segment_text": fmt.pct(share) if share is not None and share >= 0.06 else "",
                    "highlight_text": f"{seg.label} {fmt.pct(share)}" if share is not None else "",
                    "note": "" if bar.is_published else f"Shares not published (n < {fmt.MIN_SAMPLE_N})",
                }
            )
    return rows


def range_rows(chart: RangeChart) -> list[Row]:
    """One row per bar; ``order`` 0 is the bottom bar."""
    return [
        {
            "label": bar.label,
            "order": order,
            "low": bar.low,
            "high": bar.high,
            "mid": bar.mid,
            "n": bar.n,
            "fill": bar.color,
            "range_text": fmt.usd_range(bar.low, bar.high) if bar.is_published else "",
            "mid_text": f"midpoint {fmt.usd_k(bar.mid)}" if bar.mid is not None else "",
            "n_text": (
                f"n = {fmt.count(bar.n)} {chart.n_label}"
                if bar.is_published
                else f"Band not published (n < {fmt.MIN_SAMPLE_N}); n = {fmt.count(bar.n)}"
            ),
        }
        for order, bar in enumerate(chart.bars)
    ]


def rows(chart: ChartSpec) -> list[Row]:
    if isinstance(chart, PairedChart):
        return paired_rows(chart)
    if isinstance(chart, StackedChart):
        return stacked_rows(chart)
    return range_rows(chart)


# ---------------------------------------------------------------- specs: how each chart draws


def _filter(expr: str) -> list[dict[str, str]]:
    return [{"filter": expr}]


def paired_spec(
    note_header: str = "MLE − DS", axis_label: str = "Share of roles mentioning the skill"
) -> dict[str, Any]:
    """Paired DS/MLE bars with 95% whiskers; group headers; a dashed separator between groups."""
    y = {
        "field": "slot",
        "type": "nominal",
        "sort": "ascending",
        "title": None,
        "axis": {
            "labelExpr": "split(datum.label, '|')[1]",
            "ticks": False,
            "domain": False,
            "labelLimit": 180,
            "labelFontWeight": "normal",
        },
    }
    y_offset = {"field": "role", "type": "nominal", "sort": ["DS", "MLE"], "scale": {"paddingInner": 0.1}}
    x = {
        "field": "share",
        "type": "quantitative",
        "title": axis_label,
        "axis": {"format": ".0%", "orient": "bottom"},
        "scale": {"domainMin": 0, "nice": True},
    }
    bars = "datum.kind === 'bar'"
    return {
        "width": WIDTH,
        "height": {"step": ROW_HEIGHT, "for": "position"},
        "encoding": {"y": y},
        "layer": [
            {
                "name": "bar",
                "transform": _filter(f"{bars} && datum.share !== null"),
                "mark": {"type": "bar", "strokeWidth": 0.8, "height": {"band": 0.9}},
                "encoding": {
                    "x": x,
                    "yOffset": y_offset,
                    "color": {"field": "fill", "type": "nominal", "scale": None},
                    "stroke": {"field": "outline", "type": "nominal", "scale": None},
                    "tooltip": {"field": "tooltip", "type": "nominal"},
                },
            },
            {
                "name": "whisker",
                "transform": _filter(f"{bars} && datum.lower !== null"),
                "mark": {"type": "rule", "color": colors.TEXT, "strokeWidth": 1.3},
                "encoding": {
                    "x": {"field": "lower", "type": "quantitative"},
                    "x2": {"field": "upper"},
                    "yOffset": y_offset,
                },
            },
            {
                "name": "value_label",
                "transform": _filter(bars),
                "mark": {"type": "text", "align": "left", "dx": 5, "fontSize": 11},
                "encoding": {
                    "x": {"field": "end", "type": "quantitative"},
                    "yOffset": y_offset,
                    "text": {"field": "value_text"},
                    "color": {
                        "condition": {"test": "datum.share === null", "value": colors.MUTED},
                        "value": colors.TEXT,
                    },
                },
            },
            {
                "name": "note",
                "transform": _filter(f"{bars} && datum.note !== ''"),
                "mark": {
                    "type": "text",
                    "align": "right",
                    "fontWeight": "bold",
                    "fontSize": 12,
                    "x": WIDTH + 90,
                },
                "encoding": {"text": {"field": "note"}},
            },
            {
                "name": "note_header",
                "transform": [
                    {"filter": "datum.note !== '' && datum.note != null"},
                    {"window": [{"op": "row_number", "as": "k"}]},
                    {"filter": "datum.k === 1"},
                ],
                "mark": {
                    "type": "text",
                    "align": "right",
                    "fontWeight": "bold",
                    "fontSize": 11,
                    "x": WIDTH + 90,
                    "dy": -ROW_HEIGHT * 0.8,
                    "text": note_header,
                },
                "encoding": {},
            },
            {
                "name": "group_header",
                "transform": _filter("datum.kind === 'header'"),
                "mark": {"type": "text", "align": "left", "fontWeight": "bold", "fontSize": 13, "x": -170},
                "encoding": {
                    "text": {"field": "label"},
                    "color": {"field": "fill", "type": "nominal", "scale": None},
                },
            },
            {
                "name": "separator",
                "transform": _filter("datum.kind === 'separator'"),
                "mark": {
                    "type": "rule",
                    "color": colors.AXIS,
                    "strokeWidth": 1.2,
                    "strokeDash": [6, 4],
                    "x": -170,
                    "x2": WIDTH + 90,
                },
                "encoding": {},
            },
        ],
    }


def stacked_spec(highlight_label: str = "Staff/principal") -> dict[str, Any]:
    """100% stacked bars, segments light (junior) to dark; the highlight segment outlined and labelled."""
    y = {
        "field": "bar",
        "type": "nominal",
        "title": None,
        "sort": None,
        "axis": {"ticks": False, "domain": False, "labelFontWeight": "bold", "labelLimit": 220},
    }
    x = {
        "field": "share",
        "type": "quantitative",
        "stack": "zero",
        "title": "Share of in-scope openings",
        "axis": {"format": ".0%", "orient": "bottom"},
        "scale": {"domain": [0, 1]},
    }
    order = {"field": "rank", "type": "quantitative"}
    published = "datum.share !== null"
    return {
        "width": WIDTH,
        "height": {"step": 56},
        "encoding": {"y": y},
        "transform": [
            {"calculate": "datum.share === null ? 0 : datum.share", "as": "share_drawn"},
            {"stack": "share_drawn", "groupby": ["bar"], "sort": [{"field": "rank"}], "as": ["x0", "x1"]},
            {"calculate": "(datum.x0 + datum.x1) / 2", "as": "xm"},
        ],
        "layer": [
            {
                "name": "segment",
                "transform": _filter(published),
                "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 0.5, "height": {"band": 0.7}},
                "encoding": {
                    "x": {**x, "field": "x0", "stack": None},
                    "x2": {"field": "x1"},
                    "order": order,
                    "color": {"field": "fill", "type": "nominal", "scale": None},
                    "tooltip": [
                        {"field": "label", "title": "Seniority"},
                        {"field": "share", "format": ".1%", "title": "Share"},
                        {"field": "openings_n", "title": "Openings"},
                    ],
                },
            },
            {
                "name": "highlight",
                "transform": _filter(f"{published} && datum.is_highlight"),
                "mark": {
                    "type": "bar",
                    "fill": None,
                    "stroke": colors.TEXT,
                    "strokeWidth": 2.5,
                    "height": {"band": 0.7},
                },
                "encoding": {"x": {"field": "x0", "type": "quantitative"}, "x2": {"field": "x1"}},
            },
            {
                "name": "segment_label",
                "transform": _filter(f"{published} && datum.segment_text !== ''"),
                "mark": {"type": "text", "fontSize": 11},
                "encoding": {
                    "x": {"field": "xm", "type": "quantitative"},
                    "text": {"field": "segment_text"},
                    "color": {"field": "text_color", "type": "nominal", "scale": None},
                },
            },
            {
                "name": "highlight_label",
                "transform": _filter(f"{published} && datum.is_highlight"),
                "mark": {"type": "text", "fontSize": 12, "fontWeight": "bold", "dy": -24},
                "encoding": {
                    "x": {"field": "xm", "type": "quantitative"},
                    "text": {"field": "highlight_text"},
                },
            },
            {
                "name": "not_published",
                "transform": _filter("datum.note !== '' && datum.rank === 0"),
                "mark": {
                    "type": "text",
                    "align": "left",
                    "fontStyle": "italic",
                    "color": colors.MUTED,
                    "x": 4,
                },
                "encoding": {"text": {"field": "note"}},
            },
        ],
        "description": f"The outlined segment is {highlight_label.lower()}.",
    }


def range_spec() -> dict[str, Any]:
    """Range bars (low..high) labelled with the range, midpoint marked, a subtle n; ordered bottom to top."""
    y = {
        "field": "label",
        "type": "nominal",
        "title": None,
        "sort": {"field": "order", "order": "descending"},
        "axis": {"ticks": False, "domain": False, "labelFontWeight": "bold", "labelFontSize": 13},
    }
    x = {
        "field": "low",
        "type": "quantitative",
        "title": "US annual base salary (USD)",
        "scale": {"zero": False, "nice": True, "padding": 30},
        "axis": {"labelExpr": "'$' + format(datum.value / 1000, ',.0f') + 'k'"},
    }
    published = "datum.low !== null"
    return {
        "width": WIDTH,
        "height": {"step": 70},
        "encoding": {"y": y},
        "layer": [
            {
                "name": "range",
                "transform": _filter(published),
                "mark": {"type": "bar", "height": 18, "cornerRadius": 3},
                "encoding": {
                    "x": x,
                    "x2": {"field": "high"},
                    "color": {"field": "fill", "type": "nominal", "scale": None},
                },
            },
            {
                "name": "midpoint",
                "transform": _filter(f"{published} && datum.mid !== null"),
                "mark": {"type": "tick", "color": colors.TEXT, "thickness": 3, "size": 26},
                "encoding": {"x": {"field": "mid", "type": "quantitative"}, "tooltip": {"field": "mid_text"}},
            },
            {
                "name": "range_label",
                "transform": _filter(published),
                "mark": {"type": "text", "fontSize": 14, "fontWeight": "bold", "dy": -20},
                "encoding": {"x": {"field": "mid", "type": "quantitative"}, "text": {"field": "range_text"}},
            },
            {
                "name": "n_label",
                "transform": _filter(published),
                "mark": {"type": "text", "fontSize": 11, "color": colors.MUTED, "dy": 22},
                "encoding": {"x": {"field": "mid", "type": "quantitative"}, "text": {"field": "n_text"}},
            },
            {
                "name": "not_published",
                "transform": _filter("datum.low === null"),
                "mark": {
                    "type": "text",
                    "align": "left",
                    "fontSize": 12,
                    "fontStyle": "italic",
                    "color": colors.MUTED,
                    "x": 4,
                },
                "encoding": {"text": {"field": "n_text"}},
            },
        ],
    }


def trend_spec() -> dict[str, Any]:
    """Dashboard only: monthly share of openings mentioning each chosen skill, 95% band, n in the tooltip."""
    x = {"field": "month", "type": "ordinal", "title": "Posting month", "axis": {"labelAngle": 0}}
    return {
        "$schema": SCHEMA,
        "config": CONFIG,
        "data": {"name": DATA},
        "width": WIDTH + 150,
        "height": 220,
        "description": "Share of the view's openings posted each month that mention each chosen skill.",
        "transform": [{"filter": "datum.share !== null"}],
        "encoding": {"x": x, "color": {"field": "skill", "type": "nominal", "title": "Skill"}},
        "layer": [
            {
                "name": "band",
                "mark": {"type": "area", "opacity": 0.15},
                "encoding": {"y": {"field": "lower", "type": "quantitative"}, "y2": {"field": "upper"}},
            },
            {
                "name": "trend",
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "y": {
                        "field": "share",
                        "type": "quantitative",
                        "title": "Share of openings",
                        "axis": {"format": ".0%"},
                    },
                    "tooltip": [
                        {"field": "skill"},
                        {"field": "month"},
                        {"field": "share", "format": ".1%"},
                        {"field": "mentions_n", "title": "openings mentioning"},
                        {"field": "n", "title": "openings that month"},
                    ],
                },
            },
        ],
    }


def volume_spec() -> dict[str, Any]:
    """Dashboard only: in-scope openings posted per month per role family."""
    return {
        "$schema": SCHEMA,
        "config": CONFIG,
        "data": {"name": DATA},
        "width": WIDTH + 150,
        "height": 200,
        "description": "In-scope openings posted per month, per role family.",
        "mark": {"type": "bar", "name": "volume"},
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "title": "Posting month", "axis": {"labelAngle": 0}},
            "xOffset": {"field": "role_family"},
            "y": {"field": "openings_n", "type": "quantitative", "title": "Openings posted"},
            "color": {
                "field": "role_family",
                "type": "nominal",
                "title": None,
                "scale": {"range": [colors.SALARY["data_scientist"], colors.SALARY["ml_engineer"]]},
            },
            "tooltip": [{"field": "month"}, {"field": "role_family"}, {"field": "openings_n"}],
        },
    }


def template(chart: ChartSpec) -> dict[str, Any]:
    """The chart's Vega-Lite spec without data (the dashboard fills ``rows``)."""
    if isinstance(chart, PairedChart):
        body = paired_spec(chart.note_header, chart.axis_label)
    elif isinstance(chart, StackedChart):
        body = stacked_spec()
    else:
        body = range_spec()
    return {
        "$schema": SCHEMA,
        "config": CONFIG,
        "data": {"name": DATA},
        **body,
        "description": chart.description,
    }


def spec(chart: ChartSpec, standalone: bool = True) -> dict[str, Any]:
    """The full Vega-Lite spec with the chart's rows inlined (and its title when standalone)."""
    out = template(chart)
    out["datasets"] = {DATA: rows(chart)}
    if standalone:
        out["title"] = {"text": chart.title, "subtitle": getattr(chart, "takeaway", "") or ""}
    return out


# ---------------------------------------------------------------- offline rendering (vl-convert)


def to_svg(chart: ChartSpec, standalone: bool = True) -> str:
    """SVG markup with an id, role="img", <title> and <desc> for the page and screen readers."""
    svg = vl_convert.vegalite_to_svg(spec(chart, standalone), vl_version=VL_VERSION)
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    name = chart.name
    head = (
        f'<title id="{name}-title">{escape(chart.title)}</title>'
        f'<desc id="{name}-desc">{escape(chart.description)}</desc>'
    )

    def opening(match: re.Match[str]) -> str:
        kept = re.sub(r' (class|role|aria-[a-z]+)="[^"]*"', "", match.group(1))
        standalone_attr = ' data-standalone="true"' if standalone else ""
        return (
            f'<svg{kept} id="chart-{name}" class="marks chart" role="img" '
            f'aria-labelledby="{name}-title {name}-desc"{standalone_attr}>{head}'
        )

    return re.sub(r"<svg\b([^>]*)>", opening, svg, count=1)


def to_png(chart: ChartSpec, scale: float = 2.0) -> bytes:
    return bytes(vl_convert.vegalite_to_png(spec(chart, True), vl_version=VL_VERSION, scale=scale))

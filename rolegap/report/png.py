"""PNG renderer (matplotlib, no pyplot state) for the same chart specs the SVG renderer draws."""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from rolegap.report import colors, fmt
from rolegap.report.spec import PairedChart, RangeChart, StackedChart

DPI = 150


def _save(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", bbox_inches="tight")
    return buf.getvalue()


def _style(ax) -> None:  # type: ignore[no-untyped-def]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=colors.MUTED, labelsize=9)


def paired(chart: PairedChart) -> bytes:
    groups = [g for g in chart.groups if g.rows]
    n_rows = sum(len(g.rows) for g in groups)
    fig = Figure(figsize=(9, 1.4 + 0.42 * max(n_rows, 1) + 0.35 * len(groups)))
    ax = fig.add_subplot()
    _style(ax)
    ax.set_title(chart.title, loc="left", fontsize=13, fontweight="bold", color=colors.TEXT)
    ticks, labels = [], []
    y = 0.0
    bar_h = 0.36
    top_values = [0.1]
    for gi, group in enumerate(groups):
        if gi > 0:
            ax.axhline(y + 0.3, color=colors.AXIS, linestyle="--", linewidth=1)
            y += 0.6
        if group.title:
            ax.text(
                0,
                y,
                group.title,
                fontsize=10,
                fontweight="bold",
                color=group.colors[2],
                va="center",
                transform=ax.get_yaxis_transform(),
            )
            y += 0.7
        for row in group.rows:
            for offset, est, role, fill in (
                (-bar_h / 2, row.ds, "data_scientist", group.colors[0]),
                (bar_h / 2, row.mle, "ml_engineer", group.colors[1]),
            ):
                yy = y + offset
                short = fmt.ROLE_SHORT[role]
                if est.value is None:
                    ax.text(
                        0.002,
                        yy,
                        f"{short} {fmt.NOT_PUBLISHED}",
                        va="center",
                        fontsize=8,
                        style="italic",
                        color=colors.MUTED,
                    )
                    continue
                ax.barh(
                    yy, est.value, height=bar_h * 0.92, color=fill, edgecolor=group.colors[2], linewidth=0.6
                )
                end = est.value
                if est.lower is not None and est.upper is not None:
                    ax.errorbar(
                        est.value,
                        yy,
                        xerr=[[est.value - est.lower], [est.upper - est.value]],
                        fmt="none",
                        ecolor=colors.TEXT,
                        elinewidth=1,
                        capsize=2.5,
                    )
                    end = max(end, est.upper)
                top_values.append(end)
                ax.text(
                    end + 0.006,
                    yy,
                    f"{short} {fmt.pct(est.value)}",
                    va="center",
                    fontsize=8,
                    color=colors.TEXT,
                )
            ticks.append(y)
            labels.append(row.label)
            ax.text(
                1.03,
                y,
                row.note,
                va="center",
                ha="left",
                fontsize=9,
                fontweight="bold",
                transform=ax.get_yaxis_transform(),
            )
            y += 1.0
    ax.set_yticks(ticks, labels, fontsize=9, color=colors.TEXT)
    ax.text(
        1.03,
        -0.6,
        chart.note_header,
        va="bottom",
        ha="left",
        fontsize=8,
        fontweight="bold",
        transform=ax.get_yaxis_transform(),
    )
    ax.set_ylim(y - 0.4, -0.6)
    ax.set_xlim(0, min(1.0, max(top_values) * 1.25 + 0.05))
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v * 100:.0f}%")
    ax.grid(axis="x", color=colors.GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(f"{chart.axis_label} (whiskers: 95% interval)", fontsize=9, color=colors.MUTED)
    return _save(fig)


def stacked(chart: StackedChart) -> bytes:
    fig = Figure(figsize=(9, 1.6 + 0.9 * max(len(chart.bars), 1)))
    ax = fig.add_subplot()
    _style(ax)
    ax.set_title(chart.title, loc="left", fontsize=13, fontweight="bold", color=colors.TEXT)
    for i, bar in enumerate(chart.bars):
        if not bar.is_published:
            ax.barh(i, 1.0, color=colors.NOT_PUBLISHED_FILL, edgecolor=colors.AXIS)
            ax.text(0.02, i, f"Shares {fmt.NOT_PUBLISHED}", va="center", style="italic", color=colors.MUTED)
            continue
        left = 0.0
        for seg, fill in zip(bar.segments, chart.colors, strict=True):
            w = seg.share or 0.0
            highlight = seg.key == chart.highlight
            ax.barh(
                i,
                w,
                left=left,
                color=fill,
                height=0.55,
                edgecolor=colors.TEXT if highlight else "white",
                linewidth=2.2 if highlight else 0.8,
                label=seg.label if i == 0 else None,
            )
            if w >= 0.05:
                ax.text(
                    left + w / 2,
                    i,
                    fmt.pct(w),
                    ha="center",
                    va="center",
                    fontsize=9,
                    fontweight="bold",
                    color=colors.text_on(fill),
                )
            if highlight:
                ax.text(
                    left + w / 2,
                    i + 0.42,
                    f"{seg.label} {fmt.pct(w)}",
                    ha="center",
                    va="center",
                    fontsize=9,
                    fontweight="bold",
                    color=colors.TEXT,
                )
            left += w
    ax.set_yticks(
        range(len(chart.bars)), [f"{b.label}\nn = {fmt.count(b.n)}" for b in chart.bars], fontsize=9
    )
    ax.set_ylim(len(chart.bars) - 0.4, -0.6)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v * 100:.0f}%")
    handles = [
        Patch(
            facecolor=fill,
            edgecolor=colors.TEXT,
            linewidth=2.2 if key == chart.highlight else 0.6,
            label=label,
        )
        for (key, label), fill in zip(chart.categories, chart.colors, strict=True)
    ]
    ax.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=max(len(handles), 1),
        fontsize=8,
        frameon=False,
    )
    ax.set_title(chart.title, loc="left", fontsize=13, fontweight="bold", color=colors.TEXT, pad=26)
    if chart.takeaway:
        ax.set_xlabel(chart.takeaway, fontsize=10, fontweight="bold", color=colors.TEXT)
    return _save(fig)


def ranges(chart: RangeChart) -> bytes:
    fig = Figure(figsize=(9, 1.6 + 0.9 * max(len(chart.bars), 1)))
    ax = fig.add_subplot()
    _style(ax)
    ax.set_title(chart.title, loc="left", fontsize=13, fontweight="bold", color=colors.TEXT)
    highs = [b.high for b in chart.bars if b.high is not None] or [300_000.0]
    for i, bar in enumerate(chart.bars):  # bottom to top
        if not bar.is_published or bar.low is None or bar.high is None:
            ax.text(
                0.02,
                i,
                f"Band {fmt.NOT_PUBLISHED}; n = {fmt.count(bar.n)}",
                va="center",
                style="italic",
                color=colors.MUTED,
                transform=ax.get_yaxis_transform(),
            )
            continue
        ax.barh(i, bar.high - bar.low, left=bar.low, height=0.38, color=bar.color)
        ax.text(
            (bar.low + bar.high) / 2,
            i + 0.3,
            fmt.usd_range(bar.low, bar.high),
            ha="center",
            va="bottom",
            fontsize=11,
            fontweight="bold",
            color=colors.TEXT,
        )
        if bar.mid is not None:
            ax.plot(
                [bar.mid], [i], marker="D", markersize=9, markerfacecolor="white", markeredgecolor=colors.TEXT
            )
            ax.text(
                bar.mid,
                i - 0.3,
                f"midpoint {fmt.usd_k(bar.mid)}",
                ha="center",
                va="top",
                fontsize=8,
                color=colors.MUTED,
            )
        ax.text(
            bar.high + 3000,
            i,
            f"n = {fmt.count(bar.n)}",
            va="center",
            fontsize=8,
            style="italic",
            color=colors.MUTED,
        )
    lows = [b.low for b in chart.bars if b.low is not None] or [0.0]
    ax.set_xlim(max(0.0, min(lows) - 30_000), max(highs) + 30_000)
    ax.set_ylim(-0.7, len(chart.bars) - 0.2)
    ax.set_yticks(range(len(chart.bars)), [b.label for b in chart.bars], fontsize=10, fontweight="bold")
    ax.xaxis.set_major_formatter(lambda v, _pos: fmt.usd_k(v))
    ax.grid(axis="x", color=colors.GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    xlabel = "Annual base salary, US markets (USD)"
    if chart.takeaway:
        xlabel += "\n" + chart.takeaway
    ax.set_xlabel(xlabel, fontsize=9, color=colors.TEXT)
    return _save(fig)

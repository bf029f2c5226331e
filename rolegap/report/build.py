"""`write_report`: read the marts read-only, render the charts (Vega-Lite -> SVG + PNG), write index.html
and dashboard.html."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from rolegap.report import dashboard, dashboard_data, figures, page, vega
from rolegap.report.data import ReportData, ReportError, load
from rolegap.report.spec import PairedChart, RangeChart, Rendered, StackedChart

__all__ = ["ReportError", "write_report"]

ChartSpec = PairedChart | StackedChart | RangeChart


def chart_specs(data: ReportData) -> list[ChartSpec]:
    return [
        figures.skills_chart(data),
        figures.llm_chart(data),
        figures.falls_away_chart(data),
        figures.seniority_chart(data),
        figures.industry_chart(data),
        figures.salary_chart(data),
    ]


def find_dq_status(out_dir: Path) -> page.DqStatus:
    """dq_status.json from ``out_dir/../reports/`` or ``out_dir/``; absent means the checks did not run."""
    for candidate in (out_dir.parent / "reports" / "dq_status.json", out_dir / "dq_status.json"):
        if not candidate.is_file():
            continue
        try:
            content = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return page.DqStatus(str(candidate), None, f"{type(exc).__name__}: {exc}")
        if not isinstance(content, dict):
            return page.DqStatus(
                str(candidate), None, "expected a JSON object with dbt and great_expectations keys"
            )
        return page.DqStatus(str(candidate), content)
    return page.DqStatus(None, None)


def _connect(db: Path) -> duckdb.DuckDBPyConnection:
    if not db.is_file():
        raise ReportError(
            f"warehouse {db} does not exist; build it first (make build). No report was written."
        )
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise ReportError(f"cannot open warehouse {db} read-only: {exc}. No report was written.") from exc


def write_report(db: Path, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` (self-contained, offline), ``out_dir/dashboard.html`` (interactive,
    offline) and ``out_dir/charts/<name>.svg|png``.

    Opens ``db`` read-only and reads only the ``marts`` schema. Returns the index path.
    Raises ReportError (nothing written) when the warehouse is missing or does not meet the marts contract.
    """
    db, out_dir = Path(db), Path(out_dir)
    con = _connect(db)
    try:
        data = load(con)
        dashboard_data.check_contract(con)
        window = dashboard_data.analysis_window(con)
        return _write(con, db, out_dir, data, window)
    finally:
        con.close()


def _write(
    con: duckdb.DuckDBPyConnection,
    db: Path,
    out_dir: Path,
    data: ReportData,
    window: dashboard_data.AnalysisWindow,
) -> Path:
    specs = chart_specs(data)
    charts_dir = out_dir / "charts"
    charts_dir.mkdir(parents=True, exist_ok=True)
    rendered: dict[str, Rendered] = {}
    for spec in specs:
        file_svg = vega.to_svg(spec, standalone=True)
        png_bytes = vega.to_png(spec)
        (charts_dir / f"{spec.name}.svg").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n' + file_svg + "\n", encoding="utf-8"
        )
        (charts_dir / f"{spec.name}.png").write_bytes(png_bytes)
        rendered[spec.name] = Rendered(spec.name, spec.title, vega.to_svg(spec, standalone=False), png_bytes)
    stat = db.stat()
    info = page.BuildInfo(
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        warehouse=str(db.resolve()),
        warehouse_modified_at=datetime.fromtimestamp(stat.st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC"),
        warehouse_bytes=stat.st_size,
        duckdb_version=duckdb.__version__,
    )
    html = page.render_page(
        data,
        rendered,
        {s.name: s for s in specs if not isinstance(s, RangeChart)},
        find_dq_status(out_dir),
        info,
        window.describe(),
    )
    dashboard.write_dashboard(con, data, out_dir, info.generated_at, info.warehouse)
    index = out_dir / "index.html"
    tmp = index.with_suffix(".html.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(index)
    return index

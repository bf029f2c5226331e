"""`write_dashboard`: reports/dashboard.html, one offline file (data, chart specs, vega bundles inline)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment
from markupsafe import Markup

from rolegap.report import colors, dashboard_data, figures, vega
from rolegap.report.data import ReportData, ReportError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Minified bundles from package-lock.json (npm ci in `make setup`), inlined in this order.
BUNDLES = ("vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js")


@dataclass(frozen=True)
class Figure:
    name: str
    title: str
    description: str
    testid: str


def node_modules() -> Path:
    return Path(os.environ.get("ROLEGAP_NODE_MODULES", PROJECT_ROOT / "node_modules"))


def _bundle(relative: str) -> Markup:
    path = node_modules() / relative
    if not path.is_file():
        raise ReportError(
            f"{path} is missing: install the locked browser libraries first (make setup runs npm ci). "
            "No dashboard was written."
        )
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"//# sourceMappingURL=\S+\s*$", "", text)
    return Markup(text.replace("</script", "<\\/script"))


def _json_for_script(value: Any) -> Markup:
    """JSON safe inside <script>: no "</script>", no HTML comment openers, no line separators."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return Markup(text)


def _palette() -> dict[str, Any]:
    ramp = list(colors.SENIORITY_RAMP)
    return {
        "OVERLAP": colors.OVERLAP,
        "BRIDGING": colors.BRIDGING,
        "FALLS_AWAY": colors.FALLS_AWAY,
        "NEUTRAL": colors.NEUTRAL,
        "SENIORITY_RAMP": ramp,
        "SALARY": colors.SALARY,
        "TEXT_ON": {fill: colors.text_on(fill) for fill in ramp},
    }


def chart_templates(data: ReportData) -> tuple[list[Figure], dict[str, Any]]:
    """The dashboard's figures and their Vega-Lite specs (the report's own, plus two trend charts)."""
    charts = [
        figures.skills_chart(data),
        figures.llm_chart(data),
        figures.falls_away_chart(data),
        figures.seniority_chart(data),
        figures.industry_chart(data),
        figures.salary_chart(data),
    ]
    testids = {
        "skills_gap": "skills-n",
        "llm_factor": "skills-n-llm",
        "falls_away": "skills-n-falls",
        "seniority_mix": "seniority-n",
        "industry_mix": "industry-n",
        "salary_bands": "salary-n",
    }
    figs = [Figure(c.name, c.title, c.description, testids[c.name]) for c in charts]
    specs = {c.name: vega.template(c) for c in charts}
    figs += [
        Figure(
            "skill_trends",
            "Skill trends by posting month",
            "Share of the view's openings posted each month that mention each chosen skill "
            "(choose them under Trend skills), with 95% intervals.",
            "trend-n",
        ),
        Figure(
            "volumes",
            "Openings posted per month",
            "In-scope openings posted per month, per role family.",
            "volume-n",
        ),
    ]
    specs["skill_trends"] = vega.trend_spec()
    specs["volumes"] = vega.volume_spec()
    return figs, specs


def render_dashboard(
    con: duckdb.DuckDBPyConnection, data: ReportData, generated_at: str, warehouse: str
) -> str:
    payload = dashboard_data.load(con)
    payload["palette"] = _palette()
    figs, specs = chart_templates(data)
    package = resources.files("rolegap.report")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(package.joinpath("dashboard.html.j2").read_text(encoding="utf-8"))
    # The same figure captions carry the n the script fills; the shared n elements of the LLM and
    # falls-away charts repeat the skills sample.
    return template.render(
        css=Markup(package.joinpath("dashboard.css").read_text(encoding="utf-8")),
        app_js=Markup(
            package.joinpath("dashboard.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
        ),
        bundles=[_bundle(b) for b in BUNDLES],
        data_json=_json_for_script(payload),
        specs_json=_json_for_script(specs),
        figures=figs,
        postings_n=f"{len(payload['postings']['posting_id']):,}",
        window_text=payload["window"]["text"],
        min_sample_n=payload["min_sample_n"],
        not_published=payload["not_published"],
        generated_at=generated_at,
        warehouse=warehouse,
        vl_version=vega.VL_VERSION,
    )


def write_dashboard(
    con: duckdb.DuckDBPyConnection, data: ReportData, out_dir: Path, generated_at: str, warehouse: str
) -> Path:
    html = render_dashboard(con, data, generated_at, warehouse)
    path = Path(out_dir) / "dashboard.html"
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path

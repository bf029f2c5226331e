"""Data Docs that open offline: GX pages load Bootstrap, jQuery, Vega and fonts from CDNs; point them
at local copies of the same libraries (installed from npm by `make setup`) under ``static/vendor/``.

GX has no setting for its asset URLs, so the built pages are rewritten once after each build.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VENDOR = Path("static") / "vendor"

# CDN URL (as GX 1.x writes it) -> file inside node_modules (package-lock.json pins the version).
CDN_FILES: dict[str, str] = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",  # noqa: E501 (a URL)
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap/dist/js/bootstrap.min.js",  # noqa: E501 (a URL)
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.js/dist/umd/popper.min.js",  # noqa: E501 (a URL)
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table/dist/bootstrap-table.min.css",  # noqa: E501 (a URL)
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table/dist/bootstrap-table.min.js",  # noqa: E501 (a URL)
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js": (  # noqa: E501 (a URL)
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css": (  # noqa: E501 (a URL)
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css": (  # noqa: E501 (a URL)
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        "bootstrap-datepicker/dist/css/bootstrap-datepicker.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        "bootstrap-datepicker/dist/js/bootstrap-datepicker.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
        "@fortawesome/fontawesome-free/css/all.min.css"
    ),
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": (
        "@forevolve/bootstrap-dark/dist/css/bootstrap-prefers-dark.css"
    ),
    # GX asks for Vega 5 / Vega-Lite 5 / vega-embed 6; the dashboard's newer builds read its v5 specs.
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/build/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite/build/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed/build/vega-embed.min.js",
}
# Whole folders a stylesheet refers to by relative URL (Font Awesome's webfonts).
CDN_DIRS = ("@fortawesome/fontawesome-free/webfonts",)
LOGO = re.compile(
    r"https://great-expectations-web-assets\.s3\.[a-z0-9-]+\.amazonaws\.com/logo-long\.png\?[^\"']*"
)
FAVICON = re.compile(r'href="(?:\.\./)*static/images/favicon\.ico"')
ASSET_TAG = re.compile(r"<(?:script|link)\b[^>]*>", re.I)
SRI_ATTRS = re.compile(r"""\s(?:integrity|crossorigin)(?:=(["'])[^"']*\1)?""", re.I)
URL_ATTR = re.compile(r"""(?P<attr>\b(?:src|href))=(?P<q>["'])(?P<url>https?://[^"']+)(?P=q)""")


class DocsAssetsError(Exception):
    """A library the Data Docs need is not installed (run make setup)."""


def node_modules() -> Path:
    return Path(os.environ.get("ROLEGAP_NODE_MODULES", PROJECT_ROOT / "node_modules"))


def vendor(docs_dir: Path) -> None:
    """Copy the local libraries into ``docs_dir/static/vendor`` (same relative layout as node_modules)."""
    source = node_modules()
    for relative in [*CDN_FILES.values()]:
        src = source / relative
        if not src.is_file():
            raise DocsAssetsError(f"{src} is missing: run make setup (npm ci) so Data Docs work offline")
        dest = docs_dir / VENDOR / relative
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    for relative in CDN_DIRS:
        shutil.copytree(source / relative, docs_dir / VENDOR / relative, dirs_exist_ok=True)


def localise_page(page: Path, docs_dir: Path) -> list[str]:
    """Rewrite one page's CDN references to relative local paths; returns URLs it left alone."""
    html = page.read_text(encoding="utf-8")
    up = os.path.relpath(docs_dir, page.parent).replace(os.sep, "/")
    prefix = f"{up}/" if up != "." else ""
    unknown: list[str] = []

    def swap(match: re.Match[str]) -> str:
        url = match.group("url")
        if url in CDN_FILES:
            local = f"{prefix}{VENDOR.as_posix()}/{CDN_FILES[url]}"
            return f"{match.group('attr')}={match.group('q')}{local}{match.group('q')}"
        return match.group(0)

    def retag(match: re.Match[str]) -> str:
        tag = match.group(0)
        if not any(url in tag for url in CDN_FILES):
            return tag
        # Subresource-integrity hashes name the CDN builds, and crossorigin fails on file://.
        tag = SRI_ATTRS.sub("", tag)
        return URL_ATTR.sub(swap, tag)

    html = LOGO.sub(f"{prefix}static/images/logo-long.png", html)
    # GX writes the favicon path one level short on validation pages: point it at the real file.
    html = FAVICON.sub(f'href="{prefix}static/images/favicon.ico"', html)
    html = ASSET_TAG.sub(retag, html)
    unknown += [m.group("url") for m in URL_ATTR.finditer(html) if m.group("attr") == "src"]
    page.write_text(html, encoding="utf-8")
    return unknown


def localise(docs_dir: Path) -> None:
    """Make every Data Docs page under ``docs_dir`` load only local files."""
    docs_dir = Path(docs_dir)
    vendor(docs_dir)
    unknown = sorted({url for page in docs_dir.rglob("*.html") for url in localise_page(page, docs_dir)})
    if unknown:
        raise DocsAssetsError(
            f"Data Docs under {docs_dir} load assets rolegap has no local copy of: {', '.join(unknown)}"
        )

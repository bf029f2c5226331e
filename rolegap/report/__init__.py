"""`rolegap report`: one self-contained HTML page (inline SVG charts) plus SVG/PNG chart files for slides.

Reads only the ``marts`` schema of the warehouse, opened read-only.
"""

from __future__ import annotations

from rolegap.report.build import ReportError, write_report

__all__ = ["ReportError", "write_report"]

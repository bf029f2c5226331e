"""Palettes and WCAG contrast helpers, so text drawn on a fill stays readable."""

from __future__ import annotations

TEXT = "#1a1a1a"
MUTED = "#555555"  # 7.5:1 on white
GRID = "#d9d9d9"
AXIS = "#767676"  # 4.5:1 on white
NOT_PUBLISHED_FILL = "#f0f0f0"

# Skill groups: (DS fill, MLE fill, outline/text shade).
# Blue vs orange stays distinct for colour-blind readers.
OVERLAP = ("#9dc3e6", "#1f5fa8", "#17477e")
BRIDGING = ("#f7c08a", "#b35806", "#8a4305")
FALLS_AWAY = ("#c2a5cf", "#6a3d9a", "#4d2c70")
NEUTRAL = ("#a6cee3", "#2c6e8f", "#1d4a60")

# Seniority: light (junior) to dark (director_plus), ColorBrewer Purples.
SENIORITY_RAMP = ("#efedf5", "#cbc9e2", "#9e9ac8", "#6a51a3", "#3f007d")

# Salary bands per role family.
SALARY = {"data_scientist": "#7fa7d3", "ml_engineer": "#1f5fa8"}

PASS = "#1b7a36"
FAIL = "#b3261e"


def _channel(c: int) -> float:
    v = c / 255
    return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: str) -> str:
    """Near-black or white, whichever contrasts more with ``fill``."""
    return TEXT if contrast(TEXT, fill) >= contrast("#ffffff", fill) else "#ffffff"

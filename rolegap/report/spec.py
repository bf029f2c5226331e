"""Renderer-neutral chart specs: the SVG (page) and PNG (slides) renderers draw the same objects."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Estimate:
    """A share 0..1 with its 95% interval; ``value`` None means not published (n below the minimum)."""

    value: float | None
    lower: float | None = None
    upper: float | None = None
    n: int | None = None


@dataclass(frozen=True)
class PairedRow:
    label: str
    ds: Estimate
    mle: Estimate
    note: str = ""  # right-hand annotation, e.g. "+31 pts"


@dataclass(frozen=True)
class PairedGroup:
    title: str
    colors: tuple[str, str, str]  # DS fill, MLE fill, dark shade for outlines and headings
    rows: list[PairedRow]


@dataclass(frozen=True)
class PairedChart:
    """Paired horizontal bars (DS, MLE) per row with 95% whiskers; groups separated by a rule."""

    name: str
    title: str
    description: str
    groups: list[PairedGroup]
    note_header: str = "MLE − DS"
    axis_label: str = "Share of roles mentioning the skill"


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    share: float | None
    openings_n: int


@dataclass(frozen=True)
class StackedBar:
    label: str
    n: int
    segments: list[Segment]

    @property
    def is_published(self) -> bool:
        return all(s.share is not None for s in self.segments) and bool(self.segments)


@dataclass(frozen=True)
class StackedChart:
    """Horizontal 100% stacked bars, one per role family, segments in a light-to-dark ramp."""

    name: str
    title: str
    description: str
    categories: list[tuple[str, str]]  # (key, label) in stacking order
    colors: tuple[str, ...]
    bars: list[StackedBar]
    highlight: str  # category key outlined and annotated
    takeaway: str = ""


@dataclass(frozen=True)
class RangeBar:
    label: str
    low: float | None
    high: float | None
    mid: float | None
    n: int
    color: str

    @property
    def is_published(self) -> bool:
        return self.low is not None and self.high is not None


@dataclass(frozen=True)
class RangeChart:
    """Range bars low..high with the midpoint marked; ``bars`` listed bottom to top."""

    name: str
    title: str
    description: str
    bars: list[RangeBar]
    takeaway: str = ""
    n_label: str = "roles"


@dataclass(frozen=True)
class Rendered:
    """One chart in both formats."""

    name: str
    title: str
    svg: str
    png: bytes = field(repr=False, default=b"")

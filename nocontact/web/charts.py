"""Small, dependency-free SVG charts, drawn on the server.

Strict CSP: no ``style`` attribute, no ``<style>`` or ``<script>``. Shapes carry
presentation attributes and classes; colours come from ``insights.css`` (CSS
custom properties, so light and dark follow the system). Every chart has a
``<title>`` and ``<desc>`` and is labelled by them; the template puts a table
with the same numbers behind it. A 320-unit wide ``viewBox`` draws at about
0.9:1 in a card on a 360-pixel phone, so the 12-unit text stays readable there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape  # the standard library's: much faster per cell than Django's
from math import ceil

from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
FONT = 12
BAR_HEIGHT = 150  # the plot area of bar and line charts
LEFT = 30  # room for the y-axis labels
TOP = 16
BOTTOM = 20  # room for the x-axis labels


@dataclass(frozen=True)
class Chart:
    """One chart: its SVG, and the table and notes that say the same in words."""

    key: str
    title: str
    description: str
    svg: SafeString
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    notes: Sequence[str] = ()
    legend: Sequence[tuple[str, str]] = field(default=())  # (css class, label)

    @property
    def table(self) -> SafeString:
        """The same numbers as a table: a header per column, the first cell of a row
        its header. Built here rather than in a template loop: hundreds of cells."""
        head = "".join(f'<th scope="col">{escape(column)}</th>' for column in self.columns)
        body = "".join(
            f'<tr><th scope="row">{escape(row[0])}</th>'
            + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
            + "</tr>"
            for row in self.rows
        )
        return mark_safe(  # noqa: S308  (every text is escaped)
            f'<table><caption class="visually-hidden">{escape(self.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def _n(value: float) -> str:
    """Coordinates with at most one decimal: small markup, exact enough."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text(x: float, y: float, label: str, anchor: str = "middle", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{klass}>{escape(label)}</text>'


def svg(key: str, height: float, title: str, description: str, body: Sequence[str]) -> SafeString:
    """The ``<svg>`` element: named by its title, described by its description."""
    head = (
        f'<svg class="chart-svg" viewBox="0 0 {WIDTH} {_n(height)}" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" font-size="{FONT}">'
        f'<title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(description)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308  (every text is escaped)


def grid(
    key: str,
    title: str,
    description: str,
    cells: Sequence[Sequence[str | None]],
    row_labels: Sequence[str],
    column_labels: Sequence[tuple[int, str]],
    label_width: float = LEFT,
) -> SafeString:
    """A grid of squares, ``cells[row][column]`` a css class (``None``: no square).

    Column labels are (column, text) pairs, drawn above the grid.
    """
    columns = max((len(row) for row in cells), default=0)
    size = (WIDTH - label_width) / max(columns, 1)
    gap = 1.5 if size > 6 else 1
    body = [text(label_width + c * size, TOP - 5, label, "start") for c, label in column_labels]
    for r, row in enumerate(cells):
        y = TOP + r * size
        if row_labels[r]:
            body.append(text(label_width - 4, y + size - 2, row_labels[r], "end"))
        for c, cls in enumerate(row):
            if cls is None:
                continue
            x = label_width + c * size
            body.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(size - gap)}" '
                f'height="{_n(size - gap)}" rx="2" class="{cls}"/>'
            )
    return svg(key, TOP + len(cells) * size + 4, title, description, body)


def _x_labels(labels: Sequence[str], step_width: float, every: int) -> list[str]:
    """Every ``every``-th label, counted back from the last (this week)."""
    last = len(labels) - 1
    return [
        text(LEFT + (i + 0.5) * step_width, TOP + BAR_HEIGHT + 14, label)
        for i, label in enumerate(labels)
        if (last - i) % every == 0
    ]


def _y_axis(
    ticks: Sequence[tuple[float, str]], low: float, high: float, right: bool = False
) -> list[str]:
    body = []
    for value, label in ticks:
        y = TOP + BAR_HEIGHT * (1 - (value - low) / (high - low))
        if not right:
            body.append(
                f'<line x1="{LEFT}" x2="{WIDTH}" y1="{_n(y)}" y2="{_n(y)}" class="chart-grid"/>'
            )
            body.append(text(LEFT - 4, y + 4, label, "end"))
        else:
            body.append(text(WIDTH - 2, y - 3, label, "end", "chart-line-label"))
    return body


def bars(
    key: str,
    title: str,
    description: str,
    values: Sequence[float],
    labels: Sequence[str],
    *,
    top: float | None = None,
    overlay: Sequence[float | None] | None = None,
    overlay_top: float = 10,
    every: int = 3,
) -> SafeString:
    """Vertical bars, one per label; an optional line on its own 0-``overlay_top`` scale."""
    high = float(ceil(top if top is not None else max([1.0, *values])))
    if top is None and high % 2:
        high += 1  # a whole number in the middle of the axis
    step = (WIDTH - LEFT) / max(len(values), 1)
    ticks = [(0.0, "0"), (high, _n(high))]
    if high % 2 == 0:
        ticks.insert(1, (high / 2, _n(high / 2)))
    body = _y_axis(ticks, 0, high)
    for i, value in enumerate(values):
        height = BAR_HEIGHT * value / high
        x = LEFT + i * step + step * 0.15
        body.append(
            f'<rect x="{_n(x)}" y="{_n(TOP + BAR_HEIGHT - height)}" width="{_n(step * 0.7)}" '
            f'height="{_n(height)}" class="chart-bar"/>'
        )
    if overlay is not None:
        body += _line_marks(overlay, 0, overlay_top, step, "chart-line chart-line-overlay")
        body += _y_axis([(overlay_top, f"{overlay_top:g}")], 0, overlay_top, right=True)
    body += _x_labels(labels, step, every)
    return svg(key, TOP + BAR_HEIGHT + BOTTOM, title, description, body)


def _line_marks(
    values: Sequence[float | None], low: float, high: float, step: float, cls: str
) -> list[str]:
    """A line through the values (gaps where there is none), a dot on each."""
    points = [
        (LEFT + (i + 0.5) * step, TOP + BAR_HEIGHT * (1 - (v - low) / (high - low)))
        for i, v in enumerate(values)
        if v is not None
    ]
    if not points:
        return []
    path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    body = [f'<polyline points="{path}" class="{cls}"/>']
    body += [
        f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" class="{cls} chart-dot"/>' for x, y in points
    ]
    return body


def line(
    key: str,
    title: str,
    description: str,
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    low: float,
    high: float,
    ticks: Sequence[tuple[float, str]],
    every: int = 3,
) -> SafeString:
    """A line over weeks on a fixed scale (mood 1-5 stays 1-5, whatever the data)."""
    step = (WIDTH - LEFT) / max(len(values), 1)
    body = _y_axis(ticks, low, high)
    body += _line_marks(values, low, high, step, "chart-line")
    body += _x_labels(labels, step, every)
    return svg(key, TOP + BAR_HEIGHT + BOTTOM, title, description, body)


def hbars(key: str, title: str, description: str, values: Sequence[tuple[str, int]]) -> SafeString:
    """Horizontal bars, largest first: a name on the left, its count on the right."""
    label_width, row = 118, 24
    high = max((v for _, v in values), default=1) or 1
    room = WIDTH - label_width - 30
    body = []
    for i, (name, value) in enumerate(values):
        y = 4 + i * row
        short = name if len(name) <= 15 else name[:14] + "…"
        body.append(text(label_width - 6, y + 15, short, "end"))
        width = max(2.0, room * value / high)
        body.append(
            f'<rect x="{label_width}" y="{_n(y + 4)}" width="{_n(width)}" height="14" '
            f'rx="2" class="chart-bar"/>'
        )
        body.append(text(label_width + width + 5, y + 15, str(value), "start"))
    return svg(key, 8 + len(values) * row, title, description, body)

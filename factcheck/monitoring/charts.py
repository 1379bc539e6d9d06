"""Server-rendered SVG bar charts: geometry computed here, drawn by templates/monitoring/_chart.svg.

No JavaScript and no inline styles (the CSP forbids them): positions are SVG attributes, colours
come from classes in static/css/monitoring.css.
"""

import math
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format

WIDTH, HEIGHT = 640, 160
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 10, 22


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass
class Chart:
    title: str
    unit: str
    legend: list  # [(css class, label, total)]
    bars: list = field(default_factory=list)
    gridlines: list = field(default_factory=list)  # [(y, label)]
    ticks: list = field(default_factory=list)  # [(x, label)]
    width: int = WIDTH
    height: int = HEIGHT
    empty: bool = True

    @property
    def plot_bottom(self):
        return self.height - BOTTOM

    @property
    def plot_left(self):
        return LEFT

    @property
    def plot_right(self):
        return self.width - RIGHT


def nice_max(value):
    """A round upper bound for the y axis (1, 2, 5, 10, 20, …)."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        bound = step * 10 ** exponent
        if bound >= value:
            return bound
    return 10 ** (exponent + 1)


def _fmt(value):
    return f"{value:g}" if value < 10 else f"{value:.0f}"


def bar_chart(title, unit, starts, series, step_minutes):
    """Stacked bars, one stack per bucket; `series` are stats.Series in stacking order."""
    legend = [(f"series-{s.key}", s.label, s.total) for s in series]
    chart = Chart(title=title, unit=unit, legend=legend)
    n = len(starts)
    if not n:
        return chart
    stacked = [sum(s.rates[i] for s in series) for i in range(n)]
    top = nice_max(max(stacked))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    bar_w = max(slot * 0.8, 1.0)
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        chart.gridlines.append((round(y, 1), _fmt(top * fraction)))
    tz = timezone.get_current_timezone()
    label_every = max(1, n // 6)
    for i, start in enumerate(starts):
        if i % label_every == 0:
            chart.ticks.append((round(LEFT + slot * i, 1),
                                date_format(start.astimezone(tz), "H:i")))
        base = TOP + plot_h
        for s in series:
            rate = s.rates[i]
            if rate <= 0:
                continue
            h = plot_h * rate / top
            base -= h
            chart.bars.append(Bar(
                x=round(LEFT + slot * i + (slot - bar_w) / 2, 2), y=round(base, 2),
                width=round(bar_w, 2), height=round(max(h, 0.5), 2), css=f"series-{s.key}",
                title=f"{date_format(start.astimezone(tz), 'H:i')} · {s.label}: "
                      f"{s.counts[i]} ({_fmt(rate)}/min)" if step_minutes > 1 else
                      f"{date_format(start.astimezone(tz), 'H:i')} · {s.label}: {s.counts[i]}",
            ))
            chart.empty = False
    return chart

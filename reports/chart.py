"""The chart of new flags per week (stacked by severity), as PNG bytes."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from reports.figures import WeekBar
from reports.labels import SEVERITY_ORDER, severity

COLOURS = {"error": "#c0392b", "warning": "#e6a23c", "review": "#5b8def", "info": "#9aa5b1"}


def flags_chart_png(bars: list[WeekBar]) -> bytes:
    """A bar per ISO week, oldest left; a Figure (not pyplot) so threads do not share state."""
    fig = Figure(figsize=(7.2, 2.8), dpi=100)
    ax = fig.subplots()
    labels = [f"v{b.week.week}" for b in bars]
    bottom = [0] * len(bars)
    for sev in SEVERITY_ORDER:
        heights = [b.by_severity.get(sev, 0) for b in bars]
        if any(heights):
            ax.bar(labels, heights, bottom=bottom, color=COLOURS[sev], label=severity(sev),
                   width=0.7)
            bottom = [x + h for x, h in zip(bottom, heights)]
    for x, total in enumerate(bottom):
        if total:
            ax.annotate(str(total), (x, total), ha="center", va="bottom", fontsize=8)
    ax.set_title("Nya avvikelser per vecka", fontsize=10, loc="left")
    ax.set_ylim(0, max([*bottom, 1]) * 1.2)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    if any(bottom):
        ax.legend(fontsize=8, frameon=False, loc="upper left", ncols=4)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()

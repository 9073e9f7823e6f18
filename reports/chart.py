"""The chart of flags on each week's arrivals (stacked by severity), as PNG bytes."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from reports.figures import WeekBar
from reports.labels import SEVERITY_ORDER, severity

COLOURS = {"error": "#c0392b", "warning": "#e6a23c", "review": "#5b8def", "info": "#9aa5b1"}
TITLE = "Avvikelser på handlingar som kom in, per vecka"


def empty_text(bars: list[WeekBar]) -> str:
    """What the chart says when it has nothing to show."""
    first, last = bars[0].week, bars[-1].week
    return (f"Inga avvikelser på handlingar som kom in vecka {first.week} {first.year} – "
            f"vecka {last.week} {last.year}")


def week_label(bar: WeekBar, previous: WeekBar | None) -> str:
    """"v14"; the year under the first week and where a new year starts."""
    if previous is None or previous.week.year != bar.week.year:
        return f"v{bar.week.week}\n{bar.week.year}"
    return f"v{bar.week.week}"


def flags_chart_png(bars: list[WeekBar]) -> bytes:
    """A bar per ISO week of arrival, oldest left; a Figure (not pyplot) so threads do not
    share state. With nothing to show, the chart says so in words instead of empty axes."""
    fig = Figure(figsize=(7.2, 2.8), dpi=100)
    ax = fig.subplots()
    ax.set_title(TITLE, fontsize=10, loc="left")
    totals = [b.total for b in bars]
    if not any(totals):
        ax.axis("off")
        ax.text(0.5, 0.5, empty_text(bars), ha="center", va="center", fontsize=10,
                color="#334e68", transform=ax.transAxes)
    else:
        labels = [week_label(b, bars[i - 1] if i else None) for i, b in enumerate(bars)]
        positions = list(range(len(bars)))
        bottom = [0] * len(bars)
        others = sorted({s for b in bars for s in b.by_severity} - set(SEVERITY_ORDER))
        for sev in (*SEVERITY_ORDER, *others):
            heights = [b.by_severity.get(sev, 0) for b in bars]
            if any(heights):
                ax.bar(positions, heights, bottom=bottom, color=COLOURS.get(sev, "#9aa5b1"),
                       label=severity(sev), width=0.7)
                bottom = [x + h for x, h in zip(bottom, heights, strict=True)]
        for x, total in enumerate(totals):
            if total:
                ax.annotate(str(total), (x, total), ha="center", va="bottom", fontsize=8)
        ax.set_xticks(positions, labels)
        ax.set_xlabel("Vecka då handlingen kom in", fontsize=8)
        ax.set_ylabel("Avvikelser", fontsize=8)
        ax.set_ylim(0, max(totals) * 1.25)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        ax.legend(fontsize=8, frameon=False, loc="upper left", ncols=4)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()

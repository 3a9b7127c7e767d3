"""Small server-side SVG charts, readable without JavaScript.

Charts use presentation attributes only (no inline style, no script), so they
pass the strict CSP and can be embedded inline or served as image/svg+xml.
Every chart carries a <title> and <desc>; templates should also offer the
numbers as a table for screen readers and for people who prefer to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#1f5f8b", "#c2571a", "#3b7d3b", "#7a4ea3", "#a33b5b", "#5f6b73")


@dataclass
class Bar:
    label: str
    value: float
    low: float | None = None  # optional CI bounds, drawn as a whisker
    high: float | None = None
    note: str = ""


def _fmt(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.2f}"


def hbar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    max_value: float | None = None,
    value_format=_fmt,
) -> str:
    """Horizontal bars with optional confidence whiskers."""
    row, label_w, pad = 26, 200, 8
    height = pad * 2 + 24 + row * max(len(bars), 1)
    top = max(
        [max_value or 0.0]
        + [b.value for b in bars]
        + [b.high for b in bars if b.high is not None]
        + [1e-9]
    )
    plot_w = width - label_w - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="t d" class="chart" font-family="sans-serif" '
        # The geometry is laid out left to right; on a right-to-left page the
        # inherited direction would flip every text anchor onto the bars.
        f'font-size="12" direction="ltr">',
        f'<title id="t">{escape(title)}</title><desc id="d">{escape(description or title)}</desc>',
        f'<text x="{pad}" y="{pad + 12}" font-weight="bold" fill="#222">{escape(title)}</text>',
    ]
    for i, bar in enumerate(bars):
        y = pad + 24 + i * row
        w = max(0.0, bar.value) / top * plot_w
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" fill="#222">'
            f"{escape(bar.label[:32])}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
            f'fill="{PALETTE[0]}"><title>{escape(bar.label)}: {value_format(bar.value)}</title></rect>'
        )
        if bar.low is not None and bar.high is not None:
            x1 = label_w + max(0.0, bar.low) / top * plot_w
            x2 = label_w + max(0.0, bar.high) / top * plot_w
            ym = y + row / 2 - 1
            parts.append(
                f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{ym}" y2="{ym}" stroke="#111" '
                f'stroke-width="1.5"/>'
                f'<line x1="{x1:.1f}" x2="{x1:.1f}" y1="{ym - 5}" y2="{ym + 5}" stroke="#111"/>'
                f'<line x1="{x2:.1f}" x2="{x2:.1f}" y1="{ym - 5}" y2="{ym + 5}" stroke="#111"/>'
            )
        text = value_format(bar.value) + (f" {bar.note}" if bar.note else "")
        # The label goes after whichever ends last, the bar or its CI whisker.
        end = w
        if bar.high is not None:
            end = max(end, max(0.0, bar.high) / top * plot_w)
        parts.append(
            f'<text x="{label_w + end + 6:.1f}" y="{y + 15}" fill="#222">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    series: dict[str, Sequence[tuple[str, float | None]]],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    height: int = 260,
    marker: str | None = None,
) -> str:
    """Lines over shared x labels; ``None`` values leave a gap. ``marker`` draws a
    vertical rule at that x label (e.g. a campaign start)."""
    pad_l, pad_r, pad_t, pad_b = 56, 120, 30, 30
    labels: list[str] = []
    for points in series.values():
        for x, _ in points:
            if x not in labels:
                labels.append(x)
    values = [v for pts in series.values() for _, v in pts if v is not None]
    vmax = max([*values, 1e-9])
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b

    def px(label: str) -> float:
        i = labels.index(label)
        return pad_l + (plot_w * i / max(len(labels) - 1, 1))

    def py(value: float) -> float:
        return pad_t + plot_h - (value / vmax) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="lt ld" class="chart" font-family="sans-serif" font-size="12" '
        # The geometry is laid out left to right; on a right-to-left page the
        # inherited direction would flip every text anchor onto the bars.
        'direction="ltr">',
        f'<title id="lt">{escape(title)}</title><desc id="ld">{escape(description or title)}</desc>',
        f'<text x="{pad_l}" y="16" font-weight="bold" fill="#222">{escape(title)}</text>',
        f'<line x1="{pad_l}" x2="{pad_l}" y1="{pad_t}" y2="{pad_t + plot_h}" stroke="#888"/>',
        f'<line x1="{pad_l}" x2="{pad_l + plot_w}" y1="{pad_t + plot_h}" y2="{pad_t + plot_h}" '
        f'stroke="#888"/>',
        f'<text x="{pad_l - 6}" y="{pad_t + 4}" text-anchor="end" fill="#444">{_fmt(vmax)}</text>',
        f'<text x="{pad_l - 6}" y="{pad_t + plot_h}" text-anchor="end" fill="#444">0</text>',
    ]
    for label in labels:
        parts.append(
            f'<text x="{px(label):.1f}" y="{height - 10}" text-anchor="middle" fill="#444">'
            f"{escape(label)}</text>"
        )
    if marker is not None and marker in labels:
        mark_x = px(marker)
        parts.append(
            f'<line x1="{mark_x:.1f}" x2="{mark_x:.1f}" y1="{pad_t}" y2="{pad_t + plot_h}" stroke="#c2571a" '
            f'stroke-dasharray="4 3"/>'
        )
    for i, (name, points) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        segment: list[str] = []
        last = None
        for x, v in points:
            if v is None:
                if len(segment) > 1:
                    parts.append(
                        f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                        f'points="{" ".join(segment)}"/>'
                    )
                segment = []
                continue
            segment.append(f"{px(x):.1f},{py(v):.1f}")
            parts.append(
                f'<circle cx="{px(x):.1f}" cy="{py(v):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)} {escape(x)}: {_fmt(v)}</title></circle>"
            )
            last = (px(x), py(v))
        if len(segment) > 1:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                f'points="{" ".join(segment)}"/>'
            )
        if last is not None:
            parts.append(
                f'<text x="{last[0] + 6:.1f}" y="{last[1] + 4:.1f}" fill="{colour}">'
                f"{escape(name[:18])}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)

"""Plotly figures for the pages and the exports, Vietnamese in every title, tick and hover text.

Builders take the few hundred rows a query returned and never touch the database."""
import functools
import html
import re

import plotly.graph_objects as go
import plotly.io as pio

from analytics.images import WIDTH
from analytics.labels import (MEASURES, RATES, REPORT_STATUS, rate_status, rate_status_colour, rate_status_label,
                              ratio_text, row_ratio, shorten)
from analytics.memo import Memo
from common.formats import format_count, format_percent

FONT = "DejaVu Sans, Arial, sans-serif"
ROW_PX = 26          # height per unit on a horizontal axis, so 60 units never overlap
# No toolbar image button: images come from the download buttons under each chart, made on the server at print
# size and recorded in the audit trail; a toolbar image would leave the browser unseen.
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["zoom", "pan", "select", "lasso2d", "zoomIn",
                                                           "zoomOut", "autoScale", "resetScale", "toImage"]}


# plotly_white as far as these charts use it: its layout and its bar, scatter and heat map defaults. With every
# trace type's defaults, plotly took 15 ms to check the template of each new figure, and as long again to copy it.
_WHITE = pio.templates["plotly_white"]
pio.templates["dashboard"] = go.layout.Template(layout=_WHITE.layout,
                                                data={kind: _WHITE.data[kind] for kind in ("bar", "scatter", "heatmap")})

# Figures already built, by their arguments: plotly's validation makes one chart cost 60 ms, paid on every script
# run of every session; the same figures for the same rows come back at once, never changed afterwards.
_BUILT = Memo()
_SCREENS = Memo()   # by id(figure), with the figure kept so that the id stays its own


def _remembered(builder):
    @functools.wraps(builder)
    def remembered(*args, **kwargs):
        return _BUILT.get(repr((builder.__name__, args, sorted(kwargs.items()))), lambda: builder(*args, **kwargs))
    return remembered


def plain(text: str) -> str:
    """A name as plotly shows it, as itself: plotly reads <a href>, <b>, entities in any label, and %{…} in hover
    templates, so a unit or file name could otherwise become a link or a placeholder."""
    return html.escape(str(text), quote=False).replace("%", "&#37;")


def wrap(text: str, width: int = 16, lines: int = 3) -> str:
    """Axis labels on several short lines instead of rotated or cut; the text is escaped (`plain`)."""
    parts, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            parts.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    parts.append(line)
    return "<br>".join(plain(part) for part in parts[:lines]) + ("…" if len(parts) > lines else "")


def _layout(fig: go.Figure, title: str, height: int, bottom: int = 40) -> go.Figure:
    fig.update_layout(
        title={"text": plain(title), "x": 0, "xanchor": "left", "font": {"size": 16}, "yref": "container", "y": 0.99,
               "yanchor": "top", "pad": {"t": 8, "l": 12}},
        template="dashboard", separators=",.", font={"family": FONT, "size": 13}, height=height,
        margin={"l": 10, "r": 30, "t": 60, "b": bottom},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left", "title": None},
        hoverlabel={"font": {"family": FONT}},
    )
    return fig


# Under the bars, room for a percent axis's ticks and title: plotly's automargin gives them 53 px; 55 are set once.
# With automargin plotly draws a chart, measures it and draws it again: for a hundred bars, 50 ms of each click.
PERCENT_AXIS_PX = 55


def _target_line(fig: go.Figure, target: float) -> None:
    """The dashed line at the target, top to bottom (what add_vline draws, in a quarter of its time)."""
    fig.add_shape(type="line", x0=target * 100, x1=target * 100, xref="x", y0=0, y1=1, yref="y domain",
                  line={"dash": "dash", "color": "#37474f"})


def _percent_axis(axis: dict, top: float) -> dict:
    return axis | {"ticksuffix": " %", "tickformat": ",.0f", "range": [0, max(105.0, top + 5)], "automargin": False}


@_remembered
def completion_bars(rows: list[dict], rate: str, target: float, title: str) -> go.Figure:
    """Horizontal bars, lowest rate on top, a dashed line at the target; a bar's colour says whether that rate
    reaches the line. A unit without a report has no bar, only the word for why (overdue or not yet due); a
    unit with some reports still to come says how many it has sent under its name. Each point's customdata
    starts with the unit's name, which a click hands back."""
    done_key, total_key, noun = RATES[rate]
    order = sorted(range(len(rows)), key=lambda i: (rows[i][rate] is not None, rows[i][rate] or 0), reverse=True)
    place = {row: position for position, row in enumerate(order)}      # 0 is the top bar
    statuses = [rate_status(row, rate, target) for row in rows]
    texts = [_name_lines(row) for row in rows]
    fig = go.Figure()
    for status in ("reached", "short", "no_figures", "missing", "pending"):
        picked = [i for i in order if statuses[i] == status]
        if not picked:
            continue
        label = rate_status_label(status, target)
        fig.add_bar(
            orientation="h", name=label, marker_color=rate_status_colour(status),
            y=[place[i] for i in picked], x=[(rows[i][rate] or 0) * 100 for i in picked],
            text=[format_percent(rows[i][rate]) or label.lower() for i in picked],
            textposition=["inside" if (rows[i][rate] or 0) > 0.2 else "outside" for i in picked],
            customdata=[[rows[i]["group"], format_percent(rows[i][rate]) or "—",
                         row_ratio(rows[i], done_key, total_key),
                         ratio_text(rows[i]["reports_received"], rows[i]["reports_expected"]), label,
                         plain(rows[i]["group"])] for i in picked],
            hovertemplate=("<b>%{customdata[5]}</b><br>" + MEASURES[rate][0] + ": %{customdata[1]}<br>"
                           f"Số {noun}: %{{customdata[2]}}<br>Báo cáo đã nhận: %{{customdata[3]}}<br>"
                           "%{customdata[4]}<extra></extra>"),
            **_BAR_TEXT,
        )
    _names_above_bars(fig, [texts[i] for i in order], [rows[i]["group"] for i in order])
    top = max([(r[rate] or 0) * 100 for r in rows], default=100)
    _target_line(fig, target)
    fig.update_layout(xaxis=_percent_axis({"title": f"Đường gạch: chỉ tiêu {format_percent(target)}"}, top),
                      barmode="overlay", showlegend=True)   # the legend explains the colour
    return _layout(fig, title, 110 + _rows_height(texts), bottom=PERCENT_AXIS_PX)


_BAR_TEXT = {"insidetextanchor": "middle", "textfont": {"color": "white"}, "outsidetextfont": {"color": "#37474f"},
             "cliponaxis": False}
NAME_WIDTH = 48      # characters of a name on one line above its bar: fits a phone's 390 px
BAR_PX = ROW_PX * 0.75


def _name_lines(row: dict) -> str:
    """The text above a bar: the name wrapped for a phone, the reports it stands on in grey under it."""
    text = wrap(row["group"], NAME_WIDTH, lines=3)
    if row.get("reports_received") and row["reports_received"] < row.get("reports_expected", 0):
        text += (f"<br><span style='color:#607d8b;font-size:11px'>đã nhận {format_count(row['reports_received'])}/"
                 f"{format_count(row['reports_expected'])} báo cáo</span>")
    return text


def _rows_height(texts: list[str]) -> int:
    lines = max([t.count("<br>") + 1 for t in texts], default=1)
    return len(texts) * (ROW_PX + 15 * lines)


def _names_above_bars(fig: go.Figure, texts: list[str], names: list[str]) -> None:
    """Names written over their bars instead of beside them, so that on a phone the bars keep the width. The
    bars stand at 0, 1, 2… from the top; the names are one text trace (a hundred annotations take plotly
    seconds to draw), anchored just above each bar."""
    lines = max([t.count("<br>") + 1 for t in texts], default=1)
    band = ROW_PX + 15 * lines                       # pixels per bar and its name
    thickness = BAR_PX / band                        # the bar, in the axis's units
    room = (15 * lines + 6) / band                   # above the first bar, for its name, under the legend
    fig.update_traces(width=thickness, selector={"type": "bar"})
    fig.add_scatter(x=[0] * len(texts), y=[position - thickness / 2 for position in range(len(texts))],
                    mode="text", text=texts, textposition="top right", textfont={"size": 12, "color": "#263238"},
                    customdata=[[name] for name in names], hoverinfo="skip", showlegend=False, cliponaxis=False)
    fig.update_layout(yaxis={"range": [len(texts) - 0.5, -0.5 - room], "showticklabels": False, "showgrid": False,
                             "zeroline": False, "type": "linear", "automargin": False})


@_remembered
def trend_lines(parent_name: str, period_rows: list[dict], child_rows: list[dict], rate: str,
                target: float, title: str, max_children: int = 10) -> go.Figure:
    """The selected unit as a thick line over occasions; its children thin, the lowest few when there are many.

    An occasion still open (some reports not yet due) is named so on the axis with the reports in, and its points
    are hollow: its rate stands on part of the units only."""
    periods = [r["group"] for r in period_rows]
    axis = [open_occasion_label(r) for r in period_rows]
    hollow = ["circle-open" if r.get("reports_pending") else "circle" for r in period_rows]
    fig = go.Figure()
    by_child: dict[str, dict[str, float | None]] = {}
    for row in child_rows:
        by_child.setdefault(row["group"], {})[row["group2"]] = row[rate]
    last = periods[-1] if periods else None
    children = sorted(by_child, key=lambda name: by_child[name].get(last) or 0)[:max_children]
    for name in children:
        values = [by_child[name].get(p) for p in periods]
        fig.add_scatter(x=axis, y=[v * 100 if v is not None else None for v in values], name=plain(shorten(name, 28)),
                        mode="lines+markers", line={"width": 1}, opacity=0.7, marker={"symbol": hollow},
                        customdata=[format_percent(v) or "—" for v in values],
                        hovertemplate=f"<b>{plain(name)}</b><br>%{{x}}: %{{customdata}}<extra></extra>")
    values = [r[rate] for r in period_rows]
    fig.add_scatter(x=axis, y=[v * 100 if v is not None else None for v in values], name=plain(shorten(parent_name, 28)),
                    mode="lines+markers", line={"width": 4, "color": "#b71c1c"},
                    marker={"symbol": hollow, "size": 10},
                    customdata=[format_percent(v) or "—" for v in values],
                    hovertemplate=f"<b>{plain(parent_name)}</b><br>%{{x}}: %{{customdata}}<extra></extra>")
    fig.add_hline(y=target * 100, line_dash="dash", line_color="#37474f",
                  annotation_text=f"chỉ tiêu {format_percent(target)}", annotation_position="top left",
                  annotation_font={"size": 11, "color": "#37474f"})
    low = min([v * 100 for r in child_rows + period_rows if (v := r[rate]) is not None], default=0)
    fig.update_layout(yaxis={"title": "Tỷ lệ", "ticksuffix": " %", "tickformat": ",.0f",
                             "range": [max(0, low - 5), 105]},
                      xaxis={"type": "category", "tickangle": 0, "automargin": True})
    fig = _layout(fig, title, 500)
    legend_rows = -(-(len(children) + 1) // 3)
    fig.update_layout(margin={"t": 70 + 22 * legend_rows})
    return fig


def open_occasion_label(row: dict) -> str:
    """An occasion's name on an axis, wrapped; an open one says so with the reports received so far."""
    name = wrap(row["group"], 14)
    if row.get("reports_pending"):
        name += (f"<br><i>đang mở: {format_count(row['reports_received'])}/"
                 f"{format_count(row['reports_expected'])} báo cáo</i>")
    return name


@_remembered
def heatmap(rows: list[dict], rate: str, columns: list[str], title: str, column_title: str,
            short: dict[str, str] | None = None) -> go.Figure:
    """Units down, occasions or topics across, the rate as colour and as text; an empty cell has no report.

    `short` gives each column a short head ('2-9<br>2026', a topic's code) so that columns stay apart on a phone;
    the full name is in the hover text, and the page lists what the codes mean."""
    done_key, total_key, noun = RATES[rate]
    short = {c: plain(head) for c, head in short.items()} if short else {c: short_period(c) for c in columns}
    units = list(dict.fromkeys(r["group"] for r in rows))
    cells = {(r["group"], r["group2"]): r for r in rows}
    z, text, hover = [], [], []
    for unit in units:
        line = [cells.get((unit, c)) for c in columns]
        z.append([(r[rate] * 100) if r and r[rate] is not None else None for r in line])
        text.append([format_percent(r[rate]).replace(" %", "") if r and r[rate] is not None else "" for r in line])
        hover.append([[plain(c), format_percent(r[rate]) if r and r[rate] is not None else "chưa có báo cáo",
                       row_ratio(r, done_key, total_key) if r else "—"] for c, r in zip(columns, line)])
    low = min([v for line in z for v in line if v is not None], default=50)
    fig = go.Figure(go.Heatmap(
        z=z, x=[short[c] for c in columns], y=[wrap(u, 24, lines=2) for u in units], text=text,
        texttemplate="%{text}", customdata=hover, colorscale=[[0, "#c62828"], [0.5, "#fbc02d"], [1, "#2e7d32"]],
        zmin=min(low, 90), zmax=100, xgap=2, ygap=2, hoverongaps=False,
        # the colour key under the chart, not beside it: on a phone the columns keep the width
        colorbar={"title": {"text": "Tỷ lệ", "side": "top"}, "ticksuffix": " %", "tickformat": ",.0f",
                  "orientation": "h", "thickness": 10, "len": 0.6, "x": 0, "xanchor": "left", "y": -0.02,
                  "yanchor": "top", "yref": "paper"},
        hovertemplate=(f"<b>%{{y}}</b><br>{column_title}: %{{customdata[0]}}<br>{MEASURES[rate][0]}: "
                       f"%{{customdata[1]}}<br>Số {noun}: %{{customdata[2]}}<extra></extra>"),
    ))
    fig.update_layout(yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
                      xaxis={"side": "top", "type": "category", "automargin": True, "tickangle": 0})
    fig = _layout(fig, title, 260 + (ROW_PX + 8) * len(units))
    fig.update_layout(margin={"t": 90, "b": 80})
    return fig


def short_period(name: str) -> str:
    """'Dịp 2-9 năm 2026' -> '2-9<br>2026'; other names wrapped."""
    match = re.fullmatch(r"(?:Dịp|Đợt)\s+(.+?)\s+năm\s+(\d{4})", name.strip())
    return f"{plain(match.group(1))}<br>{match.group(2)}" if match else wrap(name, 12)


@_remembered
def topic_bars(rows: list[dict], rate: str, target: float, title: str) -> go.Figure:
    """One bar per topic (and for whole-occasion reports), its name over it, coloured against the target line."""
    done_key, total_key, noun = RATES[rate]
    fig = go.Figure()
    for status in ("reached", "short", "no_figures"):
        picked = [i for i, r in enumerate(rows) if rate_status(r, rate, target) == status]
        if not picked:
            continue
        fig.add_bar(
            orientation="h", name=rate_status_label(status, target), marker_color=rate_status_colour(status),
            y=picked, x=[(rows[i][rate] or 0) * 100 for i in picked],
            text=[format_percent(rows[i][rate]) for i in picked],
            textposition=["inside" if (rows[i][rate] or 0) > 0.2 else "outside" for i in picked],
            customdata=[[rows[i]["group"], format_percent(rows[i][rate]) or "—",
                         row_ratio(rows[i], done_key, total_key), plain(rows[i]["group"])] for i in picked],
            hovertemplate=(f"<b>%{{customdata[3]}}</b><br>{MEASURES[rate][0]}: %{{customdata[1]}}<br>"
                           f"Số {noun}: %{{customdata[2]}}<extra></extra>"),
            **_BAR_TEXT,
        )
    texts = [wrap(r["group"], NAME_WIDTH, lines=4) for r in rows]
    _names_above_bars(fig, texts, [r["group"] for r in rows])
    _target_line(fig, target)
    top = max([(r[rate] or 0) * 100 for r in rows], default=100)
    fig.update_layout(xaxis=_percent_axis({"title": f"Đường gạch: chỉ tiêu {format_percent(target)}"}, top),
                      barmode="overlay", showlegend=True)
    return _layout(fig, title, 110 + _rows_height(texts), bottom=PERCENT_AXIS_PX)


@_remembered
def reporting_bars(summary: list[dict], title: str) -> go.Figure:
    """Per occasion, the expected reports split into on time, late, missing and not yet due."""
    names = [plain(s["period_name"]) for s in summary]
    fig = go.Figure()
    for status, (label, colour) in REPORT_STATUS.items():
        counts = [s[status] for s in summary]
        fig.add_bar(orientation="h", y=names, x=counts, name=label, marker_color=colour,
                    text=[format_count(c) if c else "" for c in counts], textposition="inside",
                    customdata=[format_count(s["expected"]) for s in summary],
                    hovertemplate=f"<b>%{{y}}</b><br>{label}: %{{x}} / %{{customdata}} báo cáo<extra></extra>")
    fig.update_layout(barmode="stack", xaxis={"title": "Số báo cáo", "tickformat": ",d"},
                      legend={"traceorder": "normal"},
                      yaxis={"autorange": "reversed", "automargin": True, "type": "category"})
    return _layout(fig, title, 150 + ROW_PX * max(len(summary), 3))


def for_screen(figure: go.Figure) -> tuple[str, go.Figure]:
    """The title apart (as plain text again: the page escapes it its own way), for the page to set as text that
    wraps on a phone, and the chart without it: a title inside the figure is cut at 390 px and the legend would
    sit on it."""
    def build():
        shown = go.Figure(figure)
        shown.update_layout(title_text="", margin={"t": 10})
        return figure, html.unescape(figure.layout.title.text or ""), shown

    kept, title, shown = _SCREENS.get(id(figure), build)
    if kept is not figure:     # another figure now has the id of a collected one
        kept, title, shown = build()
    return title, shown


def for_print(figure: go.Figure, caption: str | None = None, width: int = WIDTH) -> go.Figure:
    """A copy sized for an A4 page, with the filters and data date under the title when the image stands alone."""
    printed = go.Figure(figure)
    printed.update_layout(width=width, paper_bgcolor="white")
    if caption:
        text = wrap(caption, 125)
        extra = 18 * (text.count("<br>") + 1) + 6
        printed.update_layout(title={"subtitle": {"text": text, "font": {"size": 12, "color": "#455a64"}}},
                              margin={"t": (printed.layout.margin.t or 60) + extra},
                              height=(printed.layout.height or 450) + extra)
    return printed


def caption_text(view_caption: str, data_date) -> str:
    stamp = f"số liệu cập nhật {data_date:%d/%m/%Y %H:%M}" if data_date else "chưa có số liệu"
    return f"{view_caption} · {stamp}"

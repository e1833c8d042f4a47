"""Names shown as themselves: markdown for Streamlit, HTML and placeholders for plotly (issue 12, item 6)."""
import re

from analytics.charts import completion_bars, plain, wrap
from ui.text import md

LINK = "[Bấm](https://evil.example/x) ![t](http://evil.example/t.png) <a href='x'>y</a> :red[z] %{x} www.a.vn"


def test_markdown_marks_are_escaped_and_addresses_do_not_link():
    shown = md(LINK + "\u202e\x1b[2J\nsau")
    assert not re.search(r"(?<!\\)[\[\]()<>!:*_`$]", shown), shown     # every mark escaped
    assert "https://" not in shown and "www." not in shown          # GFM autolinks need these untouched
    assert "\u202e" not in shown and "\x1b" not in shown and "\n" not in shown
    # what the reader sees once the escapes and the invisible joiner are read: the name itself
    assert shown.replace("\\", "").replace("\u2060", "") == LINK + "[2J sau"


def test_plotly_text_is_escaped_and_a_click_still_hands_back_the_name():
    assert plain("<a href='x'>y</a> 95 %{x}") == "&lt;a href='x'&gt;y&lt;/a&gt; 95 &#37;{x}"
    assert "<a" not in wrap(LINK, 16, lines=9)
    figure = completion_bars([{"group": LINK, "member_rate": 0.9, "members_participating": 9, "members_eligible": 10,
                               "reports_received": 1, "reports_expected": 1}], "member_rate", 0.95, LINK)
    texts = [t for trace in figure.data for t in (trace.text or ())]
    assert texts and not any("<a" in t for t in texts)
    assert figure.layout.title.text.startswith("[Bấm]") and "<a" not in figure.layout.title.text
    names = [point[0] for trace in figure.data for point in (trace.customdata or ())]
    assert LINK in names                    # the drill-down compares the raw name

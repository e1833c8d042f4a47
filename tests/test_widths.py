"""Every page at a phone's 390 px, a laptop's 1366 px and a wide screen's 1920 px, in Chromium: nothing wider than
the screen, no name over a bar cut or under the legend, no heat-map heads printed over each other, and every
column of a table on screen at 1366 px and up. (Chart titles are page text above the chart: they wrap.) Screenshots of each land in tests/screenshots/ for a person to look at."""
import pytest

from in_browser import PAGES, SHOTS, log_in, settle

MEASURE = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const hit = (a, b) => a[0] < b[2] - 1 && b[0] < a[2] - 1 && a[1] < b[3] - 1 && b[1] < a[3] - 1;
  const charts = [...document.querySelectorAll('.js-plotly-plot')].map(chart => {
    const svg = box(chart.querySelector('svg.main-svg')), legend = chart.querySelector('.legend');
    const l = legend ? box(legend) : null;
    const names = [...chart.querySelectorAll('.annotation, .textpoint')].map(box);   // names over bars, labels
    const ticks = [...chart.querySelectorAll('.xtick text')].map(box);
    let crowded = 0;
    for (let i = 0; i < ticks.length; i++) for (let j = i + 1; j < ticks.length; j++) crowded += hit(ticks[i], ticks[j]);
    return {wider_than_screen: svg[2] > window.innerWidth + 1,
            name_cut: names.some(n => n[0] < svg[0] - 1 || n[2] > svg[2] + 1),
            legend_on_name: !!l && names.some(n => hit(n, l)), crowded_heads: crowded};
  });
  const tables = [...document.querySelectorAll('[data-testid="stTable"]')].map(
    e => e.scrollWidth <= e.clientWidth + 1);
  return {page: document.documentElement.scrollWidth <= window.innerWidth, charts, tables}; }"""


@pytest.mark.parametrize("width", [390, 1366, 1920])
def test_every_page_fits_the_screen(server, browser, width):  # noqa: F811
    url, _, _ = server
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(url)
    settle(page)
    log_in(page, "quantri")
    problems = []
    for path in PAGES:
        name = path or "tong_quan"
        page.goto(f"{url}/{path}?ke_hoach=05-KH%2FTU&dot=2026-2-9&dot=2026-7-11")   # one occasion closed, one open
        settle(page)
        tall = page.evaluate("document.querySelector('[data-testid=stMainBlockContainer]').scrollHeight")
        page.set_viewport_size({"width": width, "height": min(max(tall + 120, 900), 9000)})
        settle(page)
        page.screenshot(path=SHOTS / f"rong-{width}-{name}.png", full_page=True)
        found = page.evaluate(MEASURE)
        page.set_viewport_size({"width": width, "height": 900})
        if not found["page"]:
            problems.append(f"{name}: page wider than {width} px")
        for index, chart in enumerate(found["charts"], start=1):
            wrong = [key for key, value in chart.items() if value]
            if wrong:
                problems.append(f"{name}, chart {index}: {wrong}")
        if width >= 1366 and not all(found["tables"]):
            problems.append(f"{name}: a table wider than the page")
    context.close()
    assert not problems, problems

"""The sidebar filters shared by every page, kept in the URL so a copied link reopens the same view."""
import datetime as dt

import streamlit as st

from analytics.labels import Targets
from analytics.queries import Filters
from analytics.view import View, along_path, default_as_of, latest_started, valid_on
from security.accounts import Account
from ui.data import Data
from ui.text import md

# URL key -> session key; the URL keys are what a user sees in a copied link
PARAMS = {"ke_hoach": "f_plan", "dot": "f_periods", "chuyen_de": "f_topics", "don_vi": "f_unit",
          "ngay": "f_as_of", "chi_tieu_cb": "f_cell_target", "chi_tieu_dv": "f_member_target"}
ALL_PLANS = ""
ALL_IN_URL = "tat_ca"   # an explicit "all plans", so a link without a plan still means the latest occasion
WIDGETS = ("f_plan", "f_periods", "f_as_of", "f_unit", "f_topics", "f_cell_target", "f_member_target")


KEPT = "f_kept"      # the filters as the last run drew them: a plain session value, which no page change drops


def keep_across_pages(page: str, drawn: bool) -> None:
    """A widget belongs to the page that draws it: Streamlit forgets a value the user changed when another page
    runs (in the browser the plan, the unit and the targets fell back to their defaults), or when a run draws no
    filters. The filters mean the same on every page, so on a new page, and on a page without them, they are set
    again by name from the copy `sidebar` kept at the end of the last run that drew them."""
    state = st.session_state
    if state.get("f_page") != page or not drawn:
        for key, value in state.get(KEPT, {}).items():
            state[key] = value
    state.f_page = page


def _load_from_url(data: Data, today: dt.date) -> None:
    """First run of a session: the URL's values, or the latest occasion that has started by `today` (for an
    account whose unit has ended, by the unit's last day)."""
    params = st.query_params
    state = st.session_state
    periods = {p["code"]: p for p in data.periods()}
    plans = {p["code"] for p in data.plans()}
    state.f_plan = params.get("ke_hoach") if params.get("ke_hoach") in plans else ALL_PLANS
    state.f_periods = [c for c in params.get_all("dot") if c in periods]
    state.f_topics = [c for c in params.get_all("chuyen_de") if c in {t["code"] for t in data.topics()}]
    state.f_unit = params.get("don_vi")
    if "ke_hoach" not in params and "dot" not in params:
        latest = latest_started(list(periods.values()), today)
        if latest:
            state.f_plan, state.f_periods = latest["plan_code"], [latest["code"]]
    try:
        state.f_as_of = dt.date.fromisoformat(params["ngay"])
        state.f_as_of_chosen = True
    except (KeyError, ValueError):
        state.f_as_of_chosen = False
    for key, default in (("chi_tieu_cb", 100), ("chi_tieu_dv", 95)):
        try:
            state[PARAMS[key]] = min(max(int(params.get(key, default)), 0), 100)
        except ValueError:
            state[PARAMS[key]] = default
    state.f_ready = True


def _reset_as_of() -> None:
    st.session_state.f_as_of_chosen = False
    st.session_state.pop("f_as_of", None)


def _plan_changed() -> None:
    st.session_state.f_periods = []
    _reset_as_of()


def _as_of_chosen() -> None:
    st.session_state.f_as_of_chosen = True


def _within(unit: dict | None, day: dt.date) -> dt.date:
    """`day`, or the nearest day `unit` existed: an account for a unit that has ended (a district committee after
    the 2025 reform) or not yet begun opens on its unit's own dates, not on a tree it is missing from."""
    if unit and unit["valid_to"] is not None and day > unit["valid_to"]:
        return unit["valid_to"]
    if unit and unit["valid_from"] is not None and day < unit["valid_from"]:
        return unit["valid_from"]
    return day


def show_view(plan: str | None, periods: list[str], unit: str | None) -> None:
    """Point the filters at these occasions and unit (the figures an upload just brought); the tree's date
    follows the occasions again."""
    state = st.session_state
    state.f_plan, state.f_periods = plan or ALL_PLANS, list(periods)
    if unit:
        state.f_unit = unit
    _reset_as_of()


def drill_to(code: str) -> None:
    """Called from a chart's selection callback, before the sidebar is drawn again."""
    st.session_state.f_unit = code


def sidebar(data: Data, account: Account, today: dt.date | None = None) -> View:
    """The filters; a unit account picks only among its own unit and the units under it."""
    today = today or dt.date.today()
    state = st.session_state
    own = next((u for u in data.parent_units() if u["code"] == account.scope), None) if account.scope else None
    if "f_ready" not in state:
        _load_from_url(data, _within(own, today))
    plans = data.plans()
    all_periods = data.periods()
    plan_titles = {p["code"]: f"Kế hoạch {p['code']}" + (f" ({p['first_start']:%Y})" if p["first_start"] else "")
                   for p in plans}
    with st.sidebar:
        st.header("Bộ lọc")
        plan = st.selectbox("Kế hoạch", [ALL_PLANS] + list(plan_titles), key="f_plan", on_change=_plan_changed,
                            format_func=lambda c: plan_titles[c] if c else "Tất cả kế hoạch")
        offered = [p for p in all_periods if not plan or p["plan_code"] == plan]
        names = {p["code"]: p["name"] for p in all_periods}
        state.f_periods = [c for c in state.get("f_periods", []) if c in {p["code"] for p in offered}]
        chosen = st.multiselect("Đợt sinh hoạt", [p["code"] for p in offered], key="f_periods",
                                format_func=names.get, placeholder="Tất cả các đợt", on_change=_reset_as_of,
                                select_all=False)   # none chosen already means all
        in_scope = [p for p in offered if not chosen or p["code"] in chosen]
        if not state.get("f_as_of_chosen"):
            state.f_as_of = _within(own, default_as_of(in_scope, today))
        as_of = st.date_input("Cây tổ chức tính đến ngày", key="f_as_of", format="DD/MM/YYYY",
                              min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31), on_change=_as_of_chosen,
                              help="Chọn ngày trước 1/7/2025 để xem theo huyện ủy, từ 1/7/2025 theo đảng ủy xã, phường.")
        units = [u for u in data.parent_units() if valid_on(u, as_of)]
        if account.scope:
            mine = data.subtree(account.scope)
            units = [u for u in units if u["code"] in mine]
        shallowest = min((u["depth"] for u in units), default=0)
        unit_names = {u["code"]: "\u00a0\u00a0\u00a0" * (u["depth"] - shallowest) + u["name"] for u in units}
        state.f_scope_empty = bool(account.scope) and not units
        if state.get("f_unit") not in unit_names:
            root = data.root()
            fallback = root if root in unit_names else units[0]["code"] if units else None
            if state.get("f_unit") and fallback:
                outside = own is not None and state.f_unit not in data.subtree(account.scope)   # a link's ?don_vi=
                st.warning((f"Tài khoản chỉ xem được số liệu của {md(own['name'])} và các đơn vị trực thuộc"
                            if outside else "Đơn vị đã chọn không có trong danh sách ngày này")
                           + f"; đang xem {md(unit_names[fallback].strip())}.")
            state.f_unit = fallback
        # no unit on this day: no empty list (Streamlit would say so in English); the page says why in Vietnamese
        listed = [u["code"] for u in along_path(units, state.f_unit)]
        unit = st.selectbox("Đơn vị", listed, key="f_unit", format_func=unit_names.get) if units else None
        topics = {t["code"]: t["name"] for t in data.topics()}
        picked_topics = st.multiselect("Chuyên đề", list(topics), key="f_topics", format_func=topics.get,
                                       placeholder="Mọi chuyên đề", select_all=False)
        with st.expander("Chỉ tiêu"):
            cell_target = st.number_input("Chi bộ sinh hoạt (%)", 0, 100, step=1, key="f_cell_target")
            member_target = st.number_input("Đảng viên tham gia (%)", 0, 100, step=1, key="f_member_target")
    _write_url(plan, chosen, picked_topics, unit, as_of, cell_target, member_target)
    state[KEPT] = {key: state[key] for key in WIDGETS if key in state}
    return View(
        filters=Filters(parent=unit, periods=tuple(chosen), topics=tuple(picked_topics), plan=plan or None,
                        as_of=as_of),
        targets=Targets(cells=cell_target / 100, members=member_target / 100),
        unit_name=unit_names.get(unit, "").strip("\u00a0") or "Chưa có đơn vị",
        plan_title=f"Kế hoạch {plan}" if plan else "Tất cả kế hoạch",
        period_names=tuple(names[c] for c in chosen), topic_names=tuple(topics[c] for c in picked_topics),
        today=today, periods_in_scope=tuple(p["code"] for p in in_scope),
    )


def _write_url(plan, periods, topics, unit, as_of, cell_target, member_target) -> None:
    values = {"ke_hoach": plan or ALL_IN_URL, "dot": list(periods) or None, "chuyen_de": list(topics) or None,
              "don_vi": unit, "ngay": as_of.isoformat() if st.session_state.get("f_as_of_chosen") else None,
              "chi_tieu_cb": str(cell_target) if cell_target != 100 else None,
              "chi_tieu_dv": str(member_target) if member_target != 95 else None}
    kept = {k: st.query_params.get_all(k) for k in st.query_params if k not in PARAMS}
    wanted = kept | {k: v for k, v in values.items() if v is not None}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if {k: v if isinstance(v, list) else [v] for k, v in wanted.items()} != current:
        st.query_params.from_dict(wanted)

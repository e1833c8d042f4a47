"""ui/addresses.py: where a browser that asks for an address with no page is sent."""
import pytest

from ui.addresses import destination


@pytest.mark.parametrize("path, sent_to", [
    ("/", None), ("/tong_quan", None), ("/nhat_ky", None),                 # real addresses are served
    ("/_stcore/health", None), ("/static/js/main.js", None), ("/media/a.png", None),   # Streamlit's own
    ("/khong_co", "/"), ("/dashboard", "/"),                                # no such page: the overview
    ("/pages/tong_quan.py", "/tong_quan"), ("/pages/theo_dot", "/theo_dot"),   # the file's name for its page
    ("/theo_don_vi/them", "/theo_don_vi"), ("/a/b/c", "/"),                 # nested: a blank page otherwise
])
def test_an_address_without_a_page_goes_to_the_page_it_names_or_to_the_overview(path, sent_to):
    assert destination(path) == sent_to

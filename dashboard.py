"""The address every link starts from (/): the overview, with the link's filters. Each page is a file of pages/
(ui/registry.py lists them) and starts from ui/frame.py: login, menu, role, data, filters.

Run it through serve.py (`make run`), which puts the upload guard in front of Streamlit."""
import streamlit as st

from ui.registry import HOME

st.switch_page(HOME.file, query_params={key: st.query_params.get_all(key) for key in st.query_params})

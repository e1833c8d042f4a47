"""Streamlit glue shared by the pages: the sidebar filters, cached queries, and tables in Vietnamese format."""

"""Queries shared by the dashboard pages, the exports and `python -m etl stats`."""

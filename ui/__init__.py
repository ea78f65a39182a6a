"""Streamlit-side helpers shared by the pages: cached loaders, the settings controls, the result views.

Everything here draws widgets or elements; the numbers come from ``opbouw``.
"""

"""Streamlit-side helpers shared by the pages.

``state`` (the settings in the session and the link), ``controls`` (the explorer's widgets),
``results`` (what the explorer shows), ``views`` (the cached views those draw), ``data`` (the cached
loaders and own uploads), ``scenarios`` (the saved-scenario store), ``gate`` (the password),
``page`` (what every page does first), ``notices`` and ``keys`` (every session-state key and its
owner). Everything here draws widgets or elements; the numbers come from ``opbouw``.
"""

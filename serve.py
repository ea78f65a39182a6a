"""The app as a server: ``streamlit run serve.py`` serves ``app.py``, tuned for the people waiting on it.

``streamlit run app.py`` serves the same pages; this entry adds two things at server start, through
Streamlit's documented server hook (``st.App`` with a ``lifespan``):

- **Warm-up.** Before the server answers anyone, it imports the app's modules and reads its data
  (:func:`ui.warm.warm_up`), so the first visitor after a restart does not wait for that; the server
  answers its health check about 1,3 s later instead.
- **Quicker hand-over between threads.** A script run computes in its own thread while the server's
  event loop sends what the script has drawn so far. Python lets a busy thread keep the interpreter
  for up to 5 ms before another may run, so while a slider move is computed the figures already made
  trickle out at that pace. At 0,5 ms they reach the browser sooner. (benchmarks/bench_browser.py
  measures this entry and, for the first visit, plain ``app.py``; ``bench_load.py --entry`` compares the
  two under many sessions.)
"""

import asyncio
import sys
from contextlib import asynccontextmanager

import streamlit as st

SWITCH_INTERVAL_S = 0.0005  # Python's default is 0.005


@asynccontextmanager
async def lifespan(_app):
    from ui.warm import LOG, warm_up

    sys.setswitchinterval(SWITCH_INTERVAL_S)
    LOG.info("Warmed up in %.1f s", await asyncio.to_thread(warm_up))
    yield


app = st.App("app.py", lifespan=lifespan)

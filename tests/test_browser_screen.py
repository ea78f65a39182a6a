"""The app as the council chamber sees it (issue 18), in real headless Chromium: axe-core on every page,
Dutch as the page language, a projector (1280x720) where nothing runs off the page or is cut off, a
first screen in Presentatiemodus that answers how many, where, what it costs and what changes, and a
phone (390x844) whose wide table scrolls with a visible hint and can be reached by keyboard."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")
Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
FOUR = "Vergelijken?vergelijk=preset:fte8,preset:travers,preset:fte6,preset:assignment_only"
# Every page, by the link a user would share (the compare page with a comparison on it).
PAGES = ["", "Gevoeligheid", "Bewaarde_scenarios", FOUR, "Ingroeipad", "Methode_en_bronnen", "Gegevens"]
STADSDELEN = ["Midden*", "Noord*", "Oost", "West", "Zuid"]


@pytest.fixture
def screen(browser, request):
    """A page at the viewport the test is parametrised with (``PROJECTOR`` unless said otherwise)."""
    size = getattr(request, "param", PROJECTOR)
    context = browser.new_context(viewport=size, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def settled(page, url: str) -> None:
    """Open ``url`` and wait until the page has drawn its last element and stopped running."""
    page.goto(url)
    page.locator("[data-testid='stHeading']").first.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)  # charts lay themselves out after they arrive


def serious(violations: list[dict]) -> list[str]:
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_passes_axe_and_speaks_dutch(screen, app_url, path):
    settled(screen, f"{app_url}/{path}")
    assert screen.evaluate("document.documentElement.lang") == "nl", "screen readers must read Dutch"
    assert serious(Axe().run(screen).response["violations"]) == []


def test_presentation_mode_passes_axe_too(screen, app_url):
    settled(screen, app_url)
    screen.get_by_text("Presentatiemodus").click()
    screen.locator("[data-testid='stSidebar']").wait_for(state="hidden", timeout=30_000)
    screen.wait_for_timeout(1500)
    assert serious(Axe().run(screen).response["violations"]) == []


# What a projector must not do: scroll sideways, or cut text off. Inside a box that scrolls by itself
# (a wide table on a narrow screen) an element may be wider than the page; Vega shortens a label that
# does not fit with "…", the browser with text-overflow: ellipsis.
LAYOUT_FAULTS = """() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const faults = [];
  if (document.documentElement.scrollWidth > width + 1) faults.push('the page scrolls sideways');
  if (main.scrollWidth > main.clientWidth + 1) faults.push('the main area scrolls sideways');
  const clipped = (e) => {
    for (let p = e.parentElement; p && p !== main; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  for (const e of main.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 1 && !clipped(e)) {
      faults.push(`wider than the page: ${e.tagName} ${e.getAttribute('data-testid') || ''}`);
    }
    const cut = getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1;
    if (cut && e.innerText.trim()) faults.push(`cut off: "${e.innerText.trim().slice(0, 60)}"`);
  }
  for (const t of main.querySelectorAll('svg text')) {
    if (t.textContent.includes('…')) faults.push(`cut off in a chart: "${t.textContent}"`);
  }
  return [...new Set(faults)].slice(0, 12);
}"""


@pytest.mark.parametrize("path", ["", FOUR], ids=["explorer", "four scenarios"])
def test_on_the_projector_nothing_runs_off_the_page_or_is_cut_off(screen, app_url, path):
    settled(screen, f"{app_url}/{path}")
    assert screen.evaluate(LAYOUT_FAULTS) == []
    if not path:  # and with 'Waarom dit aantal?' open: its waterfall and every column of its table
        screen.get_by_text("Waarom dit aantal?").click()
        screen.get_by_text("Behoefte-index van Noord*, per indicator").wait_for(timeout=30_000)
        screen.wait_for_timeout(1500)
        assert screen.get_by_role("columnheader", name="Status").is_visible()
        assert screen.evaluate(LAYOUT_FAULTS) == []


def test_in_presentation_mode_the_first_projector_screen_answers_the_question(screen, app_url):
    settled(screen, app_url)
    screen.get_by_text("Presentatiemodus").click()
    screen.locator("[data-testid='stSidebar']").wait_for(state="hidden", timeout=30_000)
    screen.wait_for_timeout(1000)
    on_screen = screen.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
             .filter(m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })
             .map(m => m.innerText.split('\\n').filter(Boolean))"""
    )
    labels = [lines[0] for lines in on_screen]
    # How many, what it costs, and for each stadsdeel where the FTE go and what changes against today.
    assert labels[:3] == ["Totaal opbouwwerk", "Kosten per jaar", "Uren per week"]
    assert labels[3:] == STADSDELEN, "the five stadsdelen's figures without scrolling"
    for lines in on_screen[3:]:
        assert lines[1].endswith(" fte") and lines[-1].endswith("t.o.v. nu"), lines
    # The settings in one line, both parts named (it said only "50 % presentie-inzet").
    summary = screen.locator("[data-testid='stMarkdownContainer']", has_text="8,0 fte: 50 % presentie-inzet en 50 %")
    assert summary.inner_text().startswith("8,0 fte: 50 % presentie-inzet en 50 % opgavegericht, verdeeld over")
    assert screen.evaluate(LAYOUT_FAULTS) == []


@pytest.mark.parametrize("screen", [PHONE], indirect=True, ids=["phone"])
def test_on_a_phone_the_wide_table_scrolls_with_a_hint_and_takes_keyboard_focus(screen, app_url):
    settled(screen, app_url)
    box = screen.locator(".st-key-ex_area_table [data-testid='stTable'] > div").first
    box.scroll_into_view_if_needed()
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the table is wider than the phone"
    hint = screen.get_by_text("Schuif de tabel opzij voor alle kolommen.")
    assert hint.is_visible()
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    box.focus()
    screen.keyboard.press("ArrowRight")
    screen.wait_for_function(
        "() => document.querySelector('.st-key-ex_area_table [data-testid=\"stTable\"] > div').scrollLeft > 0",
        timeout=5_000,
    )
    assert screen.evaluate(LAYOUT_FAULTS) == []


def test_on_a_wide_screen_the_table_fits_and_shows_no_hint(screen, app_url):
    settled(screen, app_url)
    assert not screen.get_by_text("Schuif de tabel opzij voor alle kolommen.").is_visible()


def test_an_asterisk_in_an_area_name_stays_an_asterisk_in_bold_text(screen, app_url):
    # Issue 18: "Noord*" (its stadsdeel an assumption) turned the rest of a bold heading into italics.
    settled(screen, app_url)
    screen.get_by_text("Waarom dit aantal?").click()
    screen.get_by_text("Noord* krijgt", exact=False).first.wait_for(timeout=30_000)
    main = screen.locator("[data-testid='stMain']")
    strong = main.locator("strong").all_inner_texts()
    assert "Behoefte-index van Noord*, per indicator" in strong
    assert any(text.startswith("Noord* krijgt 1,9 fte:") for text in strong)
    assert main.locator("em").count() == 0, "no emphasis the app did not write"


def test_a_click_on_the_map_opens_the_explanation_of_that_area(screen, app_url):
    # 'Waarom dit aantal?' is drawn only while open (a slider move does not wait for it); a click on an
    # area of the map opens it at that area.
    settled(screen, app_url)
    assert screen.get_by_text("West krijgt", exact=False).count() == 0, "closed at first"
    canvas = screen.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.scroll_into_view_if_needed()
    screen.wait_for_timeout(1500)  # deck.gl draws, then picks
    box = canvas.bounding_box()
    screen.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.35)  # West
    screen.get_by_text("West krijgt", exact=False).first.wait_for(timeout=30_000)
    assert screen.locator("[data-testid='stVegaLiteChart']").count() == 3, "with its waterfall"

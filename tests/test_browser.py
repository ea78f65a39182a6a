"""End-to-end: the real app in real headless Chromium (run on their own with `-m browser`)."""

from __future__ import annotations

import io
from contextlib import contextmanager, suppress

import pytest
from PIL import Image

from tests.conftest import serving

# Without Playwright (a run with -m "not browser" needs only requirements.txt) this module is skipped.
PlaywrightTimeout = pytest.importorskip("playwright.sync_api").TimeoutError

pytestmark = pytest.mark.browser

METRIC = "[data-testid='stMetricValue']"


def open_app(page, url):
    page.goto(url)
    page.wait_for_selector(METRIC, timeout=60_000)
    page.wait_for_selector("[data-testid='stTable']", timeout=60_000)


@contextmanager
def fresh_browser(browser, link: str):
    """The link opened in a new browser context (no cookies, no session), once its table is there."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        fresh = context.new_page()
        fresh.goto(link)
        fresh.locator("[data-testid='stTable']").first.wait_for(timeout=60_000)
        yield fresh
    finally:
        context.close()


def assert_headline(page, expected: str) -> None:
    """The page's first headline figure reads ``expected`` (given a moment: while a script run is still
    drawing, the figures are replaced one by one and the first one found may be another; on a first
    render Streamlit's frontend sometimes shows the neighbouring figures a few hundred milliseconds
    before the first one, as on main after the password in about one of twelve tries)."""
    with suppress(PlaywrightTimeout):  # the assertion below shows what is there
        page.wait_for_function(
            "t => document.querySelector(\"[data-testid='stMetricValue']\").innerText === t",
            arg=expected,
            timeout=30_000,
        )
    assert page.locator(METRIC).first.inner_text() == expected


def assert_same_table(page, expected: str) -> None:
    """The page's first table reads exactly ``expected`` (given a moment: a table can arrive after the figures)."""
    with suppress(PlaywrightTimeout):  # the assertion below shows both tables
        page.wait_for_function(
            "t => document.querySelector(\"[data-testid='stTable']\").innerText === t", arg=expected, timeout=30_000
        )
    assert page.locator("[data-testid='stTable']").first.inner_text() == expected


def requests_elsewhere(page, app_url) -> list[str]:
    """From now on, every URL the page asks for outside the app (a list that fills as it goes)."""
    asked: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith((app_url, "data:", "blob:")) else asked.append(request.url),
    )
    return asked


def test_page_loads_and_the_map_draws(page, app_url):
    elsewhere = requests_elsewhere(page, app_url)
    open_app(page, app_url)
    assert_headline(page, "8,0 fte")
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(1500)  # let deck.gl paint
    image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 24)}
    # The palette's light yellow (West, Zuid) and dark blue (Noord, Midden) must both be painted.
    assert any(r > 240 and g > 240 and b < 215 for r, g, b in colours), "no light area drawn"
    assert any(b > 120 and r < 70 for r, g, b in colours), "no dark area drawn"
    assert page.locator("[data-testid='stVegaLiteChart']").count() == 2  # 'Waarom dit aantal?' is closed
    # The map is drawn from the app's own polygons: no basemap service (Carto, Mapbox) is asked for
    # anything, so a visitor's address goes nowhere else and the map works without internet.
    assert elsewhere == []


def test_the_sidebar_names_every_page_in_dutch_and_opens_it(page, app_url):
    elsewhere = requests_elsewhere(page, app_url)
    open_app(page, app_url)
    nav = page.locator("[data-testid='stSidebarNav']")
    assert sidebar_labels(page) == DUTCH_PAGES
    nav.get_by_role("link", name="Bewaarde scenario's").click()
    page.get_by_role("heading", name="Bewaarde scenario's").wait_for(timeout=60_000)
    assert page.url.endswith("/Bewaarde_scenarios")  # the old path: links sent before still work
    nav.get_by_role("link", name="Gegevens").click()
    page.get_by_text("Gebruik deze gegevens").wait_for(timeout=60_000)
    assert elsewhere == [], "no page asks other sites for anything (not even the tab's icon)"


def test_total_slider_moves_with_the_keyboard(page, app_url):
    open_app(page, app_url)
    thumb = page.get_by_role("slider").first
    thumb.focus()
    for _ in range(20):  # 20 steps of 0,1 fte
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stMetricValue']\").innerText === '10,0 fte'", timeout=30_000
    )
    assert page.locator(METRIC).nth(1).inner_text() == "€ 850.000"
    page.get_by_text("€ 850.000", exact=True).first.wait_for(timeout=30_000)  # the table's total row


def test_a_copied_link_shows_the_same_numbers_in_a_fresh_browser(page, app_url, browser):
    page.goto(f"{app_url}/?total_fte=10.5&level=wijk&presence_pct=60")
    page.wait_for_selector(METRIC, timeout=60_000)
    thumb = page.get_by_role("slider").first
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stMetricValue']\").innerText === '10,6 fte'", timeout=30_000
    )
    # One click copies the link and says so (issue 18: it opened a popover with a copy icon on hover).
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page.get_by_role("button", name="Kopieer link").click()
    page.get_by_role("status").filter(has_text="Link gekopieerd").wait_for(timeout=10_000)
    link = page.evaluate("navigator.clipboard.readText()")
    assert "total_fte=10.6" in link and "level=wijk" in link
    page.get_by_text("Toon link").click()
    assert page.locator("[data-testid='stCode']").first.inner_text().strip() == link, "the same link, shown"
    table = page.locator("[data-testid='stTable']").first.inner_text()

    with fresh_browser(browser, link) as fresh:
        assert_headline(fresh, "10,6 fte")
        assert_same_table(fresh, table)


def test_a_saved_scenario_opens_by_its_link_in_a_fresh_browser(page, app_url, browser):
    page.goto(f"{app_url}/?total_fte=11.0&presence_pct=70")
    page.wait_for_selector("[data-testid='stTable']", timeout=60_000)
    page.get_by_text("Bewaar scenario").click()
    page.get_by_label("Naam").fill("Browservariant")
    page.get_by_role("button", name="Bewaar", exact=True).click()
    page.get_by_text("Bewaard als 'Browservariant'").wait_for(timeout=30_000)
    page.wait_for_function("() => window.location.search.startsWith('?scenario=')", timeout=30_000)
    link = page.url
    table = page.locator("[data-testid='stTable']").first.inner_text()

    with fresh_browser(browser, link) as fresh:
        assert_headline(fresh, "11,0 fte")
        assert_same_table(fresh, table)
        fresh.get_by_text("Bewaard scenario 'Browservariant'").wait_for(timeout=30_000)


def test_the_compare_page_renders_chart_map_and_settings(page, app_url):
    page.goto(f"{app_url}/Vergelijken?total_fte=10.0")
    page.wait_for_selector(METRIC, timeout=60_000)
    assert page.locator(METRIC).all_inner_texts() == ["8,0 fte", "10,0 fte"]
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=30_000)
    page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.wait_for(state="visible", timeout=30_000)
    assert page.get_by_text("+2,0 fte, +€ 170.000 per jaar").count() == 1
    page.get_by_text("Wat verschilt").wait_for(timeout=30_000)  # the settings that differ, as a table


def use_file(page, path) -> None:
    """On "Gegevens": choose a file of own figures and press "Gebruik deze gegevens"."""
    page.locator("input[type='file']").first.set_input_files(str(path))
    page.get_by_text(path.name).first.wait_for(timeout=30_000)
    # The upload reruns the page; a click during that rerun can be lost, so wait until it has finished.
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Gebruik deze gegevens").click()


def test_an_upload_with_an_error_is_refused_and_a_good_one_is_used(page, app_url, tmp_path):
    from opbouw.data import read_wijken
    from opbouw.upload import template_csv

    good = template_csv(read_wijken()).decode("utf-8-sig")
    bad = tmp_path / "fout.csv"
    bad.write_text(good.replace("WK019311", "WK019310"), encoding="utf-8")
    page.goto(f"{app_url}/Gegevens")
    page.get_by_text("Gebruik deze gegevens").wait_for(timeout=60_000)
    use_file(page, bad)
    page.get_by_text("Het bestand is niet gebruikt").wait_for(timeout=30_000)
    assert page.get_by_text("komt meer dan eens voor").count() >= 1
    assert page.get_by_text("Eigen gegevens", exact=False).count() == 1, "only the page title, no badge"

    # The template sent back unchanged: nothing to compute differently, so the app stays on the
    # built-in figures (issue 18: it used to switch to "eigen gegevens").
    same = tmp_path / "sjabloon.csv"
    same.write_text(good, encoding="utf-8")
    use_file(page, same)
    page.get_by_text("heeft precies de cijfers die nu in gebruik zijn").wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Terug naar de ingebouwde gegevens").count() == 0, "no badge"

    # One typo: Wipstrik from 6.380 to 16.380 inhabitants. Used, with what changed and a plausibility note.
    assert ";6395;6380;" in good
    fine = tmp_path / "goed.csv"
    fine.write_text(good.replace(";6395;6380;", ";6395;16380;"), encoding="utf-8")
    use_file(page, fine)
    page.get_by_text("Eigen gegevens in gebruik: 16 wijken uit goed.csv").wait_for(timeout=30_000)
    page.get_by_role("button", name="Terug naar de ingebouwde gegevens").wait_for(timeout=30_000)
    page.get_by_text("Wipstrik: inwoners 2024 van 6.380 naar 16.380").wait_for(timeout=30_000)
    assert page.get_by_text("1 wijziging", exact=False).count() == 1
    page.get_by_text("Wipstrik: 16.380 inwoners in 2024, 157 % meer dan de ingebouwde 6.380").wait_for(timeout=30_000)


DUTCH_PAGES = [
    "Verkennen",
    "Gevoeligheid",
    "Bewaarde scenario's",
    "Vergelijken",
    "Ingroeipad",
    "Methode en bronnen",
    "Gegevens",
]


def sidebar_labels(page) -> list[str]:
    # The label is the link's last line (an icon, if a page had one, would come first).
    links = page.locator("[data-testid='stSidebarNav']").get_by_role("link")
    return [text.strip().splitlines()[-1] for text in links.all_inner_texts()]


def test_a_deep_link_right_after_a_restart_gets_the_dutch_page_list_and_its_comparison(page, tmp_path):
    # app.py declares the pages (app_pages/, so Streamlit never runs them the old way as a pages/ folder):
    # the first visitor after a restart who comes in on a shared link must not see file names.
    with serving({"OPBOUW_STORE_PATH": str(tmp_path / "scenarios.sqlite3")}) as url:
        page.goto(f"{url}/Vergelijken?total_fte=9.0&vergelijk=preset:travers,current")
        page.wait_for_selector(METRIC, timeout=60_000)
        page.get_by_text("Huidige instellingen", exact=True).first.wait_for(timeout=30_000)
        assert sidebar_labels(page) == DUTCH_PAGES
        labels = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
        assert labels == ["10 fte (advies Travers)", "Huidige instellingen"]
        assert page.locator(METRIC).all_inner_texts() == ["10,0 fte", "9,0 fte"]


@pytest.fixture
def gated_url(tmp_path):
    with serving({"OPBOUW_PASSWORD": "geheim", "OPBOUW_STORE_PATH": str(tmp_path / "scenarios.sqlite3")}) as url:
        yield url


def test_behind_a_password_not_even_the_page_list_shows(page, gated_url):
    page.goto(gated_url)
    field = page.get_by_label("Wachtwoord")
    field.wait_for(timeout=60_000)
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    assert page.locator(METRIC).count() == 0
    field.fill("geheim")
    page.get_by_role("button", name="Open de app").click()
    page.wait_for_selector(METRIC, timeout=60_000)
    assert_headline(page, "8,0 fte")
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Vergelijken").wait_for(timeout=30_000)


HOSTILE = [
    "<iframe srcdoc=\"&lt;script&gt;parent.alert('X')&lt;/script&gt;\">",
    "<img src=x onerror=alert(1)>",
    "![x](http://192.0.2.1/x.png) [klik](http://192.0.2.1/phish)",
]


def watch_for_attacks(page, app_url) -> dict[str, list]:
    """Dialogs (a script that ran) and requests to other hosts (an image or script from elsewhere)."""
    seen: dict[str, list] = {"dialogs": [], "elsewhere": requests_elsewhere(page, app_url)}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    return seen


def wait_for_text(page, text: str, within: str = "body") -> None:
    """Wait until ``text`` reads on the page (the invisible word joiners that keep an address from
    becoming a link left out)."""
    page.wait_for_function(
        "([sel, t]) => [...document.querySelectorAll(sel)].some(e => e.innerText.replace(/\\u2060/g, '').includes(t))",
        arg=[within, text],
        timeout=60_000,
    )


def assert_nothing_live(page, seen) -> None:
    page.wait_for_timeout(1500)  # let an image or a script load, if one would
    assert seen["dialogs"] == [], "no script ran"
    assert seen["elsewhere"] == [], "nothing was asked of another host"
    live = page.locator("a[href*='192.0.2.1'], img[src*='192.0.2.1'], img[src='x'], iframe[srcdoc]")
    assert live.count() == 0, (
        f"no link, image or frame came from user text: {live.evaluate_all('e => e.map(x => x.outerHTML)')}"
    )


def test_hostile_names_notes_and_links_stay_text_in_a_real_browser(page, tmp_path):
    from opbouw.settings import Settings
    from opbouw.store import ScenarioStore, sqlite_url

    path = tmp_path / "scenarios.sqlite3"
    store = ScenarioStore(sqlite_url(path))
    saved = [store.save(name, f"Toelichting {name}", Settings(total_fte=10.0 + i)) for i, name in enumerate(HOSTILE)]
    at_wijk = store.save(HOSTILE[1], HOSTILE[2], Settings(level="wijk"))
    with serving({"OPBOUW_STORE_PATH": str(path)}) as url:
        seen = watch_for_attacks(page, url)
        for s in saved:
            page.goto(f"{url}/?scenario={s.id}")
            wait_for_text(page, f"Bewaard scenario '{s.name}'")
            assert_nothing_live(page, seen)
        page.goto(f"{url}/?baseline=scenario-{saved[0].id}")
        wait_for_text(page, f"t.o.v. '{HOSTILE[0]}'")
        assert_nothing_live(page, seen)
        ids = ",".join(f"saved:{s.id}" for s in saved[1:])
        page.goto(f"{url}/Vergelijken?vergelijk=preset:fte8,{ids},saved:{at_wijk.id}")
        page.locator("[data-testid='stMetricLabel']").get_by_text(HOSTILE[1]).first.wait_for(timeout=60_000)
        page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.hover()  # the map's tooltip shows a name
        assert_nothing_live(page, seen)
        page.goto(f"{url}/Bewaarde_scenarios")
        page.get_by_role("heading", name="Bewaarde scenario's").wait_for(timeout=60_000)
        assert_nothing_live(page, seen)
        for link in (
            "/?%5Bklik%20hier%20om%20in%20te%20loggen%5D(http%3A%2F%2F192.0.2.1%2F)=1",
            "/?total_fte=![x](http://192.0.2.1/x.png)",
        ):
            page.goto(url + link)
            page.get_by_text("Niet alles in de link kon worden gebruikt").wait_for(timeout=60_000)
            assert_nothing_live(page, seen)
        wait_for_text(page, "(![x](http://192.0.2.1/x.png))")  # shown as written


def test_an_uploaded_name_with_html_is_text_on_the_map_tooltip_table_and_badge(page, app_url, tmp_path):
    from opbouw.data import read_wijken
    from opbouw.upload import template_csv

    csv = template_csv(read_wijken()).decode("utf-8-sig")
    csv = csv.replace(";Holtenbroek;Noord;", ";<img src=x onerror=alert(1)>;<b>Noord</b> www.example.org;")
    hostile = tmp_path / "<b>wijken<b>.csv"
    hostile.write_text(csv, encoding="utf-8")
    seen = watch_for_attacks(page, app_url)
    page.goto(f"{app_url}/Gegevens")
    page.get_by_text("Gebruik deze gegevens").wait_for(timeout=60_000)
    use_file(page, hostile)
    page.get_by_text("Eigen gegevens in gebruik: 16 wijken uit <b>wijken<b>.csv").wait_for(timeout=30_000)
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Verkennen").click()  # the same session
    table = page.locator("[data-testid='stTable']").first
    wait_for_text(page, "<b>Noord</b> www.example.org", within="[data-testid='stTable']")
    assert table.locator("a").count() == 0
    box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    for dx, dy in ((0.5, 0.3), (0.4, 0.4), (0.6, 0.5), (0.5, 0.6)):  # over the wijken in the north and centre
        page.mouse.move(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
        page.wait_for_timeout(300)
    assert_nothing_live(page, seen)


def test_todays_deployment_entered_in_the_table_gives_a_path_and_its_yearly_costs(page, app_url):
    # Midden's 1,4 fte today (the assumption) becomes 1,2: 7,8 fte today, 10 fte in 2030. With a cap of
    # 0,3 fte and hold-harmless the totals go 8,4 / 8,9 / 9,5 / 10,0 (steps of whole tenths, the larger
    # first), at € 85.000: € 714.000, € 756.500, € 807.500, € 850.000, € 3.128.000 over the term and
    # € 476.000 more than today's 7,8 fte.
    page.goto(f"{app_url}/Ingroeipad?total_fte=10.0")
    page.wait_for_selector("[data-testid='stTable']", timeout=60_000)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The grid is a canvas: select Midden's cell, open its editor, replace the number (typed the Dutch
    # way: the cells are text), commit. It needs a moment between the steps to take the focus.
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + 53)
    for key in ("Enter", "Control+A"):
        page.wait_for_timeout(300)
        page.keyboard.press(key)
    page.keyboard.type("1,2")
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Gebruik deze huidige inzet").click()
    page.wait_for_url("**current=stadsdeel*", timeout=30_000)
    cap = page.get_by_role("spinbutton", name="Grootste verandering per gebied per jaar (fte)")
    cap.fill("0.3")
    cap.press("Enter")
    page.wait_for_url("**path_cap=0.3*", timeout=30_000)
    costs = page.locator("[data-testid='stTable']").last
    page.wait_for_function("el => el.innerText.includes('€ 3.128.000')", arg=costs.element_handle(), timeout=30_000)
    text = costs.inner_text()
    for figure in ("8,4 fte", "8,9 fte", "9,5 fte", "10,0 fte", "€ 714.000", "€ 756.500", "€ 850.000", "+€ 476.000"):
        assert figure in text, figure
    assert "Aanname" not in page.locator("[data-testid='stAlert']").all_inner_texts().__str__()


def test_clicking_an_area_in_the_path_chart_shows_its_steps(page, app_url):
    page.goto(f"{app_url}/Ingroeipad?total_fte=10.0")
    page.wait_for_selector("[data-testid='stTable']", timeout=60_000)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    chart.locator("g.role-legend-label text", has_text="Noord").first.click()
    page.get_by_text("Stappen van Noord").wait_for(timeout=30_000)
    steps = page.locator("[data-testid='stTable']").nth(0).inner_text()
    assert "Noord" in steps and "Midden" not in steps

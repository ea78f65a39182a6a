"""The saved-scenario store, on SQLite and (where it runs) PostgreSQL."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
from dataclasses import replace

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from opbouw.settings import Settings, weights_of
from opbouw.store import (
    ID_PATTERN,
    NAME_MAX_CHARS,
    NOTE_MAX_CHARS,
    ScenarioStore,
    StoreError,
    metadata,
    sqlite_url,
    store_url_from,
)

VARIANT = Settings(
    total_fte=10.0,
    presence_pct=60,
    level="wijk",
    weights=weights_of(labour_participation=0.5, liveability=2.0, dilapidation=0.0),
    theme_weights=(2.0, 1.0, 0.5, 1.0),
    # Today's deployment and the path (issue 17): a saved scenario reproduces the path exactly.
    current_deployment="wijk:0.3,0.7,0.4,0.8,0.3,0,0.3,1.6,0.7,0.8,0.1,0.3,0.1,0.8,0.9,0",
    path_from=2027,
    path_to=2031,
    path_cap=0.3,
    path_hold=False,
    path_totals="8.5,9,9.5,10,10",
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "scenarios.sqlite3")
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def store(store_url):
    s = ScenarioStore(store_url)
    yield s
    s.close()


def test_a_saved_scenario_comes_back_with_exactly_its_settings(store):
    saved = store.save("Variant A", "Meer presentie in Holtenbroek", VARIANT)
    assert ID_PATTERN.match(saved.id)
    again = store.get(saved.id)
    assert again.settings == VARIANT
    assert (again.name, again.version, again.note) == ("Variant A", 1, "Meer presentie in Holtenbroek")
    assert again.created_at.tzinfo is not None
    assert again.problems == ()


def test_saving_under_the_same_name_makes_a_new_version_and_keeps_the_old(store):
    first = store.save("Variant A", "", VARIANT)
    second = store.save("Variant A", "", replace(VARIANT, total_fte=12.0))
    other = store.save("Variant B", "", VARIANT)
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert first.id != second.id
    assert store.get(first.id).settings.total_fte == 10.0, "version 1 is unchanged"
    assert second.label == "Variant A (versie 2)" and first.label == "Variant A"
    assert [s.id for s in store.list()] == [other.id, second.id, first.id], "newest first"


def test_removed_scenarios_leave_the_list_but_their_link_still_says_what_they_were(store):
    keep, gone = store.save("Blijft", "", VARIANT), store.save("Weg", "", VARIANT)
    assert store.remove(gone.id) is True
    assert store.remove(gone.id) is False, "removing twice changes nothing"
    assert [s.id for s in store.list()] == [keep.id]
    assert {s.id for s in store.list(include_removed=True)} == {keep.id, gone.id}
    assert store.get(gone.id).removed_at is not None


@pytest.mark.parametrize("bad_id", ["", "abc", "'; DROP TABLE saved_scenarios; --", "ABCDEFGH", "aaaaaaa0", None, 5])
def test_unknown_or_malformed_ids_find_nothing(store, bad_id):
    store.save("Variant A", "", VARIANT)
    assert store.get(bad_id) is None
    assert store.remove(bad_id) is False
    assert len(store.list()) == 1


def test_names_and_notes_are_stored_as_given_not_as_sql_or_markup(store):
    name = "Robert'); DROP TABLE saved_scenarios;-- <b>x</b> **vet**"
    note = "Regel 1\nRegel 2 <script>alert(1)</script> [link](http://example.org)"
    saved = store.save(name, note, VARIANT)
    assert store.get(saved.id).name == name
    assert store.get(saved.id).note == note
    assert len(store.list()) == 1


def test_names_are_trimmed_and_control_characters_dropped(store):
    saved = store.save("  Variant\tA\x00\x1b  ", "  notitie\x07 \n tweede regel ", VARIANT)
    assert saved.name == "Variant A"
    assert saved.note == "notitie \n tweede regel"


@pytest.mark.parametrize(
    ("name", "note", "message"),
    [
        ("", "", "Geef het scenario een naam"),
        ("   \t ", "", "Geef het scenario een naam"),
        ("x" * (NAME_MAX_CHARS + 1), "", "De naam is te lang"),
        ("Variant", "x" * (NOTE_MAX_CHARS + 1), "De toelichting is te lang"),
        (None, "", "De naam moet tekst zijn"),
    ],
)
def test_bad_names_and_notes_get_a_dutch_message_and_store_nothing(store, name, note, message):
    with pytest.raises(StoreError, match=message):
        store.save(name, note, VARIANT)
    assert store.list() == []


def test_a_stored_setting_that_no_longer_fits_falls_back_and_says_so(store):
    saved = store.save("Oud", "", VARIANT)
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE saved_scenarios SET settings = :s WHERE id = :id"),
            {"s": '{"format": 1, "params": {"total_fte": "99", "level": "wijk"}}', "id": saved.id},
        )
    again = store.get(saved.id)
    assert again.settings.level == "wijk" and again.settings.total_fte == Settings().total_fte
    assert any("total_fte" in p for p in again.problems)


def test_threads_saving_at_once_lose_nothing(store):
    threads, per_thread = 8, 6
    errors: list[Exception] = []

    def work(n: int) -> None:
        try:
            for i in range(per_thread):
                store.save("Gedeeld", f"thread {n} save {i}", replace(VARIANT, total_fte=float(n)))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    saved = store.list()
    assert len(saved) == threads * per_thread
    assert sorted(s.version for s in saved) == list(range(1, threads * per_thread + 1))
    assert {s.note for s in saved} == {f"thread {n} save {i}" for n in range(threads) for i in range(per_thread)}


def _save_in_process(url: str, n: int, count: int) -> None:
    store = ScenarioStore(url)
    for i in range(count):
        store.save("Proces", f"{n}-{i}", VARIANT)
    store.close()


def test_processes_saving_at_once_lose_nothing(store_url):
    ScenarioStore(store_url).close()  # the table exists before the race starts
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_save_in_process, args=(store_url, n, 5)) for n in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    saved = ScenarioStore(store_url).list()
    assert sorted(s.version for s in saved) == list(range(1, 21))
    assert {s.note for s in saved} == {f"{n}-{i}" for n in range(4) for i in range(5)}


@settings(max_examples=60)
@given(name=st.text(min_size=1, max_size=NAME_MAX_CHARS), note=st.text(max_size=200))
def test_any_text_is_either_stored_verbatim_after_cleaning_or_refused_in_dutch(name, note):
    store = ScenarioStore("sqlite://")
    try:
        saved = store.save(name, note, VARIANT)
    except StoreError as exc:
        assert "naam" in str(exc).lower()
        assert store.list() == []
    else:
        again = store.get(saved.id)
        assert (again.name, again.note) == (saved.name, saved.note)
        assert saved.name and saved.name == saved.name.strip()
    finally:
        store.close()


# --- A store that is missing, read-only or corrupt --------------------------------------------


def test_a_missing_store_file_is_created_and_says_so(tmp_path):
    store = ScenarioStore(sqlite_url(tmp_path / "nieuw" / "map" / "scenarios.sqlite3"))
    assert store.created is True
    assert store.list() == []
    assert ScenarioStore(sqlite_url(tmp_path / "nieuw" / "map" / "scenarios.sqlite3")).created is False


def test_a_corrupt_store_file_gives_a_dutch_message(tmp_path):
    path = tmp_path / "scenarios.sqlite3"
    path.write_bytes(b"dit is geen database" * 100)
    with pytest.raises(StoreError, match="beschadigd of geen scenario-opslag"):
        ScenarioStore(sqlite_url(path))
    assert path.read_bytes() == b"dit is geen database" * 100, "the file is left as it was"


def test_a_read_only_store_can_be_read_but_saving_says_why_not(tmp_path):
    path = tmp_path / "scenarios.sqlite3"
    ScenarioStore(sqlite_url(path)).save("Variant A", "", VARIANT)
    if os.geteuid() == 0:
        # root writes to any file whatever its mode: open it read-only the way SQLite offers instead
        url = f"sqlite:///file:{path}?mode=ro&uri=true"
    else:
        path.chmod(0o444)
        url = sqlite_url(path)
    store = ScenarioStore(url)
    assert [s.name for s in store.list()] == ["Variant A"]
    with pytest.raises(StoreError, match="alleen-lezen"):
        store.save("Variant B", "", VARIANT)
    assert [s.name for s in store.list()] == ["Variant A"]


def test_a_folder_that_cannot_be_made_gives_a_dutch_message(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    with pytest.raises(StoreError, match="kan niet worden gemaakt"):
        ScenarioStore(sqlite_url(blocker / "scenarios.sqlite3"))


def test_a_bad_url_gives_a_dutch_message():
    with pytest.raises(StoreError, match="ongeldig"):
        ScenarioStore("dit is geen adres")


def test_the_store_location_comes_from_the_environment(tmp_path):
    root = tmp_path / "app"
    assert store_url_from({}, root) == sqlite_url(root / "var" / "scenarios.sqlite3")
    assert store_url_from({"OPBOUW_STORE_PATH": str(tmp_path / "s.db")}, root) == sqlite_url(tmp_path / "s.db")
    url = "postgresql+psycopg://u@db/opbouw"
    assert store_url_from({"OPBOUW_STORE_URL": url, "OPBOUW_STORE_PATH": "x"}, root) == url


def test_sqlite_file_is_a_real_sqlite_database(tmp_path):
    path = tmp_path / "scenarios.sqlite3"
    ScenarioStore(sqlite_url(path)).save("Variant A", "", VARIANT)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name, version FROM saved_scenarios").fetchall() == [("Variant A", 1)]


def test_a_store_file_deleted_while_the_app_runs_gives_a_dutch_message(tmp_path):
    path = tmp_path / "scenarios.sqlite3"
    store = ScenarioStore(sqlite_url(path))
    store.save("Variant A", "", VARIANT)
    store.close()  # no pooled connection keeps the old file open
    path.unlink()
    with pytest.raises(StoreError, match="verwijderd of leeggemaakt"):
        store.list()

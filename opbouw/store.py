"""Saved scenarios: an append-only store behind one small interface.

SQLite in a file by default; any SQLAlchemy URL works, so a hosted deployment
with more than one app instance points it at PostgreSQL
(``postgresql+psycopg://user:password@host/db``). A saved scenario is never
changed: saving under a name that exists makes the next version, and removing
one only marks it removed (a link to it then says so instead of failing).

Every problem reaches the caller as a :class:`StoreError` with a Dutch message;
the rest of the app keeps working without the store. (Just over 300 lines: the store, its
schema and its error handling in one place.)

>>> store = ScenarioStore("sqlite://")
>>> first = store.save("Variant A", "10 fte, meer presentie", Settings(total_fte=10.0))
>>> second = store.save("Variant A", "", Settings(total_fte=10.0, presence_pct=60))
>>> (first.version, second.version), store.get(second.id).settings.presence_pct
((1, 2), 60)
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import time
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from . import format as fmt
from .links import parse_query, widget_values
from .settings import SAVED_ID_ALPHABET, SAVED_ID_LENGTH, SAVED_ID_PATTERN, Settings

log = logging.getLogger(__name__)

NAME_MAX_CHARS = 80
NOTE_MAX_CHARS = 1000
ID_ALPHABET, ID_LENGTH, ID_PATTERN = SAVED_ID_ALPHABET, SAVED_ID_LENGTH, SAVED_ID_PATTERN
SETTINGS_FORMAT = 1  # bump when the stored settings change shape
_SAVE_ATTEMPTS = 20
_SQLITE_BUSY_TIMEOUT_S = 30

metadata = sa.MetaData()
scenarios_table = sa.Table(
    "saved_scenarios",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.String(NAME_MAX_CHARS), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("settings", sa.Text, nullable=False),  # JSON: {"format": 1, "params": {...}}
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("name", "version", name="uq_saved_scenarios_name_version"),
)


class StoreError(Exception):
    """A problem with the store, in Dutch, fit to show as it is."""


@dataclass(frozen=True)
class SavedScenario:
    id: str
    name: str
    version: int
    note: str
    created_at: datetime
    settings: Settings
    removed_at: datetime | None = None
    problems: tuple[str, ...] = ()  # stored settings that no longer fit this version of the app

    @property
    def label(self) -> str:
        """'Variant A (versie 2)'; version 1 is just the name."""
        return self.name if self.version == 1 else f"{self.name} (versie {self.version})"


def clean_text(text: object, max_chars: int, what: str, multiline: bool = False) -> str:
    """User text as it will be stored: trimmed, without control characters, within the limit.

    >>> clean_text("  Variant\\tA\\x00 ", 80, "De naam")
    'Variant A'
    """
    if not isinstance(text, str):
        raise StoreError(f"{what} moet tekst zijn.")
    text = unicodedata.normalize("NFC", text)
    keep = "\n" if multiline else ""
    text = "".join(
        ch if ch in keep or unicodedata.category(ch)[0] != "C" else (" " if ch in "\t\r\n" else "") for ch in text
    )
    text = text.strip() if multiline else " ".join(text.split())
    if len(text) > max_chars:
        raise StoreError(f"{what} is te lang: {fmt.integer(len(text))} tekens, hooguit {fmt.integer(max_chars)}.")
    return text


def _settings_json(settings: Settings) -> str:
    # Every parameter, defaults included: a later change of a default must not change a saved scenario.
    params = {p: str(v).lower() if isinstance(v, bool) else str(v) for p, v in widget_values(settings).items()}
    return json.dumps({"format": SETTINGS_FORMAT, "params": params}, sort_keys=True)


def _settings_from_json(text: str) -> tuple[Settings, list[str]]:
    try:
        stored = json.loads(text)
        params = stored["params"]
        if not isinstance(params, dict):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return Settings(), ["De bewaarde instellingen zijn onleesbaar; de standaardinstellingen zijn gebruikt."]
    return parse_query(params)


def default_sqlite_path(app_root: Path) -> Path:
    """Where the store lives when nothing is configured: ``var/scenarios.sqlite3`` in the app folder."""
    return app_root / "var" / "scenarios.sqlite3"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def _describe(url: sa.URL) -> str:
    """The store in words for a visitor: its kind, never a server path or host (those go to the log)."""
    if url.get_backend_name() == "sqlite":
        return "het opslagbestand" if url.database else "de tijdelijke opslag in het geheugen"
    return "de database"


def _new_id() -> str:
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


class ScenarioStore:
    """Saved scenarios in one table; safe to share between threads and sessions.

    ``created`` is True when this store was just made (for SQLite: the file did not
    exist yet), so the app can say that no earlier scenarios were found there.
    """

    def __init__(self, url: str) -> None:
        try:
            self.url = sa.make_url(url)
        except sa_exc.ArgumentError as exc:
            raise StoreError("Het adres van de scenario-opslag is ongeldig; controleer OPBOUW_STORE_URL.") from exc
        if self.url.drivername in ("postgresql", "postgres"):
            self.url = self.url.set(drivername="postgresql+psycopg")  # the driver in requirements.txt
        self.where = _describe(self.url)
        self.created = False
        kwargs: dict = {"future": True}
        if self.url.get_backend_name() == "sqlite":
            kwargs["connect_args"] = {"timeout": _SQLITE_BUSY_TIMEOUT_S}
            if self.url.database and not self.url.query.get("mode"):
                path = Path(self.url.database)
                self.created = not path.exists()
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    log.warning("scenario store folder %s cannot be made: %s", path.parent, exc)
                    raise StoreError(
                        "De map voor de scenario-opslag kan niet worden gemaakt; "
                        "bewaren en openen van scenario's werkt nu niet."
                    ) from exc
            if not self.url.database:
                kwargs["poolclass"] = sa.pool.StaticPool  # one in-memory database for every thread
                kwargs["connect_args"]["check_same_thread"] = False
        else:
            kwargs["pool_pre_ping"] = True
        try:
            self.engine = sa.create_engine(self.url, **kwargs)
        except (sa_exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"De scenario-opslag kan niet worden geopend ({self.url.get_backend_name()}).") from exc
        if self.url.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        with self._errors("openen"):
            metadata.create_all(self.engine)

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Database errors as a StoreError that says what failed and what still works."""
        try:
            yield
        except StoreError:
            raise
        except (sa_exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
            log.warning("scenario store %s: %s failed: %s", self.url.render_as_string(), action, exc)
            text = str(getattr(exc, "orig", exc)).lower()
            if "readonly" in text or "read-only" in text or "read only" in text:
                reason = f"{self.where} is alleen-lezen"
            elif "not a database" in text or "malformed" in text or "file is encrypted" in text:
                reason = f"{self.where} is beschadigd of geen scenario-opslag"
            elif "unable to open" in text:
                reason = f"{self.where} kan niet worden geopend"
            elif "no such table" in text or "does not exist" in text:
                reason = f"{self.where} is na het starten van de app verwijderd of leeggemaakt; herstart de app"
            elif "locked" in text:
                reason = f"{self.where} is bezet door een ander proces"
            else:
                reason = f"{self.where} gaf een fout ({type(getattr(exc, 'orig', exc)).__name__})"
            raise StoreError(
                f"Scenario's {action} lukt niet: {reason}. De rest van de app werkt gewoon; "
                "neem de link ('Kopieer link') mee om dit scenario te bewaren."
            ) from exc

    def save(self, name: str, note: str, settings: Settings) -> SavedScenario:
        """Store these settings under ``name``: as version 1, or the next version if the name exists."""
        name = clean_text(name, NAME_MAX_CHARS, "De naam")
        if not name:
            raise StoreError("Geef het scenario een naam.")
        note = clean_text(note, NOTE_MAX_CHARS, "De toelichting", multiline=True)
        stored = _settings_json(settings)
        t = scenarios_table
        with self._errors("bewaren"):
            for attempt in range(_SAVE_ATTEMPTS):
                created_at = datetime.now(UTC)
                try:
                    with self.engine.begin() as conn:
                        latest = conn.execute(sa.select(sa.func.max(t.c.version)).where(t.c.name == name)).scalar()
                        row = {
                            "id": _new_id(),
                            "name": name,
                            "version": (latest or 0) + 1,
                            "note": note,
                            "settings": stored,
                            "created_at": created_at,
                            "removed_at": None,
                        }
                        conn.execute(t.insert().values(**row))
                except sa_exc.IntegrityError:
                    # Another session saved the same name (or drew the same id) at the same moment: try again.
                    time.sleep(0.005 * (attempt + 1) + secrets.randbelow(10) / 1000)
                    continue
                return SavedScenario(
                    id=row["id"],
                    name=name,
                    version=row["version"],
                    note=note,
                    created_at=created_at,
                    settings=_settings_from_json(stored)[0],
                )
        raise StoreError("Bewaren lukt nu niet: te veel gelijktijdige opslagen onder deze naam. Probeer het opnieuw.")

    def get(self, scenario_id: str) -> SavedScenario | None:
        """The saved scenario with this id (also when it was removed), or None."""
        if not isinstance(scenario_id, str) or not ID_PATTERN.match(scenario_id):
            return None
        with self._errors("openen"), self.engine.connect() as conn:
            row = conn.execute(sa.select(scenarios_table).where(scenarios_table.c.id == scenario_id)).first()
        return _saved(row) if row else None

    def list(self, include_removed: bool = False) -> list[SavedScenario]:
        """Saved scenarios, newest first."""
        t = scenarios_table
        query = sa.select(t).order_by(t.c.created_at.desc(), t.c.name, t.c.version.desc())
        if not include_removed:
            query = query.where(t.c.removed_at.is_(None))
        with self._errors("opvragen"), self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [_saved(row) for row in rows]

    def remove(self, scenario_id: str) -> bool:
        """Mark a saved scenario as removed; False if there was no such (unremoved) scenario."""
        t = scenarios_table
        if not isinstance(scenario_id, str) or not ID_PATTERN.match(scenario_id):
            return False
        with self._errors("verwijderen"), self.engine.begin() as conn:
            done = conn.execute(
                t.update().where(t.c.id == scenario_id, t.c.removed_at.is_(None)).values(removed_at=datetime.now(UTC))
            )
        return done.rowcount == 1

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never wait for a writer. Not possible on a read-only file, which is fine.
    with suppress(sqlite3.Error):
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a confirmed save survives a crash of the server
    cursor.close()


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite gives naive datetimes back; every time in this store is UTC.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _saved(row) -> SavedScenario:
    settings, problems = _settings_from_json(row.settings)
    return SavedScenario(
        id=row.id,
        name=row.name,
        version=row.version,
        note=row.note,
        created_at=_aware(row.created_at),
        settings=settings,
        removed_at=_aware(row.removed_at),
        problems=tuple(problems),
    )


def store_url_from(environ: Mapping[str, str], app_root: Path) -> str:
    """The store's URL: ``OPBOUW_STORE_URL``, else ``OPBOUW_STORE_PATH`` (a SQLite file), else the default file."""
    if environ.get("OPBOUW_STORE_URL"):
        return environ["OPBOUW_STORE_URL"]
    if environ.get("OPBOUW_STORE_PATH"):
        return sqlite_url(Path(environ["OPBOUW_STORE_PATH"]))
    return sqlite_url(default_sqlite_path(app_root))

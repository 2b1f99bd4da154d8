"""The lists' indexes a first download sets aside come back, even after the process was killed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from app.local_cache import LocalCache, open_local_cache
from app.profile import Profile
from local_db import set_aside_indexes
from local_db.models import SetAsideIndex
from local_db.set_aside_indexes import LIST_INDEXES, put_back, set_aside


def index_sql(profile: Profile) -> dict[str, str]:
    cache = open_local_cache(profile)
    try:
        with cache.sessions() as session:
            rows = session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
            return dict(rows.all())
    finally:
        cache.close()


def search_automerge(cache: LocalCache) -> set[int]:
    """How many segments of one level each search index merges at (documents and dossiers', reports')."""
    with cache.sessions() as session:
        return {
            session.scalar(text(f"SELECT v FROM {index}_config WHERE k = 'automerge'"))
            for index in ("search_index", "feedback_search_index")
        }


def test_set_aside_drops_only_the_list_indexes_and_put_back_builds_them_as_they_were(profile: Profile) -> None:
    before = index_sql(profile)
    assert set(LIST_INDEXES) <= set(before)
    cache = open_local_cache(profile)
    try:
        with cache.sessions.begin() as session:
            set_aside(session)
        with cache.sessions() as session:
            left = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'")))
            recorded = set(session.scalars(select(SetAsideIndex.name)))
        assert left.isdisjoint(LIST_INDEXES) and recorded == set(LIST_INDEXES)
        assert "ix_document_merge_key" in left  # the sync itself reads it
        assert search_automerge(cache) == {16}  # the search indexes merge less often meanwhile
        assert put_back(cache.sessions) == len(LIST_INDEXES)
        assert put_back(cache.sessions) == 0
        assert search_automerge(cache) == {4}
    finally:
        cache.close()
    assert index_sql(profile) == before


def test_indexes_left_aside_by_a_killed_process_are_built_when_the_cache_opens(profile: Profile) -> None:
    before = index_sql(profile)
    # A process that sets the indexes aside and dies (SIGKILL, no clean-up) before putting them back.
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from app.local_cache import open_local_cache
        from app.profile import Profile
        from local_db.set_aside_indexes import set_aside
        cache = open_local_cache(Profile(Path({str(profile.root)!r})))
        with cache.sessions.begin() as session:
            set_aside(session)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    died = subprocess.run([sys.executable, "-c", script], check=False)
    assert died.returncode == -9
    with sqlite3.connect(profile.database_path) as connection:  # as the kill left it
        assert connection.execute("SELECT count(*) FROM set_aside_index").fetchone() == (len(LIST_INDEXES),)
    assert index_sql(profile) == before


def test_a_cache_whose_indexes_cannot_be_built_yet_still_opens(
    profile: Profile, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cache = open_local_cache(profile)
    with cache.sessions.begin() as session:
        set_aside(session)
    cache.close()

    def disk_full(_session: object, _create_sql: str) -> None:
        raise OperationalError("CREATE INDEX", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(set_aside_indexes, "_build", disk_full)
    cache = open_local_cache(profile)
    cache.close()
    assert "stay aside for now" in caplog.text

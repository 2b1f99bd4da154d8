"""JSON for the cache's and the service's JSON columns and the change feed."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, timedelta, timezone

from kernel.json_codec import json_bytes, json_text, json_value


def test_it_reads_back_what_it_writes_with_vietnamese_text_unescaped() -> None:
    value = {"recipients": ["Ủy ban nhân dân Phường Bến Thành"], "trail": [{"at": "2026-11-26", "n": 3}]}
    assert json_value(json_text(value)) == value
    assert "Ủy ban" in json_text(value)


def test_dates_and_datetimes_are_written_as_isoformat_writes_them() -> None:
    for moment in (
        datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
        datetime(2026, 11, 26, 10, 0, 0, 123, tzinfo=UTC),
        datetime(2026, 11, 26, 17, 0, tzinfo=timezone(timedelta(hours=7))),
        date(2026, 1, 2),
    ):
        assert json_bytes({"at": moment}) == json.dumps({"at": moment.isoformat()}, separators=(",", ":")).encode()


def test_what_orjson_refuses_is_written_as_the_standard_library_writes_it() -> None:
    huge = {"n": 2**70, 1: "key that is not text"}
    assert json_value(json_text(huge)) == {"n": 2**70, "1": "key that is not text"}


def test_text_an_older_version_stored_with_nan_still_reads() -> None:
    assert math.isnan(json_value('{"a": NaN}')["a"])

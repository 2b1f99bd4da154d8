"""The directory of agencies and units the central service ships with (it sends it to the desks in its
change feed, like any other change)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.agency_code import Succession, parse_agency_code
from kernel.resources import load_json_resource

DIRECTORY_RESOURCE = "data/agency_directory.json"


@dataclass(frozen=True)
class AgencyEntry:
    code: str
    name: str
    valid_to: date | None = None
    is_ward: bool = False
    placeholder: bool = False  # a code of the right shape, not confirmed: the service's directory replaces it

    @property
    def level(self) -> int | None:
        return parse_agency_code(self.code).level

    @property
    def parent_code(self) -> str | None:
        parent = parse_agency_code(self.code).parent
        return None if parent is None else parent.code


@dataclass(frozen=True)
class AgencyDirectory:
    agencies: tuple[AgencyEntry, ...]
    successions: dict[str, Succession]

    def wards(self) -> list[AgencyEntry]:
        """The city's wards, communes and special zone in use today (not the closed old units)."""
        return [entry for entry in self.agencies if entry.is_ward and entry.valid_to is None]

    def name_of(self, code: str) -> str | None:
        return next((entry.name for entry in self.agencies if entry.code == code), None)


def directory_from_json(data: dict[str, Any]) -> AgencyDirectory:
    agencies = tuple(
        AgencyEntry(
            code=parse_agency_code(item["code"]).code,
            name=item["name"],
            valid_to=date.fromisoformat(item["valid_to"]) if item.get("valid_to") else None,
            is_ward=item.get("kind") == "ward",
            placeholder=bool(item.get("placeholder", False)),
        )
        for item in data["agencies"]
    )
    successions = {
        item["code"]: Succession(item["code"], item["successor"], date.fromisoformat(item["valid_from"]))
        for item in data["successions"]
    }
    return AgencyDirectory(agencies, successions)


def load_shipped_directory() -> AgencyDirectory:
    return directory_from_json(load_json_resource(DIRECTORY_RESOURCE))

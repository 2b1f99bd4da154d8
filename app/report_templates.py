"""The printed registers' and reports' layouts are Jinja2 templates in ``resources/forms`` (the domain
note: layouts as templates, not code), found through ``kernel.resources`` so a built program finds
them too. Every value is escaped (names and addresses come from citizens and other systems) and a
name the template misspells is an error, not an empty cell."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from app.domain.working_calendar import as_vn_time
from kernel.resources import resources_dir

FORMS_FOLDER = "forms"


def render(name: str, **context: Any) -> str:
    """The template ``resources/forms/<name>`` filled with ``context``."""
    return _environment().get_template(name).render(**context)


@cache
def _environment() -> Environment:
    # One environment for the process: it keeps the compiled templates; rendering is thread-safe.
    environment = Environment(
        loader=FileSystemLoader(resources_dir() / FORMS_FOLDER),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(day=day_text, hour=hour_text, breakable=breakable)
    return environment


BREAK_OPPORTUNITY = "\u200b"  # a zero-width space: where a line may break, invisible otherwise


def breakable(text: str) -> str:
    """``text`` with a line break allowed after each hyphen: a dossier code is 25 characters without
    one (Unicode forbids a break between a hyphen and a digit), too wide for a register's column."""
    return text.replace("-", "-" + BREAK_OPPORTUNITY)


def day_text(value: date | datetime | None) -> str:
    """dd/mm/yyyy, a time as its day in Vietnam; nothing for None."""
    if value is None:
        return ""
    day = as_vn_time(value).date() if isinstance(value, datetime) else value
    return day.strftime("%d/%m/%Y")


def hour_text(value: datetime | None) -> str:
    """HH:MM in Vietnam; nothing for None."""
    return "" if value is None else as_vn_time(value).strftime("%H:%M")

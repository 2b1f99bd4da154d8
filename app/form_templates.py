"""The layouts of every printed paper of the one-stop counter (Mẫu 01-07) and its monthly report are
Jinja2 templates in ``resources/forms`` (the domain note: layouts as templates, not code), found
through ``kernel.resources`` so a built program finds them too. One environment for the process:
every value is escaped (names and addresses come from citizens and other systems), a name a template
misspells is an error, not an empty cell, and an empty field prints blank, never "None". Jinja2
loads when a paper is first made, not with the window."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from app.domain.working_calendar import as_vn_time
from app.export_format import format_date
from kernel.resources import resources_dir

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

FORMS_FOLDER = "forms"
BREAK_OPPORTUNITY = "\u200b"  # a zero-width space: where a line may break, invisible otherwise


def render(name: str, **context: Any) -> str:
    """The template ``resources/forms/<name>`` filled with ``context``."""
    return environment().get_template(name).render(**context)


@cache
def environment() -> jinja2.Environment:
    import jinja2

    # kept for the process: it holds the compiled templates, and rendering is thread-safe
    made = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources_dir() / FORMS_FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=lambda value: "" if value is None else value,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    made.filters.update(
        day=day_text, hour=hour_text, breakable=breakable, long_date=long_date, time_and_date=time_and_date,
        date_and_time=date_and_time, lines=lines,
    )  # fmt: skip
    return made


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


def long_date(value: datetime | None) -> str:
    """ "ngày 25 tháng 11 năm 2026", as the place-and-date line and the forms' prose print dates."""
    if value is None:
        return "ngày … tháng … năm …"
    day = as_vn_time(value)
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def time_and_date(value: datetime | None) -> str:
    """ "09 giờ 30 phút, ngày 25 tháng 11 năm 2026"."""
    if value is None:
        return "… giờ … phút, ngày … tháng … năm …"
    moment = as_vn_time(value)
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {long_date(moment)}"


def date_and_time(value: datetime | None) -> Markup:
    """ "23/11/2026" over "08:15", for a narrow column."""
    from markupsafe import Markup

    if value is None:
        return Markup("")
    moment = as_vn_time(value)
    return Markup("<br>").join((format_date(moment), moment.strftime("%H:%M")))


def lines(text: str) -> Markup:
    """Text typed on several lines keeps its lines (each escaped)."""
    from markupsafe import Markup

    return Markup("<br>").join(line.strip() for line in str(text).splitlines() if line.strip())

"""The officials of a unit, as the desks' assignment picker lists them: names only, never logins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central.models import Account


def unit_officials(session: Session, unit_code: str, now: datetime) -> list[dict[str, str]]:
    """Each official of ``unit_code`` whose account works today, by name (one entry per name)."""
    names = session.scalars(
        select(Account.display_name)
        .where(Account.unit_code == unit_code, Account.role.in_(("official", "leader")))
        .where(or_(Account.disabled_at.is_(None), Account.disabled_at > now))
        .order_by(Account.display_name)
    )
    return [{"name": name} for name in dict.fromkeys(names)]

"""Who sees a 1022 reporter's contact: the official the report is assigned to and the unit's leaders.

Everyone else of the unit gets the report with the contact fields empty and ``contact_hidden`` set,
so a desk tells "hidden from you" from "anonymous". The fields are sent empty rather than left out:
a desk that saw the contact while the report was assigned to it loses it once it is reassigned.
"""

from __future__ import annotations

from typing import Any

from central.models import Account

CONTACT_FIELDS = ("reporter_name", "reporter_phone", "reporter_email")
SEES_EVERY_CONTACT = frozenset({"leader"})


def may_see_contact(account: Account, item: dict[str, Any]) -> bool:
    if item.get("anonymous"):
        return False
    assigned_here = bool(item.get("assignee")) and item["assignee"] == account.display_name
    return account.role in SEES_EVERY_CONTACT or assigned_here


def shown_to(account: Account, kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """``item`` (a kind's JSON) as ``account`` may see it: a report's contact only when allowed."""
    if kind != "feedback":
        return item
    if may_see_contact(account, item):
        return {**item, "contact_hidden": False}
    hidden = not item.get("anonymous")
    return {**item, **dict.fromkeys(CONTACT_FIELDS), "contact_hidden": hidden}

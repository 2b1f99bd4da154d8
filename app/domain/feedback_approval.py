"""Approving a 1022 answer is a leader's act (issue 20): only an account whose role on the service is
``leader`` approves a drafted answer or returns it for revision.

The service refuses anyone else (central.feedback_actions). The desk leaves the two actions out for an
account it knows is not a leader (app.item_actions.ItemActions.offered) and offers them while it does not
know the role yet (a cache from before the desk kept it, until the account's next sign-in or token
renewal records it): then the service decides. Sending the approved answer to 1022 is not a leader's
act: once a leader approved it, whoever of the unit handles the report sends it.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.workflow import Action

LEADER_ACTIONS = frozenset({("feedback", "approve_answer"), ("feedback", "return_answer")})
LEADER_ROLES = frozenset({"leader"})


def is_leader_act(kind: str, action: str) -> bool:
    return (kind, action) in LEADER_ACTIONS


def refused_for_role(kind: str, action: str, role: str | None) -> bool:
    """Whether an account of service role ``role`` is known to be refused ``action`` on a ``kind`` item:
    a leader's act by one that is not a leader. An unknown role (None) is not refused here."""
    return is_leader_act(kind, action) and role is not None and role not in LEADER_ROLES


def offered_to_role(kind: str, actions: Sequence[Action], role: str | None) -> list[Action]:
    """``actions`` less the ones an account of ``role`` is known to be refused."""
    return [action for action in actions if not refused_for_role(kind, action.name, role)]

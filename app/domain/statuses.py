"""The states the desk keeps for its own bookkeeping, spelled once. They are ``StrEnum``s: stored in
the cache as their text, and equal to it, so the database and older files need no change."""

from __future__ import annotations

from enum import StrEnum


class SyncState(StrEnum):
    """Of an item or a comment in the cache: has the server seen what was done to it here?"""

    SYNCED = "synced"  # the server's copy; nothing of ours waits
    PENDING = "pending"  # an action waits in the outbox
    REJECTED = "rejected"  # the server said no: the item needs the user's attention


class OutboxStatus(StrEnum):
    """Of one action in the outbox."""

    PENDING = "pending"  # waits to be sent
    APPLIED = "applied"  # the server applied it (or had already: a duplicate)
    REJECTED = "rejected"  # the server refused it; shown under "needs attention"
    DISMISSED = "dismissed"  # the user has seen the refusal and given the action up
    REDONE = "redone"  # refused; the user did it again on the item as it is now (a new entry)
    STRANDED = "stranded"  # its account was retired before it could be sent
    WITHDRAWN = "withdrawn"  # the user took it back before it was sent (app.action_undo)


# The actions that still ask something of the user, and those that leave an item unsettled.
NEEDS_USER = (OutboxStatus.REJECTED, OutboxStatus.STRANDED)
UNSETTLED = (OutboxStatus.PENDING, OutboxStatus.REJECTED, OutboxStatus.STRANDED)


class AccountStatus(StrEnum):
    ACTIVE = "active"
    SIGNED_OUT = "signed_out"  # its secret forgotten; signing in again brings it back
    RETIRED = "retired"  # an old account past its last day: read-only for good


class MutationOutcome(StrEnum):
    """The central service's answer to one pushed action (the sync protocol, docs/sync-protocol.md)."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"  # applied once before; ``original_status`` says how it went then
    REJECTED = "rejected"  # refused, with a reason code and the item's current state
    RETRY = "retry"  # nothing decided (busy, a conflict in flight): send it again later

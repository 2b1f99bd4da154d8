"""The official's meetings: read from the invitations the desk receives, changed by the letters that
change or cancel them, confirmed and annotated by the official.

A pull calls ``absorb_letters`` in the transaction that writes its documents, so a meeting appears with
its invitation and a re-sync (a snapshot downloaded again after ``must_refetch``) reads the same letters
to the same facts and changes nothing. The letters' facts and the official's own fields are kept apart:
a letter that changes the time or the place takes over those fields (the organiser decides them) and
raises the calendar event's SEQUENCE, while the official's attendees and note stay; a change of time or
place asks the official to confirm again. None of it syncs: it is this official's calendar.

A letter finds its meeting through the invitation's own row (an edXML update of the same document), the
documents an edXML replacement names, or the invitation number it cites ("Giấy mời số 12/GM-UBND").
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError, tr_noop
from app.domain.invitations import (
    InvitationRef,
    LetterReading,
    MeetingFacts,
    fold_in_place,
    own_reference,
    read_letter,
)
from app.domain.workflow import IncomingState
from app.domain.working_calendar import VN_TZ
from local_db.models import Document, Meeting, Source

UID_NAMESPACE = uuid.UUID("6f1d2c3e-5b7a-4c1e-9a0d-3e2f1b4c5d6e")  # Ward Desk's meetings
UID_DOMAIN = "ward-desk"
# The facts a letter gives and the calendar event carries: a change of one raises the SEQUENCE.
LETTER_FIELDS = ("title", "starts_at", "ends_at", "place", "chair", "link", "room")
# A change of one of these asks the official to confirm again.
RECONFIRM_FIELDS = ("starts_at", "ends_at", "place", "link", "room")
LONGEST_NOTE = 4000
MOST_ATTENDEES = 50
COMING = timedelta(days=7)  # the navigator counts the meetings of the next seven days


@dataclass(frozen=True)
class MeetingView:
    """A meeting as the window shows it."""

    id: int
    uid: str
    sequence: int
    title: str
    starts_at: datetime  # Vietnam's time
    ends_at: datetime | None
    place: str
    chair: str
    link: str
    room: str
    online: bool
    cancelled: bool
    confirmed: bool
    attendees: tuple[str, ...]
    note: str
    organiser: str
    invitation: str  # "12/GM-UBND"
    changed_by: str | None  # the letter that last changed it


@dataclass(frozen=True)
class OwnChanges:
    """What the official sets in the meeting's dialog: the time, place and link as they will attend,
    who attends, and their note; ``confirmed`` marks the meeting as in their calendar."""

    starts_at: datetime
    ends_at: datetime | None
    place: str
    link: str
    room: str
    attendees: tuple[str, ...]
    note: str
    confirmed: bool = True


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def _label(number: str | None, notation: str | None) -> str:
    return "/".join(part for part in (number, notation) if part)


def _view(meeting: Meeting) -> MeetingView:
    return MeetingView(
        meeting.id, meeting.uid, meeting.sequence, meeting.title, meeting.starts_at.astimezone(VN_TZ),
        meeting.ends_at.astimezone(VN_TZ) if meeting.ends_at is not None else None, meeting.place, meeting.chair,
        meeting.link, meeting.room, meeting.online, meeting.cancelled, meeting.confirmed, tuple(meeting.attendees),
        meeting.note, meeting.organiser, _label(meeting.number, meeting.notation), meeting.changed_by,
    )  # fmt: skip


# -- reading -------------------------------------------------------------------------------------------


def meetings_between(session: Session, first: date) -> list[MeetingView]:
    """The meetings starting on ``first`` and the six days after it (Vietnam's days), by time."""
    start = datetime.combine(first, time(0), tzinfo=VN_TZ)
    rows = session.scalars(
        select(Meeting)
        .where(Meeting.starts_at >= start, Meeting.starts_at < start + timedelta(days=7))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return [_view(meeting) for meeting in rows]


def meeting_view(session: Session, meeting_id: int) -> MeetingView | None:
    meeting = session.get(Meeting, meeting_id)
    return _view(meeting) if meeting is not None else None


def count_coming(session: Session, now: datetime) -> int:
    """Meetings not cancelled that start within COMING from now (the navigator's count)."""
    query = select(func.count()).where(
        Meeting.starts_at >= now, Meeting.starts_at < now + COMING, Meeting.cancelled.is_(False)
    )
    return session.scalar(query) or 0


def reminders_due(session: Session, now: datetime, minutes: int) -> list[MeetingView]:
    """Meetings starting within ``minutes`` that have not been reminded of for their present time."""
    rows = session.scalars(
        select(Meeting)
        .where(Meeting.starts_at > now, Meeting.starts_at <= now + timedelta(minutes=minutes))
        .where(Meeting.cancelled.is_(False))
        .order_by(Meeting.starts_at)
    )
    return [_view(meeting) for meeting in rows if meeting.reminded_for != meeting.starts_at]


def mark_reminded(session: Session, meeting_ids: Iterable[int]) -> None:
    for meeting_id in meeting_ids:
        meeting = session.get(Meeting, meeting_id)
        if meeting is not None:
            meeting.reminded_for = meeting.starts_at


# -- the official's own --------------------------------------------------------------------------------


def save_own(session: Session, meeting_id: int, changes: OwnChanges, now: datetime) -> MeetingView:
    """The official's time, place, link, attendees and note; a change the calendar sees raises the
    SEQUENCE, so the exported event updates the one imported before."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise DomainError("meeting.gone", tr_noop("This meeting is no longer on this computer."))
    if changes.ends_at is not None and changes.ends_at <= changes.starts_at:
        raise DomainError("meeting.ends_first", tr_noop("The meeting must end after it starts."))
    wanted: dict[str, Any] = {
        "starts_at": changes.starts_at, "ends_at": changes.ends_at, "place": changes.place.strip()[:300],
        "link": changes.link.strip()[:1000], "room": changes.room.strip()[:300],
    }  # fmt: skip
    moved = [name for name, value in wanted.items() if _differs(getattr(meeting, name), value)]
    for name in moved:
        setattr(meeting, name, wanted[name])
    if moved or changes.confirmed != meeting.confirmed:  # the calendar shows it confirmed or tentative
        meeting.sequence += 1
    meeting.attendees = [" ".join(name.split())[:200] for name in changes.attendees if name.strip()][:MOST_ATTENDEES]
    meeting.note = changes.note.strip()[:LONGEST_NOTE]
    meeting.confirmed = changes.confirmed
    meeting.updated_at = now
    session.flush()
    return _view(meeting)


def _differs(stored: Any, wanted: Any) -> bool:
    if isinstance(stored, datetime) and isinstance(wanted, datetime):
        return stored != wanted
    return (stored or None) != (wanted or None)


# -- reading letters at each pull ------------------------------------------------------------------------


def absorb_letters(session: Session, source_id: int, remote_ids: list[str], now: datetime) -> int:
    """Meetings made or changed from these just-written documents of ``source_id``; how many changed."""
    if not remote_ids:
        return 0
    known = _Known.load(session, source_id)
    changed = 0
    for start in range(0, len(remote_ids), 500):
        documents = session.scalars(
            select(Document)
            .where(Document.source_id == source_id, Document.remote_id.in_(remote_ids[start : start + 500]))
            .where(Document.direction == "incoming", Document.duplicate_of.is_(None))
            .order_by(Document.issued_on, Document.id)
        )
        for document in documents:
            changed += _absorb(session, known, document, now)
    session.flush()
    return changed


# A meeting in _Known: its id, or the object itself while it is new (not flushed: one INSERT for all).
_MeetingKey = int | Meeting


@dataclass
class _Known:
    """The source's meetings by id, looked up by the letters that made or changed them (remote ids and
    edXML ids) and by their invitation numbers: read as plain columns into dictionaries, since a first sync
    reads thousands of letters; a meeting becomes an ORM object only when a letter concerns it."""

    session: Session
    source_code: str
    source_id: int
    by_letter_id: dict[str, _MeetingKey] = field(default_factory=dict)
    by_edxml_id: dict[str, _MeetingKey] = field(default_factory=dict)
    by_ref: dict[InvitationRef, list[tuple[_MeetingKey, str | None]]] = field(default_factory=dict)  # with its issuer

    @classmethod
    def load(cls, session: Session, source_id: int) -> _Known:
        code = session.scalar(select(Source.code).where(Source.id == source_id)) or str(source_id)
        known = cls(session, code, source_id)
        columns = select(Meeting.id, Meeting.letters, Meeting.number, Meeting.notation, Meeting.organiser_code)
        for row in session.execute(columns.where(Meeting.source_id == source_id)):
            known._index(*row)
        return known

    def add(self, meeting: Meeting) -> None:
        """Index ``meeting`` (new, or again after a letter joined it)."""
        key = meeting.id if meeting.id is not None else meeting
        self._index(key, meeting.letters, meeting.number, meeting.notation, meeting.organiser_code)

    def _index(self, key: _MeetingKey, letters: list[dict[str, Any]], number: str | None, notation: str | None,
               organiser: str | None) -> None:  # fmt: skip
        for letter in letters:
            self.by_letter_id[str(letter.get("id"))] = key
            if letter.get("edxml"):
                self.by_edxml_id[letter["edxml"]] = key
        ref = own_reference(number, notation)
        if ref is not None and (key, organiser) not in self.by_ref.setdefault(ref, []):
            self.by_ref[ref].append((key, organiser))

    def _meeting(self, key: _MeetingKey | None) -> Meeting | None:
        if key is None or isinstance(key, Meeting):
            return key
        return self.session.get(Meeting, key)

    def by_letter(self, remote_id: str) -> Meeting | None:
        return self._meeting(self.by_letter_id.get(remote_id))

    def by_edxml(self, edxml_ids: list[str]) -> Meeting | None:
        return self._meeting(next((self.by_edxml_id[i] for i in edxml_ids if i in self.by_edxml_id), None))

    def by_reference(self, reading: LetterReading, issuer: str | None) -> Meeting | None:
        """The invitation a letter cites; of two with that number, the one its issuer sent."""
        found = [entry for ref in reading.refers_to for entry in self.by_ref.get(ref, [])]
        same_issuer = [entry for entry in found if issuer is not None and entry[1] == issuer]
        chosen = same_issuer or found
        return self._meeting(chosen[0][0] if chosen else None)


def _absorb(session: Session, known: _Known, document: Document, now: datetime) -> int:
    reading = read_letter(document.subject, document.content, document.doc_type, document.number,
                          document.notation, document.issued_on)  # fmt: skip
    withdrawn = document.state == IncomingState.WITHDRAWN.value
    remote_id = document.remote_id or ""
    meeting = (
        known.by_letter(remote_id)
        or known.by_edxml(list(document.replaces or []))
        or known.by_reference(reading, document.issuing_agency_code)
    )
    if meeting is None:
        if not reading.invitation or withdrawn or document.state == IncomingState.REPLACED.value:
            return 0
        known.add(_new_meeting(session, known, document, reading, now))
        return 1
    digest = reading.digest() + (":withdrawn" if withdrawn else "")
    letter = next((entry for entry in meeting.letters if entry.get("id") == remote_id), None)
    if letter is not None and letter.get("digest") == digest:
        return 0  # the same letter pulled again: nothing new
    _apply(meeting, reading, document, withdrawn, now)
    meeting.letters = [e for e in meeting.letters if e.get("id") != remote_id] + [_letter_entry(document, digest)]
    known.add(meeting)
    return 1


def _facts_record(facts: MeetingFacts) -> dict[str, Any]:
    """The facts a letter gives, as stored (times in ISO form); what it leaves out is not there."""
    record: dict[str, Any] = {}
    for name in LETTER_FIELDS:
        value = getattr(facts, name)
        if value:
            record[name] = value.isoformat() if isinstance(value, datetime) else value
    return record


def _column_value(name: str, value: Any) -> Any:
    return datetime.fromisoformat(value) if name in ("starts_at", "ends_at") and value else value


def _new_meeting(session: Session, known: _Known, document: Document, reading: LetterReading, now: datetime) -> Meeting:
    facts = reading.facts
    assert facts.starts_at is not None  # an invitation has its time (read_letter)
    remote_id = document.remote_id or ""
    meeting = Meeting(
        source_id=known.source_id, document_remote_id=remote_id, uid=meeting_uid(known.source_code, remote_id),
        sequence=0, number=document.number, notation=document.notation, organiser=document.issuing_agency_name,
        organiser_code=document.issuing_agency_code, title=facts.title, starts_at=facts.starts_at,
        ends_at=facts.ends_at, place=facts.place, chair=facts.chair, link=facts.link, room=facts.room,
        online=facts.online, cancelled=False, letter_facts=_facts_record(facts), changed_by=None, confirmed=False,
        attendees=[], note="", updated_at=now, letters=[_letter_entry(document, reading.digest())],
    )  # fmt: skip
    session.add(meeting)
    return meeting


def _letter_entry(document: Document, digest: str) -> dict[str, Any]:
    """What a meeting keeps of a letter that made or changed it: how to find it again (its remote id, its
    edXML id), the digest of what it said (pulled again unchanged: nothing to do) and its number to show."""
    return {"id": document.remote_id or "", "edxml": document.edxml_document_id, "digest": digest,
            "label": _label(document.number, document.notation)}  # fmt: skip


def meeting_uid(source_code: str, remote_id: str) -> str:
    """The calendar event's UID: the same invitation gives the same one, even in a rebuilt cache."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{fold_in_place(source_code)}:{remote_id}')}@{UID_DOMAIN}"


def _apply(meeting: Meeting, reading: LetterReading, document: Document, withdrawn: bool, now: datetime) -> None:
    """A letter's facts where they differ from what the letters said before; a cancellation cancels."""
    record = _facts_record(reading.facts)
    if document.remote_id != meeting.document_remote_id:
        record.pop("title", None)  # a change letter's subject is not the meeting's name
    changed = [name for name, value in record.items() if meeting.letter_facts.get(name) != value]
    if "starts_at" in changed and "ends_at" not in record and meeting.ends_at is not None:
        moved_by = _column_value("starts_at", record["starts_at"]) - meeting.starts_at
        meeting.ends_at += moved_by  # the length the official set moves with the new time
    for name in changed:
        setattr(meeting, name, _column_value(name, record[name]))
    meeting.letter_facts = {**meeting.letter_facts, **record}
    if reading.facts.online:
        meeting.online = True
    cancelled = withdrawn or reading.cancels
    uncancelled = not cancelled and meeting.cancelled and "starts_at" in changed  # put on again at a new time
    if changed or (cancelled and not meeting.cancelled) or uncancelled:
        meeting.sequence += 1
        meeting.changed_by = _label(document.number, document.notation) or None
        meeting.updated_at = now
    if cancelled:
        meeting.cancelled = True
    elif uncancelled:
        meeting.cancelled = False
    if any(name in RECONFIRM_FIELDS for name in changed) or cancelled:
        meeting.confirmed = False

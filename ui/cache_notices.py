"""What the window says of its cache file: rebuilt after damage (what was rescued from it, what was
lost), or found damaged while in use. In the window's context ("MainWindow"), where they were first said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from app.local_cache import Recovery

translate = QCoreApplication.translate


def recovery_text(recovery: Recovery) -> str:
    """The cache was rebuilt: why, what was kept and rescued, what may be lost, where the damaged file is."""
    text = translate(
        "MainWindow",
        "The data file on this computer was damaged ({reason}) and has been rebuilt: Ward Desk is "
        "downloading your documents and dossiers again from the server. {accounts} account(s) kept. "
        "The damaged file is kept in {path}.",
    ).format(reason=_damage_words(recovery.kind), accounts=recovery.accounts, path=recovery.moved_to)
    kept = translate("MainWindow", "{count} action(s) not yet settled with the server were rescued from it.")
    held = translate(
        "MainWindow",
        "{count} action(s) were damaged in it and have not been sent: they wait under “Needs attention” for "
        "you to check, then do again or give up.",
    )
    lost = translate(
        "MainWindow",
        "{count} action(s) that had not reached the server could not be read from it: please do them again.",
    )
    for count, sentence in (
        (recovery.actions_kept, kept),
        (recovery.actions_held, held),
        (recovery.actions_lost, lost),
    ):
        if count:
            text += " " + sentence.format(count=count)
    if recovery.lost_uncertain:
        text += " " + translate(
            "MainWindow",
            "Part of the file could not be read: an action done shortly before may be missing. Please check "
            "your latest work.",
        )
    return text


def damaged_text(reason: str) -> str:
    """Damage met in use; ``reason`` (English, technical) is for the log, the user reads what it means."""
    from app.local_cache import damage_kind

    return translate(
        "MainWindow",
        "The data file on this computer is damaged ({reason}). Please restart Ward Desk: it will "
        "rebuild the file from the server and keep your accounts.",
    ).format(reason=_damage_words(damage_kind(reason)))


def _damage_words(kind: str) -> str:
    """A damaged file's Recovery.kind in the user's words (local_db.cache_health.damage_kind)."""
    from app.local_cache import BAD_TEXT, EMPTY, TRUNCATED, UNREADABLE  # loaded by now: the cache is open

    if kind == TRUNCATED:
        return translate(
            "MainWindow", "the file is shorter than it should be, as after a copy cut short or a disk fault"
        )
    if kind == EMPTY:
        return translate("MainWindow", "the file was empty, as after a copy cut short or a disk fault")
    if kind == UNREADABLE:
        return translate("MainWindow", "the file could not be opened: part of it is damaged, as after a disk fault")
    if kind == BAD_TEXT:
        return translate("MainWindow", "some of the text in it cannot be read, as after a disk fault")
    return translate("MainWindow", "the check of the file found errors in it")

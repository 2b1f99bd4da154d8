"""Why the central service refused an action: every reason code it can answer a mutation with, each
with its sentence (an English source string marked with ``tr_noop``, so lupdate collects it), and how
a refusal kept in the outbox becomes one sentence in the user's language.

The service sends ``code``, ``message`` (the English template) and ``params``. The desk shows the
message when it has a translation for it and the params fill it; otherwise this registry's sentence
for the code; a code the registry does not know shows ``UNKNOWN_REASON``. The service's own codes
(those with no rule in ``app.domain``) take their message from here (``refusal``), so both sides
spell them once. ``tests/unit/test_rejection_reasons.py`` finds every code in the source and checks
it is here, translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from string import Formatter
from typing import Any

from app.domain.errors import DomainError, tr_noop

UNKNOWN_REASON = tr_noop("The server did not accept this action.")

# The codes only the service (or the desk's outbox) answers with: their message is this sentence.
SERVICE_REASONS: Mapping[str, str] = {
    "not_found": tr_noop("No such item in your unit's queue."),
    "mutation_id_taken": tr_noop("The server had already received this action from another account."),
    "account_retired": tr_noop("The old system no longer accepts this account: redo it in the new system."),
    # local_db.cache_rescue: an action read back from a damaged cache file that could not be trusted to send
    "damaged_here": tr_noop(
        "This action was damaged in the data file on this computer, so it was not sent. Check the item: do "
        "it again if it is still needed, or give it up."
    ),
    "mutation.bad_date": tr_noop("“{value}” is not a date (YYYY-MM-DD)."),
    "send.too_large": tr_noop("The document's files are too large to send on the axis: at most {limit} MB in all."),
    "code_block.enough": tr_noop("This desk already holds {count} blocks of dossier numbers."),
    "dossier_code.not_granted": tr_noop("Dossier code {dossier} is not in a block of numbers granted to this desk."),
    "dossier_code.taken": tr_noop("Dossier code {dossier} is already used."),
    "registration.future": tr_noop("The receipt time of {dossier} is in the future."),
    "registration.other_unit": tr_noop("Dossier code {dossier} belongs to another unit."),
    "registration.unknown_procedure": tr_noop("Procedure {procedure} is not in the catalogue."),
    "feedback.unknown_unit": tr_noop("“{unit}” is not a current unit of the agency directory."),
    "feedback.own_unit": tr_noop("A report cannot be sent back naming this unit itself as the competent one."),
    "feedback.bad_publish": tr_noop("Say whether the answer is to be published (yes or no)."),
    # app.domain.feedback_approval: approving a 1022 answer, or returning it for revision, is a leader's act
    "feedback.leader_only": tr_noop(
        "Only a leader of the unit approves the answer to a 1022 report or returns it for revision."
    ),
}

# The codes of the shared rules (app.domain), which the service checks again. Their message comes
# from the rule (translated already); this sentence stands in when it cannot be shown: no params kept
# (refusals kept before the params were), or no translation for it (a newer service's wording).
RULE_REASONS: Mapping[str, str] = {
    "agency_code.bad_characters": tr_noop(
        "An identification code may hold only digits, capital letters and dots: “{code}”."
    ),
    "agency_code.empty": tr_noop("The identification code is empty."),
    "agency_code.not_standard": tr_noop("“{code}” is not in the form 000.00.00.H29."),
    "agency_code.succession_cycle": tr_noop("The successor list loops back to “{code}”."),
    "agency_code.succession_too_long": tr_noop("The successor chain of “{code}” is too long."),
    "agency_code.too_long": tr_noop("An identification code has at most {limit} characters; “{code}” has {length}."),
    "apology.bad_appointment": tr_noop("The new appointment is not valid."),
    "applicant.bad_email": tr_noop("“{value}” is not an e-mail address."),
    "applicant.bad_id": tr_noop("“{value}” is not a valid identification number."),
    "applicant.bad_kind": tr_noop("The applicant is a person or an organisation."),
    "applicant.bad_phone": tr_noop("“{value}” is not a phone number."),
    "applicant.bad_tax_code": tr_noop("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits (“{value}”)."),
    "applicant.id_birth_year": tr_noop(
        "Identification number {value} belongs to someone born in {year}, not in {born}."
    ),
    "applicant.long_address": tr_noop("The address is longer than 300 characters."),
    "applicant.no_name": tr_noop("Enter the applicant's full name (at most 200 characters)."),
    "applicant.no_tax_code": tr_noop("Enter the organisation's tax code."),
    "calendar.bad_day": tr_noop("The working calendar holds an entry that is not a date."),
    "calendar.bad_government_days": tr_noop("The Government's list of days off and make-up days cannot be read."),
    "calendar.bad_number": tr_noop("The {what} must be a whole number, got {value!r}."),
    "calendar.bad_working_period": tr_noop("The working hours are not valid: {start}–{end}."),
    "calendar.day_off_and_makeup": tr_noop("{day} cannot be both an extra day off and a make-up working day."),
    "calendar.no_working_day": tr_noop(
        "No working day found within {limit} days of {day}; check the calendar settings."
    ),
    "calendar.no_working_hours": tr_noop("At least one working period per day is required."),
    "datetime.naive": tr_noop("The {what} {value} has no time zone; a time zone aware value is required."),
    "datetime.not_datetime": tr_noop("The {what} must be a date and time, got {value!r}."),
    "feedback.bad_commitment": tr_noop("The committed date is not valid."),
    "feedback.commitment_needed": tr_noop(
        "This report is past its due time: the progress note needs a committed answer date."
    ),
    "feedback_rule.bad_day_kind": tr_noop("The answer time of a report counts working or calendar days."),
    "feedback_rule.bad_days": tr_noop("The answer time of a report is not valid."),
    "feedback_rule.bad_due_soon": tr_noop("The days before a report's due time it is listed as due are not valid."),
    "deadline.bad_amount": tr_noop("The statutory time must be a positive whole number."),
    "deadline.bad_clock": tr_noop('The supplement clock must be "restart" or "resume", got {clock!r}.'),
    "deadline.bad_cutoff": tr_noop(
        "The cut-off must be a Vietnam wall-clock time without a time zone, got {cutoff!r}."
    ),
    "deadline.bad_statutory_time": tr_noop("Expected a statutory time, got {value!r}."),
    "deadline.bad_unit": tr_noop('Unknown unit of statutory time {unit!r}; expected "days" or "hours".'),
    "dossier_code.day_full": tr_noop("Unit {unit} has already issued {limit} dossier codes on {day}."),
    "dossier_code.invalid": tr_noop("“{code}” is not a valid dossier code."),
    "dossier_code.no_block": tr_noop("All {limit} daily dossier numbers of the unit are granted to desks until {day}."),
    "dossier_code.no_numbers": tr_noop(
        "This desk has no dossier numbers left for {day}. Connect to the network once: the service "
        "grants the desk a new block of numbers."
    ),
    "draft.coded": tr_noop("Choose the urgency and the confidentiality from the lists."),
    "draft.content_long": tr_noop("The summary has at most {limit} characters."),
    "draft.no_recipient": tr_noop("Choose at least one recipient from the agency directory."),
    "draft.payload": tr_noop("The draft is incomplete or malformed."),
    "draft.recipients": tr_noop("A document goes to at most {limit} recipients at once."),
    "draft.signer": tr_noop("Name who signs the document."),
    "draft.subject": tr_noop("Write the subject (trích yếu) of the document."),
    "draft.subject_long": tr_noop("The subject has at most {limit} characters."),
    "draft.type": tr_noop("Choose the document type from the list."),
    "edxml.attachment_empty": tr_noop("The attachment {name} has no content."),
    "edxml.bad_business_type": tr_noop("The business document type must be 0 to 3."),
    "edxml.bad_content_id": tr_noop("Each attachment needs its own content id."),
    "edxml.bad_document_id_parts": tr_noop("A document id needs an organ code and a number without commas."),
    "edxml.bad_paper": tr_noop("Paper must be 0 or 1."),
    "edxml.bad_priority": tr_noop("The priority must be 0 to 4."),
    "edxml.bad_receiver_type": tr_noop("A receiver change must be 0 or 1."),
    "edxml.bad_replacement": tr_noop(
        "A replacing packet, and only a replacing packet, lists the documents it replaces."
    ),
    "edxml.bad_trace": tr_noop("A trace entry has no valid time."),
    "edxml.bad_update": tr_noop("Only an update packet says what it changes."),
    "edxml.dtd_forbidden": tr_noop("The edXML file declares a DTD, which is refused for safety."),
    "edxml.due_time_without_date": tr_noop("A due time needs a due date."),
    "edxml.empty": tr_noop("The edXML file is empty."),
    "edxml.invalid_character": tr_noop("{field} contains a character that XML cannot carry (U+{codepoint})."),
    "edxml.invalid_encoding": tr_noop("The edXML file is not valid UTF-8 (byte {position})."),
    "edxml.missing_field": tr_noop("The packet has no {field}."),
    "edxml.missing_response_for": tr_noop("The status packet does not say which document it answers."),
    "edxml.missing_sender": tr_noop("The sending agency has no identification code."),
    "edxml.missing_status_code": tr_noop("The status packet has no status code."),
    "edxml.no_message_header": tr_noop("The edXML packet has no message header."),
    "edxml.not_document_packet": tr_noop("The edXML file is a status packet, not a document."),
    "edxml.not_edxml": tr_noop("The XML file is not an edXML packet."),
    "edxml.not_status_packet": tr_noop("The edXML file is a document, not a status packet."),
    "edxml.not_xml": tr_noop("The file is not valid XML ({detail})."),
    "edxml.too_deep": tr_noop("The edXML file nests elements deeper than {limit} levels."),
    "edxml.too_large": tr_noop("The edXML file is larger than {limit} bytes."),
    "edxml.too_many_attachments": tr_noop("The edXML packet has more than {limit} attachments."),
    "edxml.too_many_elements": tr_noop("The edXML file has more than {limit} elements."),
    "edxml.unknown_kind": tr_noop("The edXML packet is neither a document nor a status packet."),
    "edxml.unknown_status": tr_noop('Unknown edXML status code "{value}".'),
    "edxml.unsafe_xml": tr_noop("The edXML file uses unsafe XML features."),
    "edxml.unsupported_encoding": tr_noop("The edXML file declares encoding {encoding}; only UTF-8 is accepted."),
    "edxml.unusable_document": tr_noop("The edXML document has neither a subject nor a number."),
    "procedure.bad_cutoff": tr_noop(
        "The afternoon cut-off must be a time between 11:00 and 17:30, such as 15:00; got “{value}”."
    ),
    "procedure.invalid": tr_noop("Procedure {code} is not described correctly in the catalogue."),
    "registration.invalid": tr_noop("The registration of the dossier is incomplete or not valid."),
    "workflow.illegal_action": tr_noop("“{action}” is not possible while the item is “{state}”."),
    "workflow.missing_field": tr_noop("“{action}” needs a {field}."),
    "workflow.unknown_action": tr_noop("“{action}” is not a known action."),
}

REJECTION_REASONS: Mapping[str, str] = {**RULE_REASONS, **SERVICE_REASONS}


def refusal(code: str, **params: Any) -> DomainError:
    """The service's own refusal ``code`` (one of ``SERVICE_REASONS``), with its sentence."""
    return DomainError(code, SERVICE_REASONS[code], **params)


def placeholders(template: str) -> set[str]:
    """The names a template asks for ("{value!r}" asks for "value")."""
    try:
        return {name.split(".")[0].split("[")[0] for _text, name, _spec, _conv in Formatter().parse(template) if name}
    except ValueError:  # an unmatched brace: not a template we can fill
        return {"{"}


def reason_text(
    code: str | None, message: str | None, params: Mapping[str, Any] | None, translate: Callable[[str], str | None]
) -> str:
    """A refusal as one sentence in the user's language. ``translate`` gives a source string in that
    language, None when it has no translation; params that are labels (an action, a state, a field)
    are translated too. Never a template with its braces: at worst ``UNKNOWN_REASON``."""
    if code in REJECTION_REASONS:
        values = {str(key): _label(value, translate) for key, value in (params or {}).items()}
        for template in (message, REJECTION_REASONS[code]):
            text = _filled(template, values, translate) if template else None
            if text is not None:
                return text
    return translate(UNKNOWN_REASON) or UNKNOWN_REASON


def _filled(template: str, values: dict[str, str], translate: Callable[[str], str | None]) -> str | None:
    """The template in the user's language with ``values``; None when it has no translation or
    asks for a value that is not there."""
    text = translate(template)
    if text is None or not placeholders(template) | placeholders(text) <= values.keys():
        return None
    try:
        return text.format(**values)
    except (ValueError, IndexError, KeyError, AttributeError):  # a translation whose braces do not match
        return None


def _label(value: Any, translate: Callable[[str], str | None]) -> str:
    """A param as shown: a label the service sends in English (an action, a state) translated."""
    if not isinstance(value, str):
        return str(value)
    return translate(value) or value

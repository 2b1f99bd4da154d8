"""A document packet's attachments: the manifest, the base64 payloads, what is listed but missing.

Apart from the packet reader because attachments follow rules of their own: senders place them in
different containers and encode them in two ways, and a broken one is left out with a
:class:`Problem` rather than spoiling the packet. Pure domain code.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from app.domain.edxml_elements import Problems, child_text, children_named, element_text, first_child
from app.domain.edxml_packets import MAX_ATTACHMENTS, Attachment
from app.domain.errors import DomainError, tr_noop


@dataclass(frozen=True)
class _ManifestEntry:
    content_type: str
    description: str
    name: str


def read_attachments(root: Element, envelope: Element, problems: Problems) -> tuple[Attachment, ...]:
    body = first_child(envelope, "edXMLBody", problems)
    manifest = _read_manifest(first_child(body, "edXMLManifest", problems), problems)
    containers = {id(c): c for c in (root, envelope, body) if c is not None}.values()
    elements = [
        attachment
        for container in containers
        for encoded in children_named(container, "AttachmentEncoded")
        for attachment in children_named(encoded, "Attachment")
    ]
    if len(elements) > MAX_ATTACHMENTS:  # refused before any is decoded
        raise DomainError(
            "edxml.too_many_attachments", tr_noop("The edXML packet has more than {limit} attachments."),
            limit=MAX_ATTACHMENTS,
        )  # fmt: skip
    attachments = [_decode_attachment(element, manifest, problems) for element in elements]
    found = [attachment for attachment in attachments if attachment is not None]
    present = {element_text(next(iter(children_named(element, "ContentId")), None)) for element in elements}
    for content_id, entry in manifest.items():
        if content_id not in present:
            problems.add(
                "edxml.attachment_missing",
                tr_noop("The attachment {name} is listed but not included."),
                name=entry.name or content_id,
            )
    return tuple(found)


def _read_manifest(manifest: Element | None, problems: Problems) -> dict[str, _ManifestEntry]:
    entries: dict[str, _ManifestEntry] = {}
    for reference in children_named(manifest, "Reference"):
        content_id = child_text(reference, "ContentId", problems)
        entries.setdefault(
            content_id,
            _ManifestEntry(
                content_type=child_text(reference, "ContentType", problems),
                description=child_text(reference, "Description", problems),
                name=child_text(reference, "AttachmentName", problems),
            ),
        )
    return entries


def _decode_attachment(
    element: Element, manifest: Mapping[str, _ManifestEntry], problems: Problems
) -> Attachment | None:
    """Decode one attachment strictly; a broken one is reported and omitted."""
    content_id = child_text(element, "ContentId", problems)
    listed = manifest.get(content_id, _ManifestEntry("", "", ""))
    name = child_text(element, "AttachmentName", problems) or listed.name or content_id or "attachment"
    payload = _attachment_payload(element, problems)
    if not payload:
        problems.add("edxml.attachment_empty", tr_noop("The attachment {name} has no content."), name=name)
        return None
    try:
        data = base64.b64decode("".join(payload.split()), validate=True)
    except ValueError:  # binascii.Error, or non-ASCII text
        problems.add(
            "edxml.attachment_bad_base64",
            tr_noop("The attachment {name} is not valid base64 and was left out."),
            name=name,
        )
        return None
    return Attachment(
        name=name,
        content_type=child_text(element, "ContentType", problems) or listed.content_type,
        description=child_text(element, "Description", problems) or listed.description,
        content_id=content_id,
        data=data,
    )


def _attachment_payload(element: Element, problems: Problems) -> str:
    # Real senders put the base64 straight into ContentTransferEncoded; others put the
    # encoding name there and the content in a Value element. Accept both.
    value = first_child(element, "Value", problems)
    if value is not None:
        return element_text(value)
    encoded = child_text(element, "ContentTransferEncoded", problems)
    return "" if encoded.lower() == "base64" else encoded

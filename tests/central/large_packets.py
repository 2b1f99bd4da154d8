"""edXML packets as an abuser sends them: thousands of small attachments, or a flood of elements.

Built from the real sample packet (tests/data/edxml), so everything but the abuse is an ordinary
document packet: the tests of the service's limits and the ingest benchmark use the same bytes.
"""

from __future__ import annotations

import base64
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "edxml" / "edoc_new.edxml"
_SAMPLE_TO = b"28.22.H17"
_ENCODED_OPEN = b"<AttachmentEncoded>"
_ENCODED_CLOSE = b"</AttachmentEncoded>"
_MANIFEST_OPEN = b'<edXML:edXMLManifest version="1.0">'
_MANIFEST_CLOSE = b"</edXML:edXMLManifest>"


def sample_to(organ_id: str) -> bytes:
    """The sample document packet, addressed to ``organ_id``."""
    data = SAMPLE.read_bytes()
    assert data.count(_SAMPLE_TO) == 1
    return data.replace(_SAMPLE_TO, organ_id.encode())


def _between(data: bytes, opening: bytes, closing: bytes, inner: bytes) -> bytes:
    start = data.index(opening) + len(opening)
    end = data.index(closing, start)
    return data[:start] + inner + data[end:]


def packet_with_attachments(organ_id: str, count: int, size: int = 64) -> bytes:
    """The sample with ``count`` distinct attachments of ``size`` bytes each, listed in its manifest."""
    references, attachments = [], []
    for number in range(count):
        content = f"{number:08d}".encode().ljust(size, b".")
        name = f"tep-{number:05d}.txt".encode()
        references.append(
            b"<edXML:Reference><edXML:ContentId>cid:%d</edXML:ContentId><edXML:ContentType>text/plain"
            b"</edXML:ContentType><edXML:AttachmentName>%s</edXML:AttachmentName></edXML:Reference>" % (number, name)
        )
        attachments.append(
            b"<Attachment><ContentId>cid:%d</ContentId><AttachmentName>%s</AttachmentName>"
            b"<ContentType>text/plain</ContentType><ContentTransferEncoded>%s</ContentTransferEncoded></Attachment>"
            % (number, name, base64.b64encode(content))
        )
    data = _between(sample_to(organ_id), _MANIFEST_OPEN, _MANIFEST_CLOSE, b"".join(references))
    return _between(data, _ENCODED_OPEN, _ENCODED_CLOSE, b"".join(attachments))


def packet_with_elements(organ_id: str, count: int) -> bytes:
    """The sample with ``count`` empty elements more (in its ToPlaces): tiny bytes, a large tree."""
    opening = b"<edXML:ToPlaces>"
    data = sample_to(organ_id)
    start = data.index(opening) + len(opening)
    return data[:start] + b"<e/>" * count + data[start:]

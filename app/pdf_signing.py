"""Sign a PDF with the token: PAdES-B-LT when the authority can be reached, PAdES-B-B otherwise.

The visible stamp goes where Decree 30 (Appendix I) puts it: the signer's at the foot of the last
page on the right, where the signature block stands; the agency's over about a third of it on the
left; the agency's on a separate attachment or an electronic copy at the top right of page 1,
saying the number/notation (or SAO Y…) and the time in ISO 8601 with Vietnam's offset.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache

from asn1crypto import x509
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko.sign.pkcs11 import PKCS11Signer
from pyhanko.sign.signers import Signer
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    CertificateFetchError,
    ExpiredError,
    InvalidCertificateError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)

from app.domain.errors import DomainError, tr_noop
from app.signature_placement import TextBox, find_name
from app.signing_token import TokenSession
from kernel.resources import resources_dir

log = logging.getLogger(__name__)
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset" on every stamp: noise

A4 = (595.0, 842.0)
MM = 72 / 25.4
STAMP_WIDTH, STAMP_HEIGHT = 230, 62  # points: four lines of 8 pt text
SIGNER_BLUE = (0.05, 0.2, 0.6)
SEAL_RED = (0.8, 0.1, 0.1)


class Level(StrEnum):
    B_LT = "PAdES-B-LT"  # timestamped, with the revocation data inside: checks offline for years
    B_B = "PAdES-B-B"  # the signature alone: the receiver checks revocation when online


class Place(StrEnum):
    SIGNER = "signer"  # the competent person, in the signature block
    AGENCY = "agency"  # the agency's, over the left third of the signer's
    COPY = "copy"  # the agency's on an attachment or an electronic copy: top right of page 1


FIELD_NAMES = {Place.SIGNER: "ChuKyNguoiKy", Place.AGENCY: "ChuKyCoQuan", Place.COPY: "ChuKySaoVanBan"}


@dataclass(frozen=True)
class Stamp:
    place: Place
    lines: tuple[str, ...]
    printed_name: str = ""  # the signer's name as the document prints it: the stamp goes just above it


def signer_stamp(name: str, title: str, unit: str, at: datetime, printed_name: str = "") -> Stamp:
    lines = (f"Người ký: {name}", f"Chức vụ: {title}", f"Cơ quan: {unit}", _vn_time(at))
    return Stamp(Place.SIGNER, lines, printed_name or name)


def agency_stamp(unit: str, at: datetime, printed_name: str = "") -> Stamp:
    # short lines: the right third of this box lies over the signer's stamp
    return Stamp(Place.AGENCY, (unit, f"{at:%d/%m/%Y %H:%M:%S} {at.isoformat()[-6:]}"), printed_name)


def copy_stamp(heading: str, unit: str, at: datetime) -> Stamp:
    """``heading``: the number/notation, or "SAO Y"/"TRÍCH SAO"/"SAO LỤC"."""
    return Stamp(Place.COPY, (heading, unit, at.isoformat(timespec="seconds")))


def _vn_time(at: datetime) -> str:
    return f"Thời gian ký: {at:%d/%m/%Y %H:%M:%S} {at.isoformat()[-6:]}"  # the offset, +07:00


@dataclass(frozen=True)
class Signed:
    data: bytes
    level: Level


def sign_pdf(
    data: bytes,
    token: TokenSession,
    stamp: Stamp,
    *,
    anchors: Sequence[x509.Certificate],
    timestamp_url: str | None,
    online: bool,
) -> Signed:
    """``data`` signed by the token's certificate, as an incremental update (earlier signatures hold)."""
    signer = PKCS11Signer(token.session, signing_cert=token.certificate, key_id=token.key_id, other_certs_to_pull=None)
    return sign_with(data, signer, stamp, anchors=anchors, timestamp_url=timestamp_url, online=online)


def sign_with(
    data: bytes,
    signer: Signer,
    stamp: Stamp,
    *,
    anchors: Sequence[x509.Certificate],
    timestamp_url: str | None,
    online: bool,
) -> Signed:
    """The signing itself, whatever holds the key (the token; a software key in the self-check)."""
    spec = _field_spec(data, stamp)
    if online and timestamp_url:
        try:
            return Signed(_sign(data, signer, spec, stamp, anchors, timestamp_url), Level.B_LT)
        except (SigningError, OSError, ValueError) as error:
            _refuse_a_bad_certificate(error)
            log.warning("PAdES-B-LT not possible (%s); signing PAdES-B-B", error)  # the authority did not answer
    _check_offline(signer, anchors)
    return Signed(_sign(data, signer, spec, stamp, anchors, None), Level.B_B)


def _check_offline(signer: Signer, anchors: Sequence[x509.Certificate]) -> None:
    """What can be known without the authority: the certificate is valid today and, when the
    organisation names its roots, chains to one (revocation waits for the receiver's check)."""
    certificate = signer.signing_cert
    if certificate is None:
        return
    now = datetime.now(UTC)
    if not certificate.not_valid_before <= now <= certificate.not_valid_after:
        raise DomainError(
            "signing.certificate_expired", tr_noop("Your certificate is not valid today: it cannot sign.")
        )
    if not anchors:
        return
    context = ValidationContext(trust_roots=list(anchors), other_certs=list(signer.cert_registry),
                                allow_fetching=False, revocation_mode="soft-fail")  # fmt: skip
    try:
        asyncio.run(CertificateValidator(certificate, validation_context=context).async_validate_usage(set()))
    except (PathBuildingError, PathValidationError, InvalidCertificateError) as error:
        _refuse_a_bad_certificate(error)
        raise _refusal("untrusted") from None


_REFUSALS = {  # a fresh DomainError each time: one exception object raised twice shares a traceback
    "revoked": ("signing.certificate_revoked", tr_noop("Your certificate has been revoked: it cannot sign.")),
    "expired": ("signing.certificate_expired", tr_noop("Your certificate is not valid today: it cannot sign.")),
    "untrusted": (
        "signing.certificate_untrusted",
        tr_noop("Your certificate does not chain to a trusted root (Settings → Signature trust anchors)."),
    ),
}


def _refusal(kind: str) -> DomainError:
    return DomainError(*_REFUSALS[kind])


def _refuse_a_bad_certificate(error: BaseException) -> None:
    """Never sign with a certificate the authority says is revoked, expired or not from a trusted root."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, RevokedError):
            raise _refusal("revoked") from None
        if isinstance(cause, (ExpiredError, NotYetValidError)):
            raise _refusal("expired") from None
        if isinstance(cause, (PathBuildingError, InvalidCertificateError)) and not isinstance(
            cause, CertificateFetchError
        ):
            raise _refusal("untrusted") from None
        cause = cause.__cause__ or cause.__context__


def _sign(
    data: bytes,
    signer: Signer,
    spec: fields.SigFieldSpec,
    stamp: Stamp,
    anchors: Sequence[x509.Certificate],
    timestamp_url: str | None,
) -> bytes:
    long_term = timestamp_url is not None
    metadata = signers.PdfSignatureMetadata(
        field_name=spec.sig_field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=long_term,
        validation_context=ValidationContext(trust_roots=list(anchors), allow_fetching=True) if long_term else None,
    )
    style = TextStampStyle(
        stamp_text="\n".join(line.replace("%", "%%") for line in stamp.lines),
        text_box_style=TextBoxStyle(font=_StampFont(), font_size=8),
        border_width=1,
        border_color=SEAL_RED if stamp.place is not Place.SIGNER else SIGNER_BLUE,
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer,
        timestamper=timestamps.HTTPTimeStamper(timestamp_url, timeout=20) if timestamp_url else None,
        stamp_style=style,
        new_field_spec=spec,
    )
    try:
        output = pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data), strict=False))
    except PdfError as error:
        raise DomainError(
            "signing.unreadable_pdf", tr_noop("This PDF cannot be signed: {reason}"), reason=str(error)
        ) from error
    return output.getvalue()


def _last_page_size(reader: PdfFileReader) -> tuple[float, float]:
    """The last page's size in points (A4 when the file does not say)."""
    count = int(reader.root["/Pages"]["/Count"])
    if count < 1:
        raise ValueError("the file has no page")
    page = reader.find_page_for_modification(count - 1)[0].get_object()
    box = page.get("/MediaBox") or reader.root["/Pages"].get("/MediaBox")
    if box is None:
        return A4
    return (float(box[2]) - float(box[0]), float(box[3]) - float(box[1]))


def _field_spec(data: bytes, stamp: Stamp) -> fields.SigFieldSpec:
    """The stamp's field: above the signer's printed name when the text shows it, else by the margins."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)  # read once for the name and the page size
        field_name = _free_field_name(reader, FIELD_NAMES[stamp.place])
        size = _last_page_size(reader)
    except (PdfError, KeyError, ValueError, TypeError, IndexError) as error:
        raise DomainError(
            "signing.unreadable_pdf", tr_noop("This PDF cannot be signed: {reason}"), reason=str(error)
        ) from error
    if stamp.place is not Place.COPY and stamp.printed_name:
        name = find_name(data, stamp.printed_name)
        if name is not None:
            signer = _above(name)
            box = signer if stamp.place is Place.SIGNER else _over_left_third(signer)
            return fields.SigFieldSpec(field_name, box=box, on_page=name.page)
    return fields.SigFieldSpec(field_name, box=_box(stamp.place, size), on_page=0 if stamp.place is Place.COPY else -1)


def _above(name: TextBox) -> tuple[int, int, int, int]:
    """The signer's stamp between the title and the name: centred on the name, inside the margins."""
    width, height = name.page_size
    right, left = width - 15 * MM, 30 * MM
    centre = (name.x0 + name.x1) / 2
    x1 = min(right, centre + STAMP_WIDTH / 2)
    x0 = max(left, x1 - STAMP_WIDTH)
    y0 = min(name.y1 + 4, height - 20 * MM - STAMP_HEIGHT)
    return (int(x0), int(y0), int(x0 + STAMP_WIDTH), int(y0 + STAMP_HEIGHT))


def _over_left_third(signer: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The agency's stamp over about a third of the signer's, on its left (Decree 30)."""
    third = (signer[2] - signer[0]) // 3
    return (signer[0] - 2 * third, signer[1] + 10, signer[0] + third, signer[3] - 10)


def _box(place: Place, size: tuple[float, float]) -> tuple[int, int, int, int]:
    """The stamp's rectangle in points, from the page's lower left corner, inside Decree 30's margins."""
    width, height = size
    right = width - 15 * MM  # 15 mm right margin
    if place is Place.COPY:  # in the top margin, above the content (the margin is 20 mm)
        top = height - 4 * MM
        return (int(right - 170), int(top - 44), int(right), int(top))
    signer = (int(right - STAMP_WIDTH), 90, int(right), 90 + STAMP_HEIGHT)  # above the 20 mm bottom margin
    return signer if place is Place.SIGNER else _over_left_third(signer)


def _free_field_name(reader: PdfFileReader, wanted: str) -> str:
    taken = {name for name, _, _ in fields.enumerate_sig_fields(reader)}
    name, number = wanted, 1
    while name in taken:
        number += 1
        name = f"{wanted}{number}"
    return name


@cache
def _stamp_font_bytes() -> bytes:
    """DejaVu Serif (every Vietnamese letter) at 1,000 units per em: pyHanko writes glyph widths in
    font units, which PDF reads as thousandths, so the 2,048-unit original would print spaced out."""
    font = TTFont(str(resources_dir() / "fonts" / "DejaVuSerif.ttf"))
    scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


class _StampFont(FontEngineFactory):
    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:  # type: ignore[no-untyped-def]
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer, font_handle=io.BytesIO(_stamp_font_bytes()), font_size=8, obj_stream=obj_stream
        )

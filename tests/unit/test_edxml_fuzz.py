"""Property: whatever bytes arrive as an edXML file (a USB stick, an old system's export), reading
them either gives a packet or refuses with a DomainError that has a message for the user; no other
exception escapes, so the open dialog always has something clear to say."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.edxml import read_packet
from app.domain.edxml_packets import DocumentPacket, StatusPacket
from app.domain.errors import DomainError

DATA = Path(__file__).resolve().parent.parent / "data" / "edxml"
SAMPLES = [path.read_bytes() for path in sorted(DATA.glob("*.edxml"))]


def read_or_refuse(data: bytes) -> None:
    try:
        packet = read_packet(data)
    except DomainError as error:
        assert error.code and error.message  # a stable code and a message to translate
        return
    assert isinstance(packet, DocumentPacket | StatusPacket)


@st.composite
def damaged_sample(draw: st.DrawFn) -> bytes:
    """A real sample cut short, with bytes overwritten, or with a span removed or repeated."""
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=max(0, len(data) - 1)))
        how = draw(st.sampled_from(["cut", "overwrite", "remove", "repeat"]))
        span = draw(st.integers(min_value=1, max_value=64))
        if how == "cut":
            del data[at:]
        elif how == "overwrite":
            data[at : at + span] = draw(st.binary(min_size=span, max_size=span))
        elif how == "remove":
            del data[at : at + span]
        else:
            data[at:at] = data[at : at + span]
    return bytes(data)


@settings(max_examples=400, deadline=None)
@given(data=damaged_sample())
def test_a_damaged_real_packet_is_read_or_refused_clearly(data: bytes) -> None:
    read_or_refuse(data)


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode)))
def test_arbitrary_bytes_are_refused_clearly(data: bytes) -> None:
    read_or_refuse(data)

"""The pages of the demo attachments: an official letter laid out as Decree 30/2020 prescribes (motto,
agency, number and notation, place and date, subject, body, recipients, signature and seal), its
annex, and for a dossier a scanned application form and a certified copy of the applicant's ID card.

Pure functions of plain values: ``central.demo_files`` decides which item gets which file and
draws the words; the same values always give the same bytes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from central.pdf_canvas import A4, MM, Page, pdf_bytes

RED = (0.78, 0.08, 0.1)
INK = (0.08, 0.16, 0.55)  # a ballpoint's blue, for what the applicant wrote by hand
PAPER = (0.975, 0.968, 0.94)  # a scanned sheet is never quite white
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, A4[0] - 15 * MM, A4[1] - 20 * MM, 20 * MM  # Decree 30's margins
BODY = 12.5  # DejaVu Serif is wider than Times New Roman at 13-14 pt: this fills a line alike
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

Block = tuple[str, str]  # (kind, text): "p" paragraph, "i" italic paragraph, "h" heading, "c" centred bold


@dataclass(frozen=True)
class Letter:
    agency: tuple[tuple[str, bool], ...]  # header lines in capitals, bold or not
    number: str | None  # None: a draft, the number left blank
    notation: str
    place: str
    issued_on: date
    title: str | None  # "QUYẾT ĐỊNH"…; None for an official letter (công văn)
    subject: str
    addressees: tuple[str, ...]
    body: tuple[Block, ...]
    copies_to: tuple[str, ...]
    signature: tuple[str, ...]  # "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    signer: str | None
    issuer: str  # the agency's name, as the seal and an annex name it
    sealed: bool  # False for a draft: neither sealed nor signed yet


@dataclass(frozen=True)
class Annex:
    caption: str  # "(Kèm theo Công văn số …)"
    title: str
    columns: tuple[tuple[str, float], ...]  # heading, share of the width
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Application:
    form_code: str | None  # "CT01" when the form has one
    title: str
    addressee: str
    fields: tuple[tuple[str, str], ...]  # label, what the applicant wrote
    papers: tuple[str, ...]  # the papers handed in, ticked
    place: str
    signed_on: date
    applicant: str
    received_stamp: str  # the one-stop counter's stamp


@dataclass(frozen=True)
class IdCopy:
    number: str
    name: str
    born_on: date
    sex: str
    home: str
    residence: str
    issued_on: date
    certified_by: str
    certified_on: date
    certificate_number: int


# -- a column of text flowing down the pages ---------------------------------------------------------


@dataclass
class Flow:
    pages: list[Page] = field(default_factory=lambda: [Page()])
    y: float = TOP

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def room(self, height: float) -> None:
        """A new page when ``height`` points no longer fit."""
        if self.y - height < BOTTOM:
            self.pages.append(Page())
            self.page.centred(A4[0] / 2, TOP + 20, str(len(self.pages)), 12)  # numbered from the second page
            self.y = TOP

    def paragraph(
        self, text: str, size: float = BODY, *, indent: float = 10 * MM, italic: bool = False, bold: bool = False
    ) -> None:
        """Justified, the first line indented, the last one left as it ends."""
        lines = self.page.wrap(text, RIGHT - LEFT - indent, size)  # the first line is the narrowest
        for index, words in enumerate(lines):
            self.room(size * 1.35)
            self.y -= size * 1.35
            x = LEFT + (indent if index == 0 else 0)
            if index < len(lines) - 1:
                self.page.spread(x, self.y, words, RIGHT - x, size, italic=italic, bold=bold)
            else:
                self.page.text(x, self.y, " ".join(words), size, italic=italic, bold=bold)
        self.y -= 3

    def centred(self, text: str, size: float = BODY, bold: bool = True, width: float = RIGHT - LEFT) -> None:
        for words in self.page.wrap(text, width, size):
            self.room(size * 1.35)
            self.y -= size * 1.35
            self.page.centred((LEFT + RIGHT) / 2, self.y, " ".join(words), size, bold=bold)

    def heading(self, text: str, size: float = BODY) -> None:
        self.room(size * 3)  # never alone at the foot of a page
        self.y -= size * 0.6
        self.paragraph(text, size, bold=True)

    def block(self, block: Block) -> None:
        kind, text = block
        if kind == "h":
            self.heading(text)
        elif kind == "c":
            self.y -= 4
            self.centred(text)
            self.y -= 4
        else:
            self.paragraph(text, italic=kind == "i")


# -- the official letter ----------------------------------------------------------------------------------


def letter_pdf(letter: Letter) -> bytes:
    flow = Flow()
    flow.y = _letter_header(flow.page, letter) - 16
    if letter.title is not None:
        flow.centred(letter.title, 14)
        flow.centred(letter.subject, 13, width=300)
        width = min(120.0, flow.page.width_of(letter.subject, 13))
        flow.page.line(A4[0] / 2 - width / 2, flow.y - 7, A4[0] / 2 + width / 2, flow.y - 7, 0.6)
        flow.y -= 14
    if letter.addressees:
        _addressees(flow, letter.addressees)
    for block in letter.body:
        flow.block(block)
    _closing(flow, letter)
    return pdf_bytes(flow.pages, f"{_number_text(letter)} - {letter.subject}", letter.issued_on)


LEFT_COLUMN = (LEFT - 10, LEFT + 190)  # the agency's block; the motto's fills the rest of the line


def _letter_header(page: Page, letter: Letter) -> float:
    """Agency, number (and a letter's summary) on the left, motto, place and date on the right;
    returns where the lower of the two ends."""
    centre, width = sum(LEFT_COLUMN) / 2, LEFT_COLUMN[1] - LEFT_COLUMN[0]
    y = TOP - 12
    for text, bold in letter.agency:
        for words in page.wrap(text, width, 12):
            last = page.centred(centre, y, " ".join(words), 12, bold=bold)
            y -= 14.5
    rule = 0.4 * last  # a rule under the agency's name, a third to a half as long as it
    page.line(centre - rule / 2, y + 8, centre + rule / 2, y + 8, 0.7)
    y -= 10
    page.centred(centre, y, _number_text(letter), 12.5)
    if letter.title is None:
        for words in page.wrap(letter.subject, width - 10, 11):
            y -= 13
            page.centred(centre, y, " ".join(words), 11)
    return min(y, _motto(page, letter))


def _motto(page: Page, letter: Letter) -> float:
    left = LEFT_COLUMN[1] + 8
    centre, width = (left + RIGHT) / 2, RIGHT - left
    page.centred(centre, TOP - 12, MOTTO[0], _fit(page, MOTTO[0], 12, width), bold=True)
    motto = page.centred(centre, TOP - 28, MOTTO[1], 13, bold=True)
    page.line(centre - motto / 2, TOP - 32, centre + motto / 2, TOP - 32, 0.7)
    dated = f"{letter.place}, {vietnamese_date(letter.issued_on)}"
    page.centred(centre, TOP - 52, dated, _fit(page, dated, 12.5, width), italic=True)
    return TOP - 52


def _number_text(letter: Letter) -> str:
    return f"Số: {letter.number or '      '}/{letter.notation}"


def _fit(page: Page, text: str, size: float, width: float) -> float:
    """The size at most ``size`` at which ``text`` fits ``width``."""
    return min(size, size * width / max(page.width_of(text, size), 1))


def _addressees(flow: Flow, addressees: Sequence[str]) -> None:
    flow.y -= 6
    label = "Kính gửi: "
    x = LEFT + 95
    flow.room(BODY * 1.4 * len(addressees))
    for index, name in enumerate(addressees):
        flow.y -= BODY * 1.4
        if index == 0:
            flow.page.text(x - flow.page.width_of(label, BODY), flow.y, label, BODY)
        text = name if len(addressees) == 1 else f"- {name};"
        flow.page.text(x, flow.y, text, BODY)
    flow.y -= 8


def _closing(flow: Flow, letter: Letter) -> None:
    """Who gets a copy on the left; the signature, the seal over its left part, the signer's name."""
    flow.room(150)
    top = flow.y - 10
    page = flow.page
    page.text(LEFT, top - 12, "Nơi nhận:", 11, bold=True, italic=True)
    line_y = top - 14
    for line in letter.copies_to:
        for index, words in enumerate(page.wrap(line, 190, 10.5)):
            line_y -= 12
            page.text(LEFT + (6 if index else 0), line_y, " ".join(words), 10.5)
    centre = (LEFT + 250 + RIGHT) / 2
    for index, line in enumerate(letter.signature):
        page.centred(centre, top - 12 - 15 * index, line, 12.5, bold=True)
    sign_y = top - 12 - 15 * len(letter.signature) - 55
    if letter.sealed:
        _seal(page, centre - 32, sign_y + 28, letter.issuer)
        _scribble(page, centre - 10, sign_y + 8, INK)
    if letter.signer:
        page.centred(centre, sign_y - 22, letter.signer, 12.5, bold=True)
    flow.y = sign_y - 30


def _seal(page: Page, cx: float, cy: float, agency: str) -> None:
    """A round red seal: two rings, the agency's name around, a star in the middle."""
    page.circle(cx, cy, 40, RED, 1.6)
    page.circle(cx, cy, 28, RED, 0.7)
    page.text_on_circle(cx, cy, 31.5, agency.upper(), 6.6 if len(agency) < 38 else 5.6, RED)
    points = []
    for index in range(10):
        radius = 11 if index % 2 == 0 else 4.4
        angle = math.pi / 2 + index * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.2f} {cy + radius * math.sin(angle):.2f}")
    page.draw(f"0.78 0.08 0.1 rg {points[0]} m " + " ".join(f"{p} l" for p in points[1:]) + " h f")


def _scribble(page: Page, x: float, y: float, color: tuple[float, float, float]) -> None:
    """A hand signature: a few loops of a pen."""
    page.draw(
        f"{color[0]} {color[1]} {color[2]} RG 1.1 w {x - 30:.1f} {y - 4:.1f} m "
        f"{x - 12:.1f} {y + 22:.1f} {x - 4:.1f} {y - 16:.1f} {x + 8:.1f} {y + 6:.1f} c "
        f"{x + 18:.1f} {y + 20:.1f} {x + 24:.1f} {y - 12:.1f} {x + 36:.1f} {y + 2:.1f} c "
        f"{x + 44:.1f} {y + 10:.1f} {x + 50:.1f} {y - 2:.1f} {x + 62:.1f} {y + 4:.1f} c S"
    )


def vietnamese_date(day: date) -> str:
    """ "ngày 05 tháng 3 năm 2026": days below 10 and months below 3 with a leading zero (Decree 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# -- the annex ---------------------------------------------------------------------------------------------


def annex_pdf(annex: Annex, made_on: date) -> bytes:
    flow = Flow()
    flow.y = TOP - 10
    flow.centred("PHỤ LỤC", 13.5)
    flow.centred(annex.title, 12.5)
    flow.y -= 2
    for words in flow.page.wrap(annex.caption, RIGHT - LEFT - 40, 11.5):
        flow.y -= 15
        flow.page.centred((LEFT + RIGHT) / 2, flow.y, " ".join(words), 11.5, italic=True)
    flow.y -= 16
    _table(flow, annex)
    return pdf_bytes(flow.pages, f"Phụ lục - {annex.title}", made_on)


def _table(flow: Flow, annex: Annex) -> None:
    widths = [share * (RIGHT - LEFT) for _, share in annex.columns]
    _table_row(flow, [heading for heading, _ in annex.columns], widths, bold=True)
    for row in annex.rows:
        _table_row(flow, list(row), widths)


def _table_row(flow: Flow, cells: list[str], widths: list[float], bold: bool = False) -> None:
    size = 10.5
    wrapped = [flow.page.wrap(cell, width - 8, size) or [[""]] for cell, width in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped) * size * 1.3 + 8
    flow.room(height)
    x = LEFT
    for lines, width in zip(wrapped, widths, strict=True):
        flow.page.rect(x, flow.y - height, width, height, width=0.5)
        for index, words in enumerate(lines):
            line_y = flow.y - 4 - size * 1.3 * (index + 1) + 3
            text = " ".join(words)
            if bold or width < 60:
                flow.page.centred(x + width / 2, line_y, text, size, bold=bold)
            else:
                flow.page.text(x + 4, line_y, text, size)
        x += width
    flow.y -= height


# -- the dossier's application form (scanned) ---------------------------------------------------------


def application_pdf(form: Application, rng: random.Random) -> bytes:
    """The form as a scanner gives it back: a greyish sheet set a little askew, the answers in ink."""
    page = Page()
    page.rect(0, 0, A4[0], A4[1], stroke=None, fill=PAPER)
    page.draw(f"q {_askew(rng)} cm")
    _form_head(page, form)
    y = _form_fields(page, form, TOP - 150)
    y = _form_papers(page, form, y - 10)
    _form_foot(page, form, y - 14)
    page.draw("Q")
    _specks(page, rng)
    return pdf_bytes([page], f"{form.title} - {form.applicant}", form.signed_on)


def _askew(rng: random.Random) -> str:
    """A rotation of a fraction of a degree about the page's centre, as a sheet lies on the glass."""
    angle = math.radians(rng.uniform(-0.6, 0.6))
    cos, sin = math.cos(angle), math.sin(angle)
    cx, cy = A4[0] / 2, A4[1] / 2
    return f"{cos:.5f} {sin:.5f} {-sin:.5f} {cos:.5f} {cx - cos * cx + sin * cy:.2f} {cy - sin * cx - cos * cy:.2f}"


def _form_head(page: Page, form: Application) -> None:
    centre = (LEFT + RIGHT) / 2
    if form.form_code:
        page.text(RIGHT - page.width_of(f"Mẫu {form.form_code}", 10.5), TOP + 14, f"Mẫu {form.form_code}", 10.5)
    page.centred(centre, TOP - 10, MOTTO[0], 12.5, bold=True)
    width = page.centred(centre, TOP - 26, MOTTO[1], 13, bold=True)
    page.line(centre - width / 2, TOP - 30, centre + width / 2, TOP - 30, 0.7)
    y = TOP - 62
    for words in page.wrap(form.title, RIGHT - LEFT - 30, 14.5):
        page.centred(centre, y, " ".join(words), 14.5, bold=True)
        y -= 18
    page.centred(centre, y - 12, f"Kính gửi: {form.addressee}", BODY)


def _form_fields(page: Page, form: Application, y: float) -> float:
    for label, value in form.fields:
        lines = page.wrap(value, RIGHT - LEFT - page.width_of(label, BODY) - 12, BODY)
        for index, words in enumerate(lines):
            x = LEFT + (page.width_of(label, BODY) + 6 if index == 0 else 0)
            if index == 0:
                page.text(LEFT, y, label, BODY)
            _dots(page, x, RIGHT, y - 2)
            page.text(x + 2, y + 1, " ".join(words), BODY + 0.5, italic=True, color=INK)
            y -= BODY * 1.75
    return y


def _dots(page: Page, x1: float, x2: float, y: float) -> None:
    page.draw(f"0.35 0.35 0.35 RG 0.5 w [0.6 2.2] 0 d {x1:.1f} {y:.1f} m {x2:.1f} {y:.1f} l S [] 0 d")


def _form_papers(page: Page, form: Application, y: float) -> float:
    page.text(LEFT, y, "Giấy tờ kèm theo:", BODY, bold=True)
    y -= BODY * 1.6
    for paper in form.papers:
        page.rect(LEFT + 8, y - 1, 9, 9, width=0.6)
        page.draw(f"{INK[0]} {INK[1]} {INK[2]} RG 1.2 w {LEFT + 9:.1f} {y + 3:.1f} m {LEFT + 12:.1f} {y:.1f} l "
                  f"{LEFT + 19:.1f} {y + 10:.1f} l S")  # fmt: skip
        for index, words in enumerate(page.wrap(paper, RIGHT - LEFT - 30, 11.5)):
            page.text(LEFT + 24, y - 14 * index, " ".join(words), 11.5)
            y -= 14 if index else 0
        y -= BODY * 1.5
    return y


def _form_foot(page: Page, form: Application, y: float) -> None:
    pledge = (
        "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật "
        "về lời cam đoan của mình."
    )
    lines = page.wrap(pledge, RIGHT - LEFT - 10 * MM, BODY)
    for index, words in enumerate(lines):
        x = LEFT + (10 * MM if index == 0 else 0)
        if index < len(lines) - 1:
            page.spread(x, y, words, RIGHT - x, BODY)
        else:
            page.text(x, y, " ".join(words), BODY)
        y -= BODY * 1.35
    centre = (LEFT + 230 + RIGHT) / 2
    page.centred(centre, y - 14, f"{form.place}, {vietnamese_date(form.signed_on)}", 12, italic=True)
    page.centred(centre, y - 30, "NGƯỜI YÊU CẦU", BODY, bold=True)
    page.centred(centre, y - 44, "(Ký, ghi rõ họ, chữ đệm, tên)", 11, italic=True)
    _scribble(page, centre - 14, y - 72, INK)
    page.centred(centre, y - 104, form.applicant, BODY + 0.5, italic=True, color=INK)
    _received_stamp(page, LEFT + 4, y - 104, form.received_stamp)


def _received_stamp(page: Page, x: float, y: float, text: str) -> None:
    page.rect(x, y, 170, 52, stroke=RED, width=1.3)
    page.centred(x + 85, y + 36, "BỘ PHẬN MỘT CỬA", 10.5, bold=True, color=RED)
    page.centred(x + 85, y + 22, "ĐÃ TIẾP NHẬN", 10.5, bold=True, color=RED)
    page.centred(x + 85, y + 8, text, 9.5, color=RED)


def _specks(page: Page, rng: random.Random) -> None:
    """Dust on the scanner's glass, and the shadow of the sheet's edge."""
    page.rect(0, 0, 6, A4[1], stroke=None, fill=(0.82, 0.81, 0.78))
    dots = " ".join(f"{rng.uniform(20, A4[0] - 20):.1f} {rng.uniform(20, A4[1] - 20):.1f} 0.8 0.8 re"
                    for _ in range(rng.randint(8, 20)))  # fmt: skip
    page.draw(f"0.55 0.55 0.55 rg {dots} f")


# -- the certified copy of the ID card ------------------------------------------------------------------


def id_copy_pdf(card: IdCopy) -> bytes:
    page = Page()
    page.rect(0, 0, A4[0], A4[1], stroke=None, fill=PAPER)
    _card_front(page, LEFT + 40, TOP - 250, card)
    _card_back(page, LEFT + 40, TOP - 520, card)
    _certified(page, LEFT + 40, TOP - 700, card)
    return pdf_bytes([page], f"Bản sao thẻ căn cước - {card.name}", card.certified_on)


def _card(page: Page, x: float, y: float) -> tuple[float, float]:
    width, height = 380.0, 240.0
    page.rect(x, y, width, height, stroke=(0.4, 0.4, 0.4), fill=(0.93, 0.94, 0.95), width=0.8)
    return width, height


def _card_front(page: Page, x: float, y: float, card: IdCopy) -> None:
    width, height = _card(page, x, y)
    centre, top = x + width / 2 + 40, y + height
    page.centred(centre, top - 20, MOTTO[0], 9.5, bold=True)
    page.centred(centre, top - 33, MOTTO[1], 9.5, bold=True)
    page.centred(centre, top - 56, "CĂN CƯỚC", 15, bold=True, color=RED)
    page.rect(x + 16, y + 40, 86, 112, stroke=(0.5, 0.5, 0.5), fill=(0.8, 0.82, 0.85))
    page.centred(x + 59, y + 92, "Ảnh", 10, color=(0.45, 0.45, 0.45))
    lines = (
        ("Số định danh cá nhân:", card.number, True),
        ("Họ, chữ đệm và tên:", card.name.upper(), True),
        ("Ngày, tháng, năm sinh:", f"{card.born_on:%d/%m/%Y}", False),
        ("Giới tính:", f"{card.sex}        Quốc tịch: Việt Nam", False),
    )
    line_y = top - 84
    for label, value, bold in lines:
        page.text(x + 116, line_y, label, 9)
        page.text(x + 116, line_y - 13, value, 11 if bold else 10, bold=bold)
        line_y -= 32


def _card_back(page: Page, x: float, y: float, card: IdCopy) -> None:
    width, height = _card(page, x, y)
    top = y + height
    rows = (("Nơi đăng ký khai sinh:", card.home), ("Nơi cư trú:", card.residence),
            ("Ngày, tháng, năm cấp:", f"{card.issued_on:%d/%m/%Y}"))  # fmt: skip
    line_y = top - 26
    for label, value in rows:
        page.text(x + 16, line_y, label, 9)
        for words in page.wrap(value, width - 32, 10):
            line_y -= 13
            page.text(x + 16, line_y, " ".join(words), 10)
        line_y -= 18
    page.centred(x + width - 90, y + 56, "BỘ CÔNG AN", 10, bold=True)
    page.rect(x + 16, y + 14, width - 32, 22, stroke=None, fill=(0.75, 0.76, 0.78))
    page.text(x + 22, y + 21, f"IDVNM{card.number}<<<<<<<<<<<<", 9)


def _certified(page: Page, x: float, y: float, card: IdCopy) -> None:
    """The ward's certification of the copy, in red ink, over the bottom of the page."""
    page.rect(x, y, 300, 92, stroke=RED, width=1.4)
    page.centred(x + 150, y + 74, "CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH", 10.5, bold=True, color=RED)
    register = f"Số chứng thực: {card.certificate_number}   Quyển số: 01/{card.certified_on.year}-SCT/BS"
    page.text(x + 12, y + 56, register, 9.5, color=RED)
    page.text(x + 12, y + 41, f"{vietnamese_date(card.certified_on).capitalize()}", 9.5, italic=True, color=RED)
    page.text(x + 12, y + 26, card.certified_by, 9.5, bold=True, color=RED)
    _scribble(page, x + 220, y + 32, INK)

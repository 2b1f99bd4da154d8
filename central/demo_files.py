"""Which files a demo or training item comes with, and their words: every document its letter (some
an annex too), most dossiers the applicant's form and often a certified copy of the ID card.

Each item's files come from its own random stream (the seed, its kind and its row id), so the same
seeding gives the same bytes whatever else is seeded, and the demo rows' own stream is untouched.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.working_calendar import VN_TZ
from central.agency_directory import AgencyDirectory
from central.demo_data import FAMILY, GIVEN, MIDDLE, person, shipped_procedures
from central.demo_pdfs import Annex, Application, IdCopy, Letter, annex_pdf, application_pdf, id_copy_pdf, letter_pdf
from central.demo_photos import street_photo

PDF = "application/pdf"
PNG = "image/png"
CITY = "Thành phố Hồ Chí Minh"
TYPE_NAMES = {
    "": "Công văn", "QĐ": "Quyết định", "KH": "Kế hoạch", "TB": "Thông báo", "GM": "Giấy mời", "BC": "Báo cáo",
    "HD": "Hướng dẫn", "CĐ": "Công điện",
}  # fmt: skip
ADDRESSED = ("", "GM", "BC", "CĐ")
FORM_WORDS = (
    "Tờ khai",
    "Đơn",
    "Giấy đề nghị",
)  # a procedure's first paper that is the form to fill in  # the types that open with "Kính gửi"
TASKS = (
    "Rà soát, tổng hợp đầy đủ số liệu và tình hình thực hiện trên địa bàn; xác định rõ những khó khăn, vướng mắc "
    "và đề xuất giải pháp tháo gỡ cụ thể.",
    "Phân công lãnh đạo phụ trách và công chức đầu mối theo dõi; cập nhật kết quả thực hiện trên Hệ thống quản lý "
    "văn bản và điều hành của Thành phố.",
    "Tăng cường công tác thông tin, tuyên truyền để cán bộ, công chức và Nhân dân biết, đồng thuận và cùng tham gia "
    "thực hiện.",
    "Bố trí nhân lực, kinh phí và cơ sở vật chất phù hợp; bảo đảm không làm gián đoạn việc giải quyết thủ tục hành "
    "chính cho người dân, doanh nghiệp.",
    "Phối hợp chặt chẽ với Công an phường, Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể trong quá trình triển "
    "khai.",
    "Kịp thời biểu dương những tập thể, cá nhân có thành tích tiêu biểu; chấn chỉnh những đơn vị chậm trễ, thiếu "
    "trách nhiệm.",
    "Lưu trữ đầy đủ hồ sơ, tài liệu hình thành trong quá trình thực hiện theo quy định về công tác văn thư, lưu trữ.",
    "Thực hiện chế độ thông tin, báo cáo định kỳ hằng tháng (trước ngày 20) và đột xuất khi có yêu cầu.",
    "Kiểm tra, đôn đốc việc thực hiện tại các khu phố; kịp thời xử lý những trường hợp vi phạm theo thẩm quyền.",
)
ANNEX_TASKS = (
    "Rà soát, thống kê số liệu", "Tổ chức hội nghị triển khai", "Tuyên truyền trên hệ thống loa truyền thanh",
    "Kiểm tra thực tế tại các khu phố", "Cập nhật dữ liệu lên hệ thống", "Tổng hợp khó khăn, vướng mắc",
    "Sơ kết, đánh giá kết quả", "Báo cáo Ủy ban nhân dân Thành phố", "Lưu trữ hồ sơ, tài liệu",
)  # fmt: skip
PROPOSERS = ("Chánh Văn phòng", "Trưởng phòng Kinh tế", "Trưởng phòng Văn hóa - Xã hội")
UNITS = ("Văn phòng", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an phường", "Trung tâm Phục vụ hành chính công")
PROVINCES = ("Tỉnh Bình Dương", CITY, "Tỉnh Đồng Nai", "Tỉnh Bến Tre", "Tỉnh Nghệ An", "Thành phố Hà Nội",
             "Tỉnh Thanh Hóa", "Tỉnh An Giang", "Tỉnh Quảng Ngãi")  # fmt: skip


@dataclass(frozen=True)
class DemoFile:
    file_name: str
    content_type: str
    content: bytes


def plain_name(name: str) -> str:
    """ "Ủy ban nhân dân phường Thuận An" from "… (cũ, Bình Dương)": a letter bears the name it had."""
    return re.sub(r"\s*\(cũ[^)]*\)$", "", name)


class DemoFiles:
    """The files of one unit's demo items (``unit_name``: how its papers address it)."""

    def __init__(self, directory: AgencyDirectory, unit_name: str, seed: int = 2025) -> None:
        self.names = {entry.code: entry.name for entry in directory.agencies}
        self.parents = {entry.code: entry.parent_code for entry in directory.agencies}
        self.unit_name = plain_name(unit_name)
        self.seed = seed

    def for_item(self, kind: str, item_id: int, row: dict[str, Any]) -> list[DemoFile]:
        rng = random.Random(f"{self.seed}:{kind}:{item_id}")
        if kind == "feedback":
            return self.for_feedback(row, rng)
        return self.for_document(row, rng) if kind == "document" else self.for_dossier(row, rng)

    # -- 1022 reports --------------------------------------------------------------------------------

    def for_feedback(self, row: dict[str, Any], rng: random.Random) -> list[DemoFile]:
        """The citizen's photos: most reports made in the city's app carry one or two, some from the web
        site; none came by the hotline."""
        chance = {"app": 0.75, "web": 0.4}.get(row.get("channel") or "", 0.0)
        if rng.random() >= chance:
            return []
        return [DemoFile(f"Ảnh hiện trường {index}.png", PNG, street_photo(rng, row.get("category") or ""))
                for index in range(1, rng.choice((1, 1, 2)) + 1)]  # fmt: skip

    # -- documents ---------------------------------------------------------------------------------

    def for_document(self, row: dict[str, Any], rng: random.Random) -> list[DemoFile]:
        letter = self.letter(row, rng)
        type_name = TYPE_NAMES.get(row.get("doc_type") or "", "Văn bản")
        name = f"{type_name} {letter.number}-{letter.notation}" if letter.number else f"Dự thảo {type_name.lower()}"
        files = [DemoFile(f"{name}.pdf".replace("/", "-"), PDF, letter_pdf(letter))]
        if rng.random() < (0.6 if row.get("doc_type") in ("QĐ", "KH") else 0.25):
            annex = annex_pdf(self.annex(letter, type_name, rng), letter.issued_on)
            files.append(DemoFile(f"Phụ lục - {name}.pdf".replace("/", "-"), PDF, annex))
        return files

    def letter(self, row: dict[str, Any], rng: random.Random) -> Letter:
        issuer = plain_name(row.get("issuing_agency_name") or self.unit_name)
        superior = self._superior(row.get("issuing_agency_code"), issuer)
        doc_type = row.get("doc_type") or ""
        addressees = tuple(plain_name(r) for r in row.get("recipients") or [self.unit_name])
        issued_on = row.get("issued_on") or date(2025, 7, 1)
        position = row.get("signer_position") or "Chủ tịch"
        words = _Words(issuer, superior, addressees[0], _matter(row.get("subject") or "", doc_type), issued_on, rng,
                       position)  # fmt: skip
        return Letter(
            agency=_agency_lines(issuer, superior), number=row.get("number"), notation=row.get("notation") or "VP",
            place=_place(issuer), issued_on=issued_on,
            title=TYPE_NAMES[doc_type].upper() if doc_type in TYPE_NAMES and doc_type else None,
            subject=_subject(row.get("subject") or "", doc_type),
            addressees=addressees if doc_type in ADDRESSED else (), body=words.body(doc_type),
            copies_to=_copies_to(doc_type, superior, issuer), signature=_signature(position, issuer),
            signer=row.get("signer_name"), issuer=issuer, sealed=bool(row.get("number")),
        )  # fmt: skip

    def _superior(self, code: str | None, issuer: str) -> str:
        parent = self.parents.get(code or "")
        name = self.names.get(parent or "")
        if issuer.startswith("Ủy ban nhân dân Thành phố") or name is None:
            return f"Ủy ban nhân dân {CITY}"
        return plain_name(name)

    def annex(self, letter: Letter, type_name: str, rng: random.Random) -> Annex:
        number = f"{letter.number}/{letter.notation}" if letter.number else f"/{letter.notation}"
        caption = f"(Kèm theo {type_name} số {number} ngày {letter.issued_on:%d/%m/%Y} của {letter.issuer})"
        tasks = rng.sample(ANNEX_TASKS, rng.randint(5, len(ANNEX_TASKS)))
        rows = tuple(
            (str(index), task, rng.choice(UNITS), f"{letter.issued_on + timedelta(days=7 * index):%d/%m/%Y}")
            for index, task in enumerate(tasks, start=1)
        )
        columns = (("STT", 0.09), ("Nội dung công việc", 0.43), ("Đơn vị thực hiện", 0.26), ("Thời hạn", 0.22))
        return Annex(caption, "DANH MỤC NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", columns, rows)

    # -- dossiers ----------------------------------------------------------------------------------

    def for_dossier(self, row: dict[str, Any], rng: random.Random) -> list[DemoFile]:
        if rng.random() < 0.1:  # a few came with paper only
            return []
        form = self.application(row, rng)
        files = [DemoFile(f"{form.title.capitalize()[:80]}.pdf", PDF, application_pdf(form, rng))]
        if row.get("applicant_id_number") and rng.random() < 0.6:
            files.append(DemoFile("Bản sao thẻ căn cước.pdf", PDF, id_copy_pdf(self.id_copy(row, rng))))
        return files

    def application(self, row: dict[str, Any], rng: random.Random) -> Application:
        procedure = shipped_procedures().get(row.get("procedure_code") or "")
        papers = tuple(c.name for c in procedure.components) if procedure else ()
        form_code, title = _form_title(papers[0] if papers else "", row.get("procedure_name") or "")
        if papers and papers[0].startswith(FORM_WORDS):
            papers = papers[1:]  # the form itself: the rest are attached to it
        received = _received(row)
        fields = (
            ("Họ, chữ đệm, tên người yêu cầu:", row.get("applicant_name") or ""),
            ("Số định danh cá nhân:", row.get("applicant_id_number") or ""),
            ("Nơi cư trú:", row.get("applicant_address") or ""), ("Số điện thoại:", row.get("applicant_phone") or ""),
            ("Đề nghị giải quyết thủ tục:", row.get("procedure_name") or ""),
            ("Nội dung đề nghị:", _request(row, rng)),
        )  # fmt: skip
        stamp = f"{received:%H giờ %M, ngày %d/%m/%Y}"
        return Application(form_code, title, self.unit_name, fields, papers, _place(self.unit_name), received.date(),
                           row.get("applicant_name") or "", stamp)  # fmt: skip

    def id_copy(self, row: dict[str, Any], rng: random.Random) -> IdCopy:
        number, name, received = row["applicant_id_number"], row.get("applicant_name") or "", _received(row)
        sex = "Nữ" if " Thị " in f" {name} " else "Nam" if " Văn " in f" {name} " else rng.choice(("Nam", "Nữ"))
        return IdCopy(
            number=number, name=name, born_on=_born_on(number, rng), sex=sex, home=rng.choice(PROVINCES),
            residence=f"{row.get('applicant_address') or ''}, {CITY}",
            issued_on=date(rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28)),
            certified_by=f"Phó Chủ tịch {person(rng)}", certified_on=received.date(),
            certificate_number=rng.randint(100, 4000),
        )  # fmt: skip


# -- words ---------------------------------------------------------------------------------------------


def _matter(subject: str, doc_type: str) -> str:
    """What the document is about, to use inside a sentence: "triển khai …" from "V/v triển khai …"."""
    text = _subject(subject, doc_type).removeprefix("V/v ").removeprefix("Về việc ")
    return text[:1].lower() + text[1:]


def _subject(subject: str, doc_type: str) -> str:
    """The summary under the title: "Ban hành quy chế …" from "Quyết định ban hành quy chế …"."""
    name = TYPE_NAMES.get(doc_type, "")
    if doc_type and subject.lower().startswith(name.lower() + " "):
        rest = subject[len(name) + 1 :]
        return rest[:1].upper() + rest[1:]
    return subject


def _agency_lines(issuer: str, superior: str) -> tuple[tuple[str, bool], ...]:
    """The issuing agency's block: its governing body above it unless it is itself a people's committee."""
    if issuer.startswith("Ủy ban nhân dân "):
        return (("ỦY BAN NHÂN DÂN", True), (issuer.removeprefix("Ủy ban nhân dân ").upper(), True))
    if superior.startswith("Ủy ban nhân dân "):
        return (("ỦY BAN NHÂN DÂN", False), (superior.removeprefix("Ủy ban nhân dân ").upper(), False),
                (issuer.upper(), True))  # fmt: skip
    return ((superior.upper(), False), (issuer.upper(), True))


def _place(agency: str) -> str:
    """Where a letter is signed: the ward or zone's own name, else the city's."""
    rest = agency.removeprefix("Ủy ban nhân dân ")
    for prefix in ("Phường ", "phường ", "Xã ", "xã ", "Đặc khu ", "Thị trấn "):
        if rest.startswith(prefix):
            return rest.removeprefix(prefix)
    return CITY


def _signature(position: str, issuer: str) -> tuple[str, ...]:
    """ "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" or "GIÁM ĐỐC" (Decree 30, Appendix I)."""
    if position.startswith("Phó "):
        return (f"KT. {position.removeprefix('Phó ').upper()}", position.upper())
    if issuer.startswith("Ủy ban nhân dân") and position == "Chủ tịch":
        return ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    return (position.upper(),)


def _copies_to(doc_type: str, superior: str, issuer: str) -> tuple[str, ...]:
    first = (
        "- Như Điều 3;" if doc_type == "QĐ" else "- Như trên;" if doc_type in ADDRESSED else "- Các đơn vị liên quan;"
    )
    short = "UBND" if issuer.startswith("Ủy ban") else "".join(w[0] for w in issuer.split()[1:3]).upper()
    superior = superior.replace("Ủy ban nhân dân", "UBND")  # the list is written short
    return (first, f"- {superior} (để báo cáo);", "- Lãnh đạo đơn vị;", f"- Lưu: VT, {short}.")


@dataclass
class _Words:
    """The body of a letter of each type, drawn from stock phrases."""

    issuer: str
    superior: str
    recipient: str
    matter: str
    issued_on: date
    rng: random.Random
    position: str

    def body(self, doc_type: str) -> tuple[tuple[str, str], ...]:
        long = self.rng.random() < 0.2  # about one letter in five runs onto a second page
        points = self.rng.sample(TASKS, self.rng.randint(7, 9) if long else self.rng.randint(2, 4))
        numbered = tuple(("p", f"{index}. {point}") for index, point in enumerate(points, start=1))
        builders = {"QĐ": self._decision, "KH": self._plan, "BC": self._report, "GM": self._invitation,
                    "TB": self._notice}  # fmt: skip
        return builders.get(doc_type, self._letter)(numbered)

    @property
    def deadline(self) -> str:
        return f"{self.issued_on + timedelta(days=self.rng.randint(7, 20)):%d/%m/%Y}"

    def _letter(self, points: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        phone = f"028 38{self.rng.randint(10, 99)} {self.rng.randint(1000, 9999)}"
        return (
            ("p", f"Thực hiện chỉ đạo của {self.superior} và căn cứ tình hình thực tế, {self.issuer} đề nghị "
                  f"{self.recipient} thực hiện một số nội dung về việc {self.matter} như sau:"),
            *points,
            ("p", f"Báo cáo kết quả thực hiện gửi về {self.issuer} trước ngày {self.deadline} để tổng hợp."),
            ("p", f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị liên hệ đồng chí {person(self.rng)} "
                  f"(điện thoại: {phone}) để được hướng dẫn. Trân trọng./."),
        )  # fmt: skip

    def _decision(self, points: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        authority = _authority(self.issuer)
        return (
            ("c", authority),
            ("i", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
            ("i", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;"),
            ("i", f"Theo đề nghị của {self.rng.choice(PROPOSERS)}."),
            ("c", "QUYẾT ĐỊNH:"),
            ("p", f"Điều 1. {self.matter[:1].upper() + self.matter[1:]}, với các nhiệm vụ chủ yếu sau:"),
            *points,
            ("p", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
            ("p", "Điều 3. Chánh Văn phòng, Thủ trưởng các phòng, ban chuyên môn và các cơ quan, đơn vị, cá nhân có "
                  "liên quan chịu trách nhiệm thi hành Quyết định này./."),
        )  # fmt: skip

    def _plan(self, points: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return (
            ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
            ("p", f"Triển khai kịp thời, đồng bộ và hiệu quả việc {self.matter}; xác định rõ nhiệm vụ, thời hạn và "
                  "trách nhiệm của từng đơn vị, cá nhân."),
            ("h", "II. NỘI DUNG THỰC HIỆN"),
            *points,
            ("h", "III. TỔ CHỨC THỰC HIỆN"),
            ("p", f"Các đơn vị căn cứ Kế hoạch này tổ chức thực hiện, báo cáo kết quả về {self.issuer} trước ngày "
                  f"{self.deadline}./."),
        )  # fmt: skip

    def _report(self, points: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        received = self.rng.randint(120, 900)
        on_time = received - self.rng.randint(0, received // 20)
        share = f"{100 * on_time / received:.1f}".replace(".", ",")  # a decimal comma
        return (
            ("p", f"Thực hiện yêu cầu của {self.superior}, {self.issuer} báo cáo tình hình {self.matter} như sau:"),
            ("h", "I. KẾT QUẢ THỰC HIỆN"),
            ("p", f"Trong kỳ báo cáo đã tiếp nhận {received} hồ sơ, giải quyết đúng hạn {on_time} hồ sơ, đạt tỷ lệ "
                  f"{share}%. Các nhiệm vụ được giao cơ bản hoàn thành đúng tiến độ."),
            ("h", "II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"),
            *points,
            ("p", f"Trên đây là báo cáo của {self.issuer}, kính trình {self.superior} xem xét, chỉ đạo./."),
        )  # fmt: skip

    def _invitation(self, _points: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        day = self.issued_on + timedelta(days=self.rng.randint(2, 6))
        return (
            ("p", f"{self.issuer} trân trọng kính mời {self.recipient} dự cuộc họp về {self.matter}."),
            ("p", f"Thời gian: {self.rng.choice((8, 9, 14, 15))} giờ 00 phút, {vietnamese_day(day)}."),
            ("p", f"Địa điểm: Phòng họp số {self.rng.randint(1, 4)}, trụ sở {self.issuer}."),
            ("p", "Thành phần: đại diện lãnh đạo và công chức phụ trách lĩnh vực có liên quan."),
            ("p", "Đề nghị các đại biểu chuẩn bị ý kiến, số liệu liên quan và tham dự đúng thành phần, đúng giờ./."),
        )

    def _notice(self, points: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return (
            ("p", f"Ngày {self.issued_on - timedelta(days=2):%d/%m/%Y}, {self.position} {self.issuer} đã chủ trì cuộc "
                  f"họp về {self.matter}. Sau khi nghe báo cáo và ý kiến của các đơn vị, {self.position} kết luận như "
                  "sau:"),
            *points,
            ("p", f"{self.issuer} thông báo để các đơn vị biết, thực hiện./."),
        )  # fmt: skip


def _authority(issuer: str) -> str:
    """Who decides: the committee itself, or the head of a department (Decree 30, Appendix I)."""
    if issuer.startswith("Ủy ban"):
        return issuer.upper()
    head = "CHÁNH " if issuer.startswith(("Văn phòng", "Thanh tra")) else "GIÁM ĐỐC "
    return head + issuer.upper()


def vietnamese_day(day: date) -> str:
    weekdays = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
    return f"{weekdays[day.weekday()]}, ngày {day:%d/%m/%Y}"


# -- a dossier's papers --------------------------------------------------------------------------------------


def _form_title(first_paper: str, procedure_name: str) -> tuple[str | None, str]:
    """The form's code and title from the procedure's first paper ("Tờ khai … (CT01)"), else a request."""
    if not first_paper.startswith(FORM_WORDS):
        return None, f"ĐƠN ĐỀ NGHỊ {procedure_name.upper()}"
    code = re.search(r"\((?:Mẫu )?([^()]*\d[^()]*)\)", first_paper)
    title = re.sub(r"\s*\([^)]*\)|\s+theo mẫu$", "", first_paper)
    return (code[1] if code else None), title.upper()


def _received(row: dict[str, Any]) -> datetime:
    received = row.get("received_at")
    return received.astimezone(VN_TZ) if isinstance(received, datetime) else datetime(2025, 7, 1, 8, tzinfo=VN_TZ)


def _born_on(number: str, rng: random.Random) -> date:
    """The birth date an ID number allows: digits 4-6 give the century and the year (Decree 137/2015)."""
    century = number[3] if len(number) == 12 and number.isdigit() else "9"
    year = 1900 + 100 * (int(century) // 2) + int(number[4:6]) if century in "0123" else rng.randint(1955, 2003)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _request(row: dict[str, Any], rng: random.Random) -> str:
    """What the applicant asks for, in the words of the procedure."""
    someone = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    day = _received(row).date() - timedelta(days=rng.randint(3, 40))
    lot, sheet = rng.randint(10, 900), rng.randint(1, 60)
    requests = {
        "1.001193": f"Đăng ký khai sinh cho con: {someone}, sinh ngày {day:%d/%m/%Y}",
        "1.000894": f"Đăng ký kết hôn với {someone}, sinh năm {rng.randint(1980, 2002)}",
        "1.000656": f"Đăng ký khai tử cho {someone}, mất ngày {day:%d/%m/%Y}",
        "1.004873": f"Cấp {rng.randint(1, 3):02d} bản sao trích lục khai sinh",
        "2.000815": f"Chứng thực {rng.randint(2, 5):02d} bản sao từ bản chính Bằng tốt nghiệp và Học bạ",
        "1.004227": "Xác nhận thông tin về cư trú để bổ sung hồ sơ xin việc làm",
        "1.003583": f"Đăng ký thường trú tại {row.get('applicant_address') or 'địa chỉ trên'}",
        "1.000605": "Cấp Giấy xác nhận tình trạng hôn nhân để đăng ký kết hôn",
        "1.003005": f"Cấp Giấy chứng nhận lần đầu cho thửa đất số {lot}, tờ bản đồ số {sheet}, diện tích "
        f"{rng.randint(50, 300)},{rng.randint(0, 9)} m²",
        "1.009994": f"Xây dựng nhà ở riêng lẻ {rng.randint(2, 4)} tầng tại thửa đất số {lot}, tờ bản đồ số {sheet}",
        "2.001263": f"Đăng ký hộ kinh doanh “Tạp hóa {rng.choice(GIVEN)}”, bán lẻ hàng tiêu dùng",
        "1.010781": "Hưởng chế độ ưu đãi đối với thân nhân người có công với cách mạng",
    }
    return requests.get(row.get("procedure_code") or "", row.get("procedure_name") or "")

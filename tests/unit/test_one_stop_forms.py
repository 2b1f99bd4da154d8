"""The one-stop forms (Mẫu 01-06) rendered from their templates with a dossier as the window reads it:
what a citizen reads on each, escaped, with no template syntax or missing value leaking through."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import jinja2
import pytest

from app import dossier_register, form_templates
from app.domain.errors import DomainError
from app.domain.workflow import DossierState
from app.domain.working_calendar import VN_TZ
from app.one_stop_forms import TEMPLATES, FormKind, control_steps, form_html, forms_for, supplement_parts
from app.workbench import ItemDetail
from kernel.resources import resources_dir

UNIT = "Ủy ban nhân dân Phường Thủ Dầu Một"
RECEIVED = datetime(2026, 11, 23, 8, 15, tzinfo=VN_TZ)  # Monday
DUE = datetime(2026, 11, 26, 8, 15, tzinfo=VN_TZ)
ISSUED = datetime(2026, 11, 24, 10, 5, tzinfo=VN_TZ)
CODE = "000.00.57.H29-261123-0007"
REQUEST = "1. Bản sao Giấy chứng nhận kết hôn\n- Giấy xác nhận thông tin cư trú\nLý do: Tờ khai thiếu nơi sinh của mẹ"


def at(hours: float) -> str:
    return (RECEIVED + timedelta(hours=hours)).isoformat()


HISTORY: list[dict[str, Any]] = [
    {"at": at(0), "by": "Nguyễn Văn Thu", "action": "register", "state": 2},
    {"at": at(1), "by": "Nguyễn Văn Thu", "action": "start_processing", "state": 4},
    {"at": at(3), "by": "Trần Thị Bình", "action": "request_supplement", "state": 5, "reason": REQUEST},
    {"at": at(26), "by": "Trần Thị Bình", "action": "supplement_received", "state": 4, "due_at": at(75)},
    {"at": at(49), "by": "Lê Hoàng Nam", "action": "record_result", "state": 9, "result": "Đã cấp Giấy khai sinh"},
    {"at": at(51), "by": "Nguyễn Văn Thu", "action": "return_result", "state": 10},
]


def dossier(state: DossierState = DossierState.SUPPLEMENT_REQUESTED, history: list[dict[str, Any]] | None = None,
            **fields: Any) -> ItemDetail:  # fmt: skip
    """A dossier detail as Workbench.item_detail gives it (the cache's columns)."""
    columns = {
        "id": 7, "source_id": 1, "remote_id": "41", "version": 3, "code": CODE, "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh", "unit_code": "000.00.57.H29", "applicant_name": "Phạm Thị Ngọc Hân",
        "applicant_id_number": "079190012345", "applicant_address": "15 đường Yersin, Phường Thủ Dầu Một",
        "applicant_phone": "0912345678", "applicant_email": None, "applicant_born_on": None,
        "applicant_kind": "person", "channel": "in_person", "received_at": RECEIVED, "statutory_amount": 3,
        "statutory_unit": "days", "cutoff": "15:00", "due_at": DUE, "finished_at": None, "state": int(state),
        "received_components": [
            {"name": "Tờ khai đăng ký khai sinh theo mẫu", "originals": 1, "copies": 0},
            {"name": "Giấy chứng sinh hoặc văn bản xác nhận việc sinh", "originals": 1, "copies": 2},
        ],
        "sync_state": "synced", "updated_at": RECEIVED,
    }  # fmt: skip
    trail = HISTORY[:3] if history is None else history
    return ItemDetail("dossier", 7, {**columns, **fields}, trail, [], [], [], [])


def visible(page: str) -> str:
    """The text a reader sees: no tags, entities decoded, white space collapsed."""
    text = re.sub(r"<style>.*?</style>|<title>.*?</title>", " ", page, flags=re.S)
    text = re.sub(r"</?(?:b|i|u)>", "", text)  # inside a line
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def apologised(new_due: datetime, reason: str, **fields: Any) -> ItemDetail:
    """A dossier past its due time, with an apology and its new appointment (as the cache keeps them)."""
    apology = {"at": at(80), "by": "Lê Hoàng Nam", "action": "apologise", "state": 4, "reason": reason,
               "new_due": new_due.isoformat()}  # fmt: skip
    return dossier(DossierState.IN_PROGRESS, [*HISTORY[:4], apology], extended_due_at=new_due, **fields)


def render(kind: FormKind, detail: ItemDetail | None = None) -> str:
    if kind is FormKind.APOLOGY and detail is None:
        detail = apologised(datetime(2026, 12, 1, 14, 0, tzinfo=VN_TZ), "Cần xác minh nơi sinh")
    return form_html(kind, detail or dossier(history=HISTORY), UNIT, ISSUED)


TITLES = {
    FormKind.RECEIPT: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    FormKind.SUPPLEMENT: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    FormKind.REFUSAL: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    FormKind.APOLOGY: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    FormKind.STOPPED: "THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ",
    FormKind.CONTROL: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
}


@pytest.mark.parametrize("kind", list(FormKind))
def test_every_form_has_the_national_heading_its_number_title_and_the_code_as_a_qr_code(kind: FormKind) -> None:
    page = render(kind)
    text = visible(page)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN PHƯỜNG THỦ DẦU MỘT",
        f"Mẫu số {kind.value}", TITLES[kind], f"Mã hồ sơ: {CODE}", "Phạm Thị Ngọc Hân", "Đăng ký khai sinh (1.001193)",
    ):  # fmt: skip
        assert expected in text, expected
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" width="88" height="88"', page)
    for leak in ("{{", "}}", "{%", "%}", "{#", "None", "Undefined", "&lt;b&gt;"):
        assert leak not in page, leak
    if kind is not FormKind.CONTROL:  # the control slip follows the dossier: no place and date
        assert "Phường Thủ Dầu Một, ngày 24 tháng 11 năm 2026" in text


def test_form_01_lists_the_papers_times_and_both_signatures() -> None:
    text = visible(render(FormKind.RECEIPT))
    for expected in (
        "Bộ phận tiếp nhận và trả kết quả: Ủy ban nhân dân Phường Thủ Dầu Một",
        "Tiếp nhận hồ sơ của: Phạm Thị Ngọc Hân", "Số định danh cá nhân: 079190012345",
        "Địa chỉ: 15 đường Yersin, Phường Thủ Dầu Một", "Số điện thoại: 0912345678", "Hình thức nộp: Trực tiếp",
        "1 Tờ khai đăng ký khai sinh theo mẫu 1 0", "2 Giấy chứng sinh hoặc văn bản xác nhận việc sinh 1 2",
        "2. Số lượng hồ sơ: 01 (bộ)", "3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 23 tháng 11 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 15 phút, ngày 26 tháng 11 năm 2026",
        "NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Phạm Thị Ngọc Hân",
        "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn Thu",
    ):  # fmt: skip
        assert expected in text, expected
    assert "Thư điện tử" not in text  # no e-mail given: no empty line for it


def test_form_01_for_an_organisation_in_working_hours() -> None:
    detail = dossier(applicant_kind="organisation", applicant_id_number="3700123456", statutory_amount=4,
                     statutory_unit="hours", applicant_email="vanthu@congty.vn", received_components=[])  # fmt: skip
    text = visible(render(FormKind.RECEIPT, detail))
    assert "Mã số thuế: 3700123456" in text and "Số định danh" not in text
    assert "theo quy định: 4 giờ làm việc" in text and "Thư điện tử: vanthu@congty.vn" in text
    assert "1. Thành phần hồ sơ nộp gồm: ………" in text  # no paper recorded: a line to fill in by hand


def test_what_citizens_typed_is_escaped() -> None:
    typed = {"applicant_name": "<script>alert('x')</script> & \"Hân\"", "applicant_address": "<img src=x>"}
    for kind in FormKind:
        hostile = apologised(DUE + timedelta(days=3), "<b>x</b>", **typed) if kind is FormKind.APOLOGY else None
        page = render(kind, hostile or dossier(**typed))
        assert "<script>" not in page and "<img src=x>" not in page
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;Hân&#34;" in page
        assert ("&lt;img src=x&gt;" in page) is (kind not in (FormKind.APOLOGY, FormKind.CONTROL))


def test_form_02_lists_what_to_supplement_and_why_from_the_last_request() -> None:
    earlier = {"at": at(2), "by": "Ai Đó", "action": "request_supplement", "state": 5, "reason": "Yêu cầu cũ"}
    history = [*HISTORY[:2], earlier, {**earlier, "action": "supplement_received", "at": at(2.5)}, HISTORY[2]]
    text = visible(render(FormKind.SUPPLEMENT, dossier(history=history)))
    for expected in (
        "Hồ sơ của: Phạm Thị Ngọc Hân", "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau: "
        "1. Bản sao Giấy chứng nhận kết hôn 2. Giấy xác nhận thông tin cư trú Lý do: Tờ khai thiếu nơi sinh của mẹ",
        "liên hệ với Trần Thị Bình, Bộ phận tiếp nhận và trả kết quả",
        "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên) Trần Thị Bình",
    ):  # fmt: skip
        assert expected in text, expected
    assert "Yêu cầu cũ" not in text


def test_a_request_without_a_reason_line_leaves_the_reason_to_write_by_hand() -> None:
    assert supplement_parts("Bổ sung bản sao giấy tờ tùy thân") == (["Bổ sung bản sao giấy tờ tùy thân"], "")
    assert supplement_parts("• A\n\n2) B\nLÝ DO thiếu\ngiấy tờ") == (["A", "B"], "thiếu giấy tờ")
    assert supplement_parts("Lý dovv chưa\n1.001193 cũ") == (["Lý dovv chưa", "1.001193 cũ"], "")
    history = [*HISTORY[:2], {**HISTORY[2], "reason": "Bổ sung bản sao giấy tờ tùy thân"}]
    text = visible(render(FormKind.SUPPLEMENT, dossier(history=history)))
    assert "1. Bổ sung bản sao giấy tờ tùy thân Lý do: ………" in text


def test_form_03_and_05_give_the_reason_from_the_history() -> None:
    refused = [{"at": at(0), "by": "Nguyễn Văn Thu", "action": "refuse", "state": 3, "reason": "Sai thẩm quyền"}]
    text = visible(render(FormKind.REFUSAL, dossier(DossierState.NOT_ACCEPTED, refused)))
    assert "với lý do cụ thể như sau: Sai thẩm quyền" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn Thu" in text

    stop = {"at": at(5), "by": "Lê Hoàng Nam", "action": "stop_processing", "state": 8, "reason": "Người nộp rút hồ sơ"}
    text = visible(render(FormKind.STOPPED, dossier(DossierState.STOPPED, [*HISTORY[:2], stop])))
    assert "Phường Thủ Dầu Một thông báo dừng giải quyết hồ sơ nêu trên. Lý do: Người nộp rút hồ sơ" in text
    assert "Kính gửi: Phạm Thị Ngọc Hân" in text and "Ngày 23 tháng 11 năm 2026, Ủy ban nhân dân" in text


def test_form_04_apologises_with_the_new_appointment() -> None:
    new_due = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # 14:00 in Vietnam
    text = visible(render(FormKind.APOLOGY, apologised(new_due, "Cần xác minh nơi sinh tại địa phương khác")))
    for expected in (
        "Kính gửi: Phạm Thị Ngọc Hân",
        "Ngày 23 tháng 11 năm 2026, Ủy ban nhân dân Phường Thủ Dầu Một tiếp nhận giải quyết hồ sơ của Ông/Bà.",
        "Thời hạn giải quyết hồ sơ theo quy định: 08 giờ 15 phút, ngày 26 tháng 11 năm 2026",
        "Lý do: Cần xác minh nơi sinh tại địa phương khác",
        "xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào 14 giờ 00 phút, ngày 01 tháng 12 năm 2026.",
        "THỦ TRƯỞNG CƠ QUAN (Ký, ghi rõ họ tên và đóng dấu)",
    ):
        assert expected in text, expected
    organisation = visible(render(FormKind.APOLOGY, apologised(new_due, "x", applicant_kind="organisation")))
    assert "Sự chậm trễ này đã gây phiền hà cho Quý tổ chức" in organisation


def test_form_04_needs_a_new_appointment_and_is_offered_once_there_is_one() -> None:
    with pytest.raises(DomainError) as raised:
        form_html(FormKind.APOLOGY, dossier(DossierState.IN_PROGRESS), UNIT, ISSUED)
    assert raised.value.code == "forms.no_appointment"
    assert FormKind.APOLOGY not in forms_for(int(DossierState.IN_PROGRESS))
    assert FormKind.APOLOGY in forms_for(int(DossierState.IN_PROGRESS), new_appointment=True)


def test_form_06_has_one_row_per_hand_over() -> None:
    text = visible(render(FormKind.CONTROL))
    assert "Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 23 tháng 11 năm 2026" in text
    assert "Thời gian hẹn trả kết quả: 08 giờ 15 phút, ngày 26 tháng 11 năm 2026" in text
    rows = (
        "1 Tiếp nhận hồ sơ 23/11/2026 08:15 Nguyễn Văn Thu Nguyễn Văn Thu",
        "2 Chuyển xử lý 23/11/2026 09:15 Nguyễn Văn Thu Trần Thị Bình",
        "3 Yêu cầu bổ sung, hoàn thiện hồ sơ 23/11/2026 11:15 Trần Thị Bình Trần Thị Bình 1. Bản sao Giấy chứng nhận",
        "4 Nhận hồ sơ bổ sung 24/11/2026 10:15 Trần Thị Bình Lê Hoàng Nam 26/11/2026 11:15",
        "5 Có kết quả giải quyết 25/11/2026 09:15 Lê Hoàng Nam Nguyễn Văn Thu Trước hạn: Đã cấp Giấy khai sinh",
        "6 Trả kết quả 25/11/2026 11:15 Nguyễn Văn Thu Phạm Thị Ngọc Hân",
    )
    for row in rows:
        assert row in text, row
    assert "Phường Thủ Dầu Một, ngày" not in text


def test_the_control_slip_reads_any_history() -> None:
    """Entries from other systems: no action code, a time without zone, a late result."""
    history = [
        {"at": at(0), "state": 1, "by": "Phạm Thị Ngọc Hân"},
        {"at": "2026-11-23T09:00:00", "by": "Nguyễn Văn Thu", "action": "accept", "state": "2"},
        {"at": "not a time", "action": "start_processing"},
        {"at": at(80), "by": "Lê Hoàng Nam", "action": "record_result", "state": 9},
    ]
    steps = control_steps(dossier(DossierState.PROCESSED, history))
    assert [step.handed_by for step in steps] == ["Phạm Thị Ngọc Hân", "Nguyễn Văn Thu", "", "Lê Hoàng Nam"]
    assert [step.received_by for step in steps] == ["Nguyễn Văn Thu", "", "Lê Hoàng Nam", ""]
    assert [step.at is None for step in steps] == [False, True, True, False]
    assert [step.state for step in steps] == [1, 2, None, 9]
    assert steps[-1].timing == "finished_late"
    text = visible(render(FormKind.CONTROL, dossier(DossierState.PROCESSED, history)))
    assert "1 Nộp hồ sơ 23/11/2026 08:15 Phạm Thị Ngọc Hân Nguyễn Văn Thu" in text
    assert "Quá hạn" in text and "None" not in text


@pytest.mark.parametrize(
    ("state", "forms"),
    [
        (DossierState.SUBMITTED, ["01"]),
        (DossierState.ACCEPTED, ["01", "06"]),
        (DossierState.NOT_ACCEPTED, ["03"]),
        (DossierState.IN_PROGRESS, ["01", "06"]),
        (DossierState.SUPPLEMENT_REQUESTED, ["01", "02", "06"]),
        (DossierState.STOPPED, ["01", "05", "06"]),
        (DossierState.RETURNED, ["01", "06"]),
    ],
)
def test_the_forms_a_state_calls_for(state: DossierState, forms: list[str]) -> None:
    assert [kind.value for kind in forms_for(int(state))] == forms


def test_an_unknown_state_calls_for_no_form_and_a_document_has_none() -> None:
    assert forms_for(99) == []
    document = ItemDetail("document", 1, {"subject": "x"}, [], [], [], [], [])
    with pytest.raises(ValueError, match="dossier"):
        form_html(FormKind.RECEIPT, document, UNIT, ISSUED)


def test_the_templates_are_shipped_and_a_missing_value_is_an_error() -> None:
    folder = resources_dir() / "forms"
    shipped = sorted(path.name for path in folder.glob("mau-*.html"))
    assert sorted([*TEMPLATES.values(), dossier_register.TEMPLATE]) == shipped  # 01-06 here, 07 the register
    template = form_templates.environment().get_template(TEMPLATES[FormKind.RECEIPT])
    with pytest.raises(jinja2.UndefinedError):  # a value the context lacks never prints as a blank
        template.render(form_number="01")

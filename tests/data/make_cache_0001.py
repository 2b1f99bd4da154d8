# ruff: noqa: E501 (the SQL rows read better unwrapped)
"""How tests/data/cache-0001.sqlite3 was made: a cache at the first schema revision, with data.

Kept for the record; the committed file, not this script, is what the migration test upgrades,
so that later changes to the code cannot change the "old" file. Run from the repository root:
``.venv/bin/python tests/data/make_cache_0001.py``.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from local_db.database import create_database_engine
from local_db.migrate import upgrade_database

TARGET = Path(__file__).with_name("cache-0001.sqlite3")

ROWS = """
INSERT INTO source (id, code, name, kind, base_url, retired_on) VALUES
 (1, 'unified', 'Hệ thống dùng chung Thành phố Hồ Chí Minh', 'unified', 'https://vb.example.invalid', NULL),
 (2, 'legacy-binhduong', 'Hệ thống tỉnh Bình Dương (cũ)', 'legacy', NULL, '2025-10-01');
INSERT INTO account (id, source_id, login, display_name, unit_code, role, parallel_until, status, created_at) VALUES
 (1, 1, 'thu.nt', 'Nguyễn Thị Thu', '000.00.30.H29', 'new', NULL, 'active', '2025-07-01 01:00:00.000000'),
 (2, 2, 'thu.nt@bd', 'Nguyễn Thị Thu (cũ)', '000.01.01.H57', 'old', '2025-09-30', 'active', '2025-07-01 01:05:00.000000');
INSERT INTO agency (code, name, level, parent_code, successor_code, successor_from, valid_from, valid_to) VALUES
 ('000.00.00.H29', 'Ủy ban nhân dân Thành phố Hồ Chí Minh', 1, NULL, NULL, NULL, NULL, NULL),
 ('000.01.01.H57', 'Ủy ban nhân dân phường Phú Cường (cũ)', 3, '000.00.01.H57', '000.00.30.H29', '2025-07-01', NULL, '2025-06-30');
INSERT INTO document (id, source_id, remote_id, version, direction, number, notation, doc_type, issuing_agency_code,
  issuing_agency_name, issued_on, subject, urgency, confidentiality, signer_name, signer_position, arrival_date,
  arrival_number, recipients, assignee, due_on, state, trail, sync_state, updated_at) VALUES
 (1, 1, 'doc-1', 3, 'incoming', '7816', 'VPCP-TTĐT', '', '000.00.00.G22', 'Văn phòng Chính phủ', '2025-09-30',
  'V/v kết nối, liên thông phần mềm quản lý văn bản', 'flash', 'normal', 'Nguyễn Thành Phúc', 'Cục trưởng',
  '2025-10-01', 125, '["Ủy ban nhân dân Phường Thủ Dầu Một"]', 'Trần Thị Mai', '2025-10-02', 'assigned',
  '[{"at": "2025-10-01", "by": "Văn thư", "state": "registered"}]', 'pending', '2025-10-01 02:00:00.000000'),
 (2, 2, 'bd-77', 1, 'outgoing', NULL, 'UBND-VP', 'KH', '000.01.01.H57', 'Ủy ban nhân dân phường Phú Cường (cũ)',
  '2025-06-20', 'Kế hoạch bàn giao hồ sơ lưu trữ khi sắp xếp đơn vị hành chính', 'normal', 'confidential', NULL, NULL,
  NULL, NULL, '[]', NULL, NULL, 'draft', '[]', 'synced', '2025-06-20 08:00:00.000000');
INSERT INTO dossier (id, source_id, remote_id, version, code, procedure_code, procedure_name, unit_code, applicant_name,
  applicant_id_number, applicant_address, applicant_phone, channel, received_at, statutory_amount, statutory_unit,
  cutoff, due_at, finished_at, state, history, sync_state, updated_at) VALUES
 (1, 1, 'ds-1', 2, '000.00.30.H29-250715-0007', '1.001193', 'Đăng ký khai sinh', '000.00.30.H29',
  'Phạm Thị Ngọc Ánh', '079190000001', '12 đường Yersin', '0909000001', 'in_person', '2025-07-15 07:20:00.000000',
  1, 'days', '15:00', '2025-07-16 07:20:00.000000', NULL, 5,
  '[{"at": "2025-07-15T14:20:00+07:00", "state": 1}]', 'synced', '2025-07-15 07:20:00.000000');
INSERT INTO comment (id, source_id, remote_id, item_kind, item_id, author, body, created_at, sync_state) VALUES
 (1, 1, NULL, 'dossier', 1, 'Nguyễn Thị Thu', 'Đã gọi điện đề nghị bổ sung giấy chứng sinh', '2025-07-15 08:00:00.000000', 'pending');
INSERT INTO attachment (id, source_id, remote_id, item_kind, item_id, file_name, content_type, size, sha256,
  local_path, downloaded_bytes) VALUES
 (1, 1, 'att-1', 'document', 1, 'Công văn 7816.pdf', 'application/pdf', 20480,
  'a3f5c1d2e4b6a7980c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b', 'attachments/1/cong-van-7816.pdf', 8192);
INSERT INTO outbox_entry (id, mutation_id, account_id, item_kind, item_id, action, base_version, payload, created_at,
  status, attempts, last_error, reject_code, reject_reason) VALUES
 (1, '5f0c2a5e-8d7b-4a7e-9d8e-1c2b3a4d5e6f', 1, 'document', 1, 'assign', 2, '{"assignee": "Trần Thị Mai"}',
  '2025-10-01 02:00:00.000000', 'pending', 2, 'timeout', NULL, NULL);
INSERT INTO sync_checkpoint (account_id, cursor, last_pull_at, last_success_at) VALUES
 (1, 'eyJlcG9jaCI6MSwic2VxIjo0Mn0', '2025-10-01 01:59:00.000000', '2025-10-01 01:59:00.000000');
INSERT INTO audit_log (id, at, actor, action, item_kind, item_id, detail) VALUES
 (1, '2025-10-01 02:00:00.000000', 'thu.nt', 'assign', 'document', 1, '{"assignee": "Trần Thị Mai"}');
"""


def main() -> None:
    TARGET.unlink(missing_ok=True)
    engine = create_database_engine(TARGET)
    upgrade_database(engine, TARGET, TARGET.parent / "unused-backups", target="0001_initial")
    engine.dispose()
    connection = sqlite3.connect(TARGET)
    connection.executescript(ROWS)
    connection.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    connection.commit()
    connection.execute("VACUUM")
    connection.close()


if __name__ == "__main__":
    main()

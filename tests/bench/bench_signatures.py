"""How long checking a signed PDF takes: a 20-page letter signed PAdES-B-LT, checked offline.

    .venv/bin/python tests/bench/bench_signatures.py [--pages 20] [--runs 30]

The letter is made by the demo service's PDF writer, signed once with a software key of the test
PKI (central.demo_pki, served on loopback for the timestamp and revocation data; signing is not
timed), then ``app.pdf_signatures.check_pdf_signatures`` runs ``--runs`` times on a worker thread,
as the desk runs it, offline (from the file's own revocation data). The target is the issue's:
under 300 ms. Also timed: the same check online (the revocation data present, so nothing fetched),
and a 20-page PDF with no signature (the cost of looking).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko_certvalidator import ValidationContext

from app.domain.signature_verdict import Verdict
from app.pdf_signatures import check_pdf_signatures
from app.trust_anchors import load_trust_anchors
from central.demo_pki import DemoPki
from tests.bench.bench_table import table
from tests.signed_letters import letter_of_pages, page_count

TARGET_MS = 300.0


def sign(pdf: bytes, pki: DemoPki) -> bytes:
    key = load_private_key_from_pemder_data(pki.key_file("chairman").read_bytes(), passphrase=None)
    signer = signers.SimpleSigner(signing_cert=pki.certificate("chairman"), signing_key=key, cert_registry=None)
    metadata = signers.PdfSignatureMetadata(
        field_name="ChuKyNguoiKy",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=ValidationContext(
            trust_roots=[pki.certificate("root")], other_certs=[pki.certificate("gov")], allow_fetching=True
        ),
    )
    out = signers.PdfSigner(metadata, signer, timestamper=timestamps.HTTPTimeStamper(pki.timestamp_url)).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf))
    )
    return out.getvalue()


def timed(work, runs: int) -> list[float]:
    """Seconds per run, each run on a worker thread (as the desk checks files)."""
    seconds = []
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(work).result()  # warm-up: imports, font caches
        for _ in range(runs):
            started = time.perf_counter()
            worker.submit(work).result()
            seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", type=Path, help="also write the table's rows here (for bench_all.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-signatures-") as temp:
        pki = DemoPki(Path(temp))
        try:
            plain = letter_of_pages(args.pages)
            signed = sign(plain, pki)
            anchors = load_trust_anchors(pki.root_pem())
            now = datetime.now(UTC)
            verdict = check_pdf_signatures(signed, anchors, now=now, online=False).verdict
            assert verdict is Verdict.VALID, verdict
            offline = timed(lambda: check_pdf_signatures(signed, anchors, now=now, online=False), args.runs)
            online = timed(lambda: check_pdf_signatures(signed, anchors, now=now, online=True), args.runs)
            unsigned = timed(lambda: check_pdf_signatures(plain, anchors, now=now, online=False), args.runs)
        finally:
            pki.stop()
    pages = page_count(signed)
    rows = [("measure", "median", "p95 / detail", "target", "met")]
    median = statistics.median(offline) * 1000
    slowest = max(offline) * 1000
    rows.append((f"check a signed {pages}-page PDF offline (B-LT, worker)", f"{median:.1f} ms",
                 f"max {slowest:.1f} ms, {len(signed) // 1024} KiB", f"< {TARGET_MS:.0f} ms",
                 "met" if slowest < TARGET_MS else "NOT met"))  # fmt: skip
    rows.append(("  the same, online allowed", f"{statistics.median(online) * 1000:.1f} ms",
                 f"max {max(online) * 1000:.1f} ms", "", ""))  # fmt: skip
    rows.append((f"  an unsigned {pages}-page PDF", f"{statistics.median(unsigned) * 1000:.1f} ms",
                 f"max {max(unsigned) * 1000:.1f} ms", "", ""))  # fmt: skip
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows}, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()

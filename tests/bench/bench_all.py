"""``make bench``: the window and the sync benchmarks in one run, then one table of every figure.

    .venv/bin/python tests/bench/bench_all.py [--window-items 200000] [--sync-items 100000]

Runs ``bench_window.py`` (cold start against a bare PySide6 window, search, list switching and
scrolling, memory, UI stalls, on a 200,000-item cache) and ``bench_sync.py --ui-stall`` (first full
sync of 100,000 items from the central service in its own process against raw sqlite3, an
incremental sync with nothing new, and the longest UI-thread stall with the window open during a
full sync), and ``bench_signatures.py`` (checking a signed 20-page PDF offline). Each prints its
own detailed table as it goes; the summary at the end puts the rows
together, with the targets of the issue and whether each is met.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_table import table

HERE = Path(__file__).resolve().parent


def run(script: str, arguments: list[str], json_path: Path) -> list[list[str]]:
    command = [sys.executable, str(HERE / script), *arguments, "--json", str(json_path)]
    print(f"\n$ {' '.join(command[1:])}", flush=True)
    subprocess.run(command, check=True)
    return json.loads(json_path.read_text(encoding="utf-8"))["rows"]


def summary_rows(area: str, rows: list[list[str]]) -> list[tuple[str, ...]]:
    """Rows of either table as (area, measure, figure, detail, target, met)."""
    header, body = rows[0], rows[1:]
    column = {name: index for index, name in enumerate(header)}
    result = []
    for row in body:
        if "median" in column:  # the window's table
            figure, detail = row[column["median"]], row[column["p95 / detail"]]
        else:  # the sync's table
            figure = row[column["items/s"]] or row[column["seconds"]]
            parts = [f"{row[column['items']]} items" if row[column["items"]] else "",
                     f"{row[column['requests']]} requests" if row[column["requests"]] else "",
                     f"{row[column['seconds']]} s" if row[column["items/s"]] and row[column["seconds"]] else "",
                     f"batch {row[column['batch']]}"]  # fmt: skip
            detail = ", ".join(part for part in parts if part)
        met = {"met": "yes", "NOT met": "NO"}.get(row[column["met"]], row[column["met"]])  # one vocabulary
        result.append((area, row[0], figure, detail, row[column["target"]], met))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window-items", type=int, default=200_000)
    parser.add_argument("--sync-items", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-all-") as temp:
        window = run("bench_window.py", ["--items", str(args.window_items)], Path(temp) / "window.json")
        sync = run("bench_sync.py", ["--items", str(args.sync_items), "--ui-stall"], Path(temp) / "sync.json")
        signatures = run("bench_signatures.py", [], Path(temp) / "signatures.json")
    rows = [("area", "measure", "figure", "detail", "target", "met")]
    rows += summary_rows(f"window, {args.window_items:,} items", window)
    rows += summary_rows(f"sync, {args.sync_items:,} items", sync)
    rows += summary_rows("signatures", signatures)
    print("\n== make bench: every figure, against the targets ==\n")
    print(table(rows))
    missed = [row for row in rows[1:] if row[5] == "NO"]
    print(f"\n{len(missed)} target(s) missed" + (": " + "; ".join(row[1].strip() for row in missed) if missed else ""))


if __name__ == "__main__":
    main()

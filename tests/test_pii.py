"""Buyers' personal data in free text never reaches a table, an export or the cache (R8).

The tester's case: a buyer's cancellation reason and a feedback comment carrying a name, an
e-mail, a phone and a street, written into the sample real downloads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import sellerkit
from sellerkit.account import TABLES
from sellerkit.causes.feedback_text import tag
from sellerkit.cli import main
from sellerkit.datasets.catalog import COMMENTS
from sellerkit.io.scrub import CANCEL_REASONS, NOT_KEPT, coded, scrub

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "real-downloads"
CANCEL_TEXT = "Please cancel - Jane Doe, jane.doe@gmail.com, +1 415 555 0199, 12 Elm St"
COMMENT = "Call me John Roe 415-555-0142 or john.roe@yahoo.com, 99 Oak Ave"
SECRETS = (
    "jane.doe",
    "gmail",
    "415 555 0199",
    "Jane",
    "Doe",
    "Elm St",
    "john.roe",
    "yahoo",
    "415-555-0142",
    "John",
    "Roe",
    "Oak Ave",
)


def _edit(path: Path, column: str, value: str) -> None:
    """Set ``column`` of every data row of the tab-separated ``path`` to ``value``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    at = header.index(column)
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells[at] = value
        rows.append("\t".join(cells))
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """The sample real downloads with the tester's texts in them; the cache in tmp_path."""
    monkeypatch.setenv("SELLERKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SELLERKIT_CACHE", raising=False)
    target = tmp_path / "account"
    shutil.copytree(SAMPLE, target)
    order_report = next(
        p for p in target.glob("*.txt") if p.read_text().startswith("order-id\torder-item-id\tp")
    )
    _edit(order_report, "is-buyer-requested-cancellation", "true")
    _edit(order_report, "buyer-requested-cancel-reason", CANCEL_TEXT)
    feedback = next(p for p in target.glob("*.txt") if p.read_text().startswith("Date\tRating"))
    _edit(feedback, "Comments", COMMENT)
    _edit(feedback, "Your Response", "Dear John Roe, we wrote to john.roe@yahoo.com")
    return target


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def test_no_table_holds_the_buyers_text(folder):
    account = sellerkit.load_account(folder, warn=False)
    for name in TABLES:
        assert _leaks(account.table(name).astype(str).to_csv()) == [], name
    reasons = account.cancellations["reason"].dropna()
    assert len(reasons)
    assert set(reasons) <= {NOT_KEPT}
    assert account.cancellations["buyer_requested"].any()
    comments = set(account.feedback["comments"].dropna())
    assert comments == {"Call me [name] [phone] or [e-mail], [address]"}


def test_export_and_cache_hold_no_buyer_text(folder, tmp_path):
    assert main(["export", str(folder), "-o", str(tmp_path / "out")]) == 0
    sellerkit.load_account(folder, warn=False)  # a second load reads the cache
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    cached = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert written
    assert cached
    for path in written + cached:
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert _leaks(text) == [], path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write to jane.doe@gmail.com", "Write to [e-mail]"),
        ("Ring +1 415 555 0199 now", "Ring [phone] now"),
        ("Send it to 12 Elm St please", "Send it to [address] please"),
        ("Ship to 4 North Lake Drive.", "Ship to [address]"),
        ("Dear Jane Doe, thanks", "Dear [name], thanks"),
        ("my name is Jane and it came late", "my name is [name] and it came late"),
        ("I am Jane Doe, box damaged", "I am [name], box damaged"),
        ("Great seller\n- John", "Great seller\n- [name]"),
        ("I am late and damaged", "I am late and damaged"),
        ("Arrived 3 days late, item damaged", "Arrived 3 days late, item damaged"),
    ],
)
def test_scrub(text, expected):
    assert scrub(text) == expected


def test_scrub_keeps_every_sample_comments_tag():
    texts = [t for language in COMMENTS.values() for group in language.values() for t in group]
    assert texts
    for text in texts:
        assert tag(scrub(text)) == tag(text), text
    assert tag(scrub(COMMENT + " - arrived late")) == tag("arrived late")
    assert tag(scrub("Dear Jane, the item was damaged")) == tag("the item was damaged")


def test_cancel_reason_is_a_known_code_or_not_kept():
    assert coded(" ordered BY  mistake ", CANCEL_REASONS) == "Ordered by mistake"
    assert coded(CANCEL_TEXT, CANCEL_REASONS) == NOT_KEPT


def test_scrubbing_does_not_change_the_input_frame(folder):
    frame = pd.DataFrame({"comments": [COMMENT]})
    before = frame.copy()
    scrub(frame["comments"].iloc[0])
    pd.testing.assert_frame_equal(frame, before)

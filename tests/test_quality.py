"""The data-quality summary: every counter of decision 22, with the case that raises it."""

from __future__ import annotations

import json
from datetime import date

import pytest

import sellerkit
from sellerkit.quality import COUNTS, EXTRA_COUNTS
from tests.conftest import feedback_tsv, order, tsv

SHIP_HEADER = (
    "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
    "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
)
CANCEL_HEADER = "order-id,cancel-date,buyer-requested,reason\n"


def _load(account_dir, files, **kwargs):
    return sellerkit.load_account(account_dir(files), warn=False, **kwargs)


def test_clean_account_has_every_counter_at_zero(account_dir):
    quality = _load(account_dir, {"100.txt": tsv([order(1)])}).quality
    data = quality.to_dict()
    assert set(data) == {*COUNTS, *EXTRA_COUNTS, "unrecognisedFiles"}
    assert all(data[c] == 0 for c in (*COUNTS, *EXTRA_COUNTS))
    assert data["unrecognisedFiles"] == []


def test_orphans_are_counted_with_examples(account_dir):
    account = _load(
        account_dir,
        {
            "100.txt": tsv([order(1)]),
            "f.txt": feedback_tsv(
                [
                    ("3/20/26", "1", "x", "", "111-0000001-0000001", ""),
                    ("3/21/26", "2", "y", "", "999-9999999-9999999", ""),
                ]
            ),
            "c.csv": "order-id,claim-date,claim-reason,claim-status,buy-shipping\n"
            "888-1-1,2026-03-20,other,pending,false\n",
            "b.csv": "order-id,chargeback-date,chargeback-reason,chargeback-status\n"
            "777-1-1,2026-03-20,service,open\n",
        },
    )
    counts = account.quality.to_dict()
    assert (counts["orphanFeedback"], counts["orphanClaims"], counts["orphanChargebacks"]) == (
        1,
        1,
        1,
    )
    issue = next(i for i in account.quality.issues if i.code == "orphanFeedback")
    assert issue.examples == ("999-9999999-9999999",)
    assert "999-9999999-9999999" in issue.message
    assert len(account.feedback) == 2  # kept, not silently dropped


def test_cancellations(account_dir):
    rows = [
        order(1, order_status="Cancelled"),
        order(2, order_status="Cancelled"),
        order(3, order_status="Cancelled", fulfillment_channel="Amazon"),
        order(4),
    ]
    cancels = CANCEL_HEADER + (
        "111-0000001-0000001,2026-03-10,true,Buyer cancelled\n"
        "111-0000004-0000001,2026-03-10,false,Out of stock\n"
    )
    counts = _load(account_dir, {"100.txt": tsv(rows), "x.csv": cancels}).quality.to_dict()
    assert counts["assumedSellerCancellations"] == 1  # order 2; order 3 is FBA
    assert counts["cancellationsForOpenOrders"] == 1  # order 4


def test_orders_without_shipment_only_when_shipments_exist(account_dir):
    rows = [
        order(1),
        order(2),
        order(3, fulfillment_channel="Amazon"),
        order(4, order_status="Cancelled"),
    ]
    without = _load(account_dir, {"100.txt": tsv(rows)}).quality
    assert without.to_dict()["ordersWithoutShipment"] == 0
    assert any("no feedback" in note and "shipments" in note for note in without.notes)
    shipments = SHIP_HEADER + "111-0000001-0000001,2026-03-11,2026-03-11,UPS,1Z,Std,,,,1,K\n"
    withit = _load(
        account_dir,
        {"100.txt": tsv(rows), "s.csv": shipments},
    ).quality
    assert withit.to_dict()["ordersWithoutShipment"] == 1  # order 2 only


def test_future_dated_rows(account_dir):
    rows = [order(1), order(2, purchase_date="2026-04-02T18:00:00+00:00")]
    fb = feedback_tsv([("4/5/26", "1", "x", "", "111-0000001-0000001", "")])
    account = _load(account_dir, {"100.txt": tsv(rows), "f.txt": fb}, today=date(2026, 4, 1))
    assert account.quality.to_dict()["futureDatedRows"] == 2
    assert account.last_order_day == date(2026, 3, 10)
    assert [i.message for i in account.quality.issues if i.code == "futureDatedRows"] == [
        "100.txt: 1 orders row(s) are dated after today (2026-04-01); kept, and ignored by "
        "metrics until their day comes (e.g. 111-0000002-0000001)",
        "f.txt: 1 feedback row(s) are dated after today (2026-04-01); kept, and ignored by "
        "metrics until their day comes (e.g. 111-0000001-0000001)",
    ]


def test_non_amazon_and_other_marketplace_orders_are_left_out(account_dir):
    rows = [
        order(1),
        order(2, sales_channel="Non-Amazon"),
        order(3, sales_channel="Amazon.ca"),
        order(4, sales_channel="amazon.com"),
    ]
    account = _load(account_dir, {"100.txt": tsv(rows)})
    counts = account.quality.to_dict()
    assert counts["nonAmazonOrders"] == 1
    assert counts["otherMarketplaceOrders"] == 1
    assert account.orders["order_id"].str[4:11].tolist() == ["0000001", "0000004"]


def test_unrecognised_files_are_listed(account_dir):
    account = _load(account_dir, {"100.txt": tsv([order(1)]), "notes.md": "# my notes\n"})
    assert account.quality.to_dict()["unrecognisedFiles"] == ["notes.md"]
    assert "skipped notes.md: header not recognised" in account.quality.messages()[0]


def test_warnings_are_emitted_one_per_issue(account_dir):
    folder = account_dir(
        {"100.txt": tsv([order(1), order(2, sales_channel="Non-Amazon")]), "n.md": "x\n"}
    )
    with pytest.warns(sellerkit.DataQualityWarning) as caught:
        sellerkit.load_account(folder)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2
    assert any("Non-Amazon" in m for m in messages)


def test_every_issue_names_the_files_it_comes_from(account_dir):
    """Issue 11: a data-quality warning says where, not only what."""
    rows = [
        order(1, order_status="Cancelled"),
        order(2, purchase_date="2026-04-02T18:00:00+00:00"),
        order(3, sales_channel="Non-Amazon"),
        order(4, sales_channel="Amazon.ca"),
        order(5),
    ]
    files = {
        "100.txt": tsv(rows),
        "200.txt": tsv([order(5)]),
        "f.txt": feedback_tsv([("3/20/26", "1", "x", "", "999-0000000-0000000", "")]),
        "s.csv": SHIP_HEADER + "111-0000009-0000001,2026-03-11,2026-03-11,UPS,1Z,Std,,,,1,K\n",
        "x.csv": CANCEL_HEADER + "111-0000005-0000001,2026-03-10,true,\n",
        "c.csv": "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n",
    }
    quality = _load(account_dir, files, today=date(2026, 4, 1)).quality
    where = {issue.code: issue.files for issue in quality.issues}
    assert where == {
        "duplicateRowsRemoved": ("100.txt",),  # the file that lost the rows (200.txt won)
        "emptyFiles": ("c.csv",),
        "nonAmazonOrders": ("100.txt",),
        "otherMarketplaceOrders": ("100.txt",),
        "orphanFeedback": ("f.txt",),
        "orphanShipments": ("s.csv",),
        "assumedSellerCancellations": ("100.txt",),
        "cancellationsForOpenOrders": ("x.csv",),
        "ordersWithoutShipment": ("100.txt", "200.txt"),
        "futureDatedRows": ("100.txt",),
    }
    for issue in quality.issues:
        assert issue.message.startswith(", ".join(issue.files) + ": "), issue.message
    assert (
        "100.txt: 1 cancelled seller-fulfilled order(s) have no cancellations row and count as "
        "cancelled by the seller (e.g. 111-0000001-0000001)"
    ) in quality.messages()


def test_files_with_a_header_and_no_rows_warn_and_count(account_dir, capsys):
    from sellerkit.cli import main

    folder = account_dir(
        {
            "100.txt": tsv([order(1)]),
            "f.txt": feedback_tsv([]),
            "c.csv": "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n",
        }
    )
    with pytest.warns(sellerkit.DataQualityWarning) as caught:
        account = sellerkit.load_account(folder)
    assert [str(w.message) for w in caught] == [
        "f.txt: Seller Feedback report with a header and no rows",
        "c.csv: A-to-z claims CSV with a header and no rows",
    ]
    assert account.quality.to_dict()["emptyFiles"] == 2
    assert main(["metrics", str(folder), "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["dataQuality"]["emptyFiles"] == 2
    assert out.err.splitlines() == [
        "warning: f.txt: Seller Feedback report with a header and no rows",
        "warning: c.csv: A-to-z claims CSV with a header and no rows",
    ]

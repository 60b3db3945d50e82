"""Readers: encodings, line ends, layouts, dates and days, types, privacy."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import sellerkit
from sellerkit.datasets.write import OLD_ORDERS_COLUMNS
from tests.conftest import feedback_tsv, order, tsv

ENCODED = [
    ("utf-8", "Crème brûlée torch"),
    ("utf-8-sig", "Crème brûlée torch"),
    ("utf-16", "Crème brûlée torch"),
    ("cp1252", "Küchenwaage – 5 kg, Größe €"),
    ("latin-1", "Crème brûlée torch"),
    ("cp932", "ステンレス電気ケトル 1.0L"),
]


@pytest.mark.parametrize(("encoding", "name"), ENCODED, ids=[e for e, _ in ENCODED])
@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_encodings_load_without_mojibake(account_dir, encoding, name, line_end):
    market = 'marketplace = "JP"\n' if encoding == "cp932" else ""
    sales = "Amazon.co.jp" if encoding == "cp932" else "Amazon.com"
    rows = [order(1, product_name=name, sales_channel=sales), order(2, sales_channel=sales)]
    text = tsv(rows, line_end=line_end)
    folder = account_dir({"100.txt": text.encode(encoding), "account.toml": market})
    account = sellerkit.load_account(folder, warn=False)
    assert account.order_items["product_name"].iloc[0] == name
    assert not account.order_items["order_id"].str.contains("\r").any()
    assert account.order_items["signature_confirmation_recommended"].tolist() == [False, False]


def test_cp932_detected_from_sales_channel_without_config(account_dir):
    text = tsv([order(1, product_name="抹茶碗 茶筅付き", sales_channel="Amazon.co.jp")])
    folder = account_dir({"100.txt": text.encode("cp932")})
    account = sellerkit.load_account(folder, warn=False)
    assert account.marketplace.code == "JP"
    assert account.files["encoding"].tolist() == ["cp932"]
    assert account.order_items["product_name"].iloc[0] == "抹茶碗 茶筅付き"


def test_declared_encoding_overrides_detection(account_dir):
    # Valid UTF-8 bytes that are really cp1252 text: only the declaration can tell.
    text = tsv([order(1, product_name="Ã©tui")]).encode("cp1252")
    folder = account_dir({"100.txt": text, "account.toml": 'encoding = "cp1252"\n'})
    assert sellerkit.load_account(folder, warn=False).order_items["product_name"].iloc[0] == (
        "Ã©tui"
    )


def test_old_layout_with_url_and_no_order_item_id(account_dir):
    rows = [order(1), order(2, sku="SKU-2"), order(2, sku="SKU-3", quantity="2")]
    folder = account_dir({"100.txt": tsv(rows, OLD_ORDERS_COLUMNS)})
    account = sellerkit.load_account(folder, warn=False)
    assert account.order_items["order_item_id"].isna().all()
    assert len(account.order_items) == 3
    assert account.orders.set_index("order_id")["quantity"].to_dict() == {
        "111-0000001-0000001": 1,
        "111-0000002-0000001": 3,
    }


def test_extra_unknown_columns_are_kept_as_text(account_dir):
    from sellerkit.datasets.write import ORDERS_COLUMNS

    columns = (*ORDERS_COLUMNS, "is-iba", "Buyer-Email")
    rows = [order(1, **{"is-iba": "false", "Buyer-Email": "a@b.example"})]
    account = sellerkit.load_account(account_dir({"100.txt": tsv(rows, columns)}), warn=False)
    assert account.order_items["is_iba"].tolist() == ["false"]
    assert "buyer_email" not in account.order_items.columns


# Days and time zones (data contract, decision 2). -----------------------------------------


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("2026-03-11T06:30:00+00:00", "2026-03-10"),  # 23:30 in Los Angeles on the 10th
        ("2026-03-11T07:30:00+00:00", "2026-03-11"),  # 00:30 on the 11th
        ("2026-03-10T23:30:00-07:00", "2026-03-10"),
        ("2026-03-11T00:30:00-07:00", "2026-03-11"),
        ("2026-03-10T23:30:00", "2026-03-10"),  # no offset: already local
        ("2026-03-11T07:30:00Z", "2026-03-11"),
    ],
)
def test_order_day_is_the_marketplace_calendar_day(account_dir, stamp, day):
    folder = account_dir({"100.txt": tsv([order(1, purchase_date=stamp)])})
    account = sellerkit.load_account(folder, warn=False)
    assert account.orders["order_date"].iloc[0] == pd.Timestamp(day)
    assert str(account.orders["purchase_date"].dt.tz) == "America/Los_Angeles"


def test_jp_offset_days(account_dir):
    rows = [
        order(1, purchase_date="2026-03-10T23:30:00+09:00", sales_channel="Amazon.co.jp"),
        order(2, purchase_date="2026-03-10T15:30:00+00:00", sales_channel="Amazon.co.jp"),
    ]
    account = sellerkit.load_account(account_dir({"100.txt": tsv(rows)}), warn=False)
    assert account.orders["order_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-03-10",
        "2026-03-11",
    ]


def test_mixed_offset_and_local_timestamps_in_one_column(account_dir):
    rows = [
        order(1, purchase_date="2026-03-11T06:30:00+00:00"),
        order(2, purchase_date="2026-03-11T06:30:00"),
    ]
    account = sellerkit.load_account(account_dir({"100.txt": tsv(rows)}), warn=False)
    assert account.orders["order_date"].dt.day.tolist() == [10, 11]


@pytest.mark.parametrize(
    ("market", "text", "day"),
    [
        ("US", "3/7/26", "2026-03-07"),
        ("US", "12/31/25", "2025-12-31"),
        ("UK", "7/3/26", "2026-03-07"),
        ("UK", "07/03/2026", "2026-03-07"),
        ("DE", "7.3.26", "2026-03-07"),
        ("JP", "26/3/7", "2026-03-07"),
        ("SE", "2026-03-07", "2026-03-07"),
    ],
)
def test_feedback_dates_follow_the_marketplace(account_dir, market, text, day):
    folder = account_dir(
        {
            "100.txt": tsv([order(1)]),
            "f.txt": feedback_tsv([(text, "1", "late", "", "111-0000001-0000001", "x@y.z")]),
            "account.toml": f'marketplace = "{market}"\n',
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    assert account.feedback["date"].iloc[0] == pd.Timestamp(day)


def test_feedback_marketplace_inferred_from_sales_channel(account_dir):
    folder = account_dir(
        {
            "100.txt": tsv([order(1, sales_channel="Amazon.co.uk")]),
            "f.txt": feedback_tsv([("13/3/26", "2", "late", "", "111-0000001-0000001", "")]),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    assert account.marketplace.code == "UK"
    assert account.feedback["date"].iloc[0] == pd.Timestamp("2026-03-13")


def test_csv_kinds_with_quoting_and_dates(account_dir):
    shipments = (
        "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
        "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
        '111-0000001-0000001,2026-03-11,2026-03-11T23:30:00-07:00,"UPS, Inc.",1Z9,Standard,'
        ",2026-03-16,2026-03-15,1,Kitchen\n"
    )
    claims = (
        "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount,note\n"
        '111-0000001-0000001,2026-03-20,Not-Received,PENDING,TRUE,,"said ""late"", twice"\n'
    )
    folder = account_dir({"100.txt": tsv([order(1)]), "s.csv": shipments, "c.csv": claims})
    account = sellerkit.load_account(folder, warn=False)
    ship = account.shipments.iloc[0]
    assert ship["carrier_name"] == "UPS, Inc."
    assert ship["ship_date"] == pd.Timestamp("2026-03-11")
    assert pd.isna(ship["first_scan_date"])
    assert ship["units"] == 1
    claim = account.claims.iloc[0]
    assert (claim["claim_reason"], claim["claim_status"], claim["buy_shipping"]) == (
        "not-received",
        "pending",
        True,
    )
    assert pd.isna(claim["amount"])
    assert claim["note"] == 'said "late", twice'


def test_order_status_detail_and_cancelled(account_dir):
    rows = [
        order(1, order_status="Shipped - Delivered to Buyer"),
        order(2, order_status="Cancelled"),
        order(3, order_status="Pending - Waiting for Pick Up"),
    ]
    account = sellerkit.load_account(account_dir({"100.txt": tsv(rows)}), warn=False)
    assert account.orders["is_cancelled"].tolist() == [False, True, False]
    assert account.orders["order_status"].iloc[0] == "Shipped - Delivered to Buyer"


def test_order_level_table(account_dir):
    rows = [
        order(1, quantity="2", item_price="10.00"),
        order(2, fulfillment_channel="Amazon", item_price=""),
        order(1, order_item_id="59", quantity="1", item_price="5.50", sku="SKU-2"),
    ]
    orders = sellerkit.load_account(account_dir({"100.txt": tsv(rows)}), warn=False).orders
    assert orders["order_id"].tolist() == ["111-0000001-0000001", "111-0000002-0000001"]
    assert orders["item_rows"].tolist() == [2, 1]
    assert orders["quantity"].tolist() == [3, 1]
    assert orders["item_price"].iloc[0] == 15.5
    assert pd.isna(orders["item_price"].iloc[1])
    assert orders["channel"].astype(str).tolist() == ["MFN", "AFN"]


def test_private_columns_never_enter_the_tables(account_dir):
    folder = account_dir(
        {
            "100.txt": tsv([order(1, ship_city="Secretville", ship_postal_code="99999")]),
            "f.txt": feedback_tsv(
                [("3/20/26", "1", "x", "", "111-0000001-0000001", "buyer@example.com")]
            ),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    for name in ("order_items", "orders", "feedback"):
        text = account.table(name).astype(str).to_csv()
        assert "Secretville" not in text
        assert "99999" not in text
        assert "buyer@example.com" not in text
    assert "rater_email" not in account.feedback.columns


def test_reading_does_not_depend_on_file_names(account_dir):
    folder = account_dir(
        {
            "zzz.csv": tsv([order(1)]),
            "orders.txt": feedback_tsv([("3/20/26", "1", "x", "", "111-0000001-0000001", "")]),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    assert dict(zip(account.files["file"], account.files["kind"], strict=True)) == {
        "zzz.csv": "orders",
        "orders.txt": "feedback",
    }


# Every look at a file's content decodes it as the reader does (issue 11). ------------------

CASES = Path(__file__).parent / "data" / "cases"


def _metrics(folder: Path) -> dict:
    return sellerkit.health(sellerkit.load_account(folder, warn=False)).to_dict()


def test_case_utf16_uk_reads_like_its_utf8_copy(tmp_path):
    """cases/utf16-uk: an Amazon.co.uk download saved by Excel as "Unicode Text"."""
    case = CASES / "utf16-uk" / "account"
    account = sellerkit.load_account(case, warn=False)
    assert account.marketplace.code == "UK"
    assert len(account.orders) == 5
    assert account.files["encoding"].tolist() == ["utf-16"]
    assert account.quality.to_dict()["otherMarketplaceOrders"] == 0
    copy = tmp_path / "account"
    copy.mkdir()
    text = (case / "orders.txt").read_bytes().decode("utf-16")
    (copy / "orders.txt").write_text(text, encoding="utf-8")
    figures = _metrics(case)
    assert figures == _metrics(copy)
    cancellation = figures["performanceMetrics"][0]["preFulfillmentCancellationRate"]
    assert (figures["asOf"], cancellation["orderCount"], cancellation["status"]) == (
        "2026-07-14",
        5,
        "GOOD",
    )


@pytest.mark.parametrize(
    ("encoding", "channel", "code"),
    [
        ("utf-16-le", "Amazon.co.uk", "UK"),  # BOM written below
        ("utf-16-be", "Amazon.de", "DE"),
        ("utf-8-sig", "Amazon.fr", "FR"),
        ("cp1252", "Amazon.es", "ES"),
        ("cp932", "Amazon.co.jp", "JP"),
    ],
)
def test_marketplace_guess_decodes_like_the_reader(account_dir, encoding, channel, code):
    name = "ステンレス電気ケトル" if code == "JP" else "Théière en fonte – 1 L"
    text = tsv([order(i, product_name=name, sales_channel=channel) for i in (1, 2, 3)])
    data = text.encode(encoding)
    if encoding.startswith("utf-16"):
        data = "\ufeff".encode(encoding) + data
    account = sellerkit.load_account(account_dir({"100.txt": data}), warn=False)
    assert account.marketplace.code == code
    assert len(account.orders) == 3
    assert account.order_items["product_name"].tolist() == [name] * 3


def test_performance_report_saved_as_utf16_loads(account_dir):
    document = '{"performanceMetrics": [], "accountStatuses": []}'
    folder = account_dir(
        {
            "100.txt": tsv([order(1)]),
            "p.json": "\ufeff".encode("utf-16-le") + document.encode("utf-16-le"),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    assert [p["_source_file"] for p in account.performance] == ["p.json"]


FRENCH_FEEDBACK = (
    "Date\tÉvaluation\tCommentaires\tRéponse\tNuméro de commande\n20/3/26\t1\tx\t\t1\n"
)
GERMAN_FEEDBACK = "Datum\tBewertung\tKommentare\tRückmeldung\tBestellnummer\n20.3.26\t1\tx\t\t1\n"
JAPANESE_FEEDBACK = "日付\t評価\tコメント\t回答\t注文番号\n26/3/20\t1\tx\t\t1\n"


@pytest.mark.parametrize(
    ("orders", "feedback", "encoding", "toml", "message"),
    [
        (
            "Amazon.fr",
            FRENCH_FEEDBACK,
            "cp1252",
            "",
            "f.txt, line 1: has a French header ('Date, Évaluation, Commentaires, Réponse')",
        ),
        (
            "Amazon.fr",
            FRENCH_FEEDBACK,
            "cp1252",
            'encoding = "cp1252"\n',
            "f.txt, line 1: has a French header ('Date, Évaluation, Commentaires, Réponse')",
        ),
        (
            "Amazon.de",
            GERMAN_FEEDBACK,
            "cp1252",
            'marketplace = "DE"\n',
            "f.txt, line 1: has a German header ('Datum, Bewertung, Kommentare, Rückmeldung')",
        ),
        (
            "Amazon.co.jp",
            JAPANESE_FEEDBACK,
            "cp932",
            "",
            "f.txt, line 1: has a Japanese header ('日付, 評価, コメント, 回答')",
        ),
        (
            "Amazon.co.jp",
            JAPANESE_FEEDBACK,
            "cp932",
            'marketplace = "JP"\n',
            "f.txt, line 1: has a Japanese header ('日付, 評価, コメント, 回答')",
        ),
    ],
    ids=["fr-cp1252", "fr-declared", "de-cp1252", "jp-cp932", "jp-cp932-toml"],
)
def test_localized_header_in_a_legacy_encoding_is_named(
    account_dir, orders, feedback, encoding, toml, message
):
    folder = account_dir(
        {
            "100.txt": tsv([order(1, sales_channel=orders)]),
            "f.txt": feedback.encode(encoding),
            "account.toml": toml,
        }
    )
    with pytest.raises(sellerkit.LayoutError) as raised:
        sellerkit.load_account(folder, warn=False)
    assert str(raised.value).startswith(message)
    assert "Fix: set the report language to English (en_US)" in str(raised.value)


def test_unrecognised_legacy_file_is_shown_as_written(account_dir):
    folder = account_dir(
        {
            "100.txt": tsv([order(1)]),
            "stock.txt": "Größe\tGewicht\tFarbe\n1\t2\t3\n".encode("cp1252"),
        }
    )
    account = sellerkit.load_account(folder, warn=False)
    assert account.quality.unrecognised_files == [
        ("stock.txt", "header not recognised (starts: 'Größe, Gewicht, Farbe')")
    ]

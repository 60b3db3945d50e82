"""The downloads sellers really have (data contract R1–R8, real-downloads.md).

Every file here is written by the test in its real layout (the headers of real-downloads.md,
Amazon's delimiters, quoting, notes, date and number formats) with synthetic values: no row
comes from a real file. US marketplace (America/Los_Angeles) unless a test says otherwise.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import sellerkit
from sellerkit.cli import main
from sellerkit.errors import CellError, LayoutError
from sellerkit.io.layouts_real import PERSONAL_COLUMNS
from sellerkit.io.readers import read_table
from sellerkit.io.schema import Kind
from sellerkit.io.sniff import sniff
from sellerkit.marketplaces import get_marketplace
from tests.conftest import order, tsv

CASE = Path(__file__).parent / "data" / "cases" / "order-report-beside-all-orders"

# Headers, verbatim from real-downloads.md. -------------------------------------------------

ORDER_REPORT_COLUMNS = (
    "order-id", "order-item-id", "purchase-date", "payments-date", "buyer-email", "buyer-name",
    "buyer-phone-number", "sku", "number-of-items", "product-name", "quantity-purchased",
    "currency", "item-price", "item-tax", "shipping-price", "shipping-tax", "ship-service-level",
    "recipient-name", "ship-address-1", "ship-address-2", "ship-address-3", "ship-city",
    "ship-state", "ship-postal-code", "ship-country", "ship-phone-number",
    "item-promotion-discount", "item-promotion-id", "ship-promotion-discount",
    "ship-promotion-id", "delivery-start-date", "delivery-end-date", "delivery-time-zone",
    "delivery-Instructions", "earliest-ship-date", "latest-ship-date", "earliest-delivery-date",
    "latest-delivery-date", "is-business-order", "purchase-order-number", "price-designation",
    "is-prime", "buyer-company-name", "is-iba", "is-buyer-requested-cancellation",
    "buyer-requested-cancel-reason",
)  # fmt: skip
UNSHIPPED_COLUMNS = (
    "order-id", "order-item-id", "purchase-date", "payments-date", "reporting-date",
    "promise-date", "days-past-promise", "buyer-email", "buyer-phone-number", "sku",
    "product-name", "quantity-purchased", "quantity-shipped", "quantity-to-ship",
    "ship-service-level", "recipient-name", "ship-address-1", "ship-address-2",
    "ship-address-3", "ship-city", "ship-state", "ship-postal-code", "ship-country",
    "is-business-order", "purchase-order-number", "price-designation", "is-prime",
    # 2025 US additions
    "buyer-name", "cpf", "is-buyer-requested-cancellation", "buyer-requested-cancel-reason",
    "verge-of-cancellation", "verge-of-lateShipment",
)  # fmt: skip
CONFIRM_COLUMNS = (
    "order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name",
    "tracking-number", "ship-method",
)  # fmt: skip
TRANSACTION_COLUMNS = (
    "date/time", "settlement id", "type", "order id", "sku", "description", "quantity",
    "marketplace", "account type", "fulfillment", "order city", "order state", "order postal",
    "tax collection model", "product sales", "product sales tax", "shipping credits",
    "shipping credits tax", "gift wrap credits", "giftwrap credits tax", "promotional rebates",
    "promotional rebates tax", "marketplace withheld tax", "selling fees", "fba fees",
    "other transaction fees", "other", "total",
)  # fmt: skip
SETTLEMENT_COLUMNS = (
    "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date",
    "total-amount", "currency", "transaction-type", "order-id", "merchant-order-id",
    "adjustment-id", "shipment-id", "marketplace-name", "amount-type", "amount-description",
    "amount", "fulfillment-id", "posted-date", "posted-date-time", "order-item-code",
    "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased",
)  # fmt: skip
RETURNS_COLUMNS = (
    "Order ID", "Order date", "Return request date", "Return request status", "Amazon RMA ID",
    "Merchant RMA ID", "Label type", "Label cost", "Currency code", "Return carrier",
    "Tracking ID", "Label to be paid by", "A-to-Z Claim", "Is prime", "ASIN", "Merchant SKU",
    "Item Name", "Return quantity", "Return Reason", "In policy", "Return type", "Resolution",
    "Invoice number", "Return delivery date", "Order Amount", "Order quantity",
    "SafeT Action reason", "SafeT claim id", "SafeT claim state", "SafeT claim creation time",
    "SafeT claim reimbursement amount", "Refunded Amount",
)  # fmt: skip
FBA_SHIPMENTS_COLUMNS = (
    "amazon-order-id", "merchant-order-id", "shipment-id", "shipment-item-id",
    "amazon-order-item-id", "merchant-order-item-id", "purchase-date", "payments-date",
    "shipment-date", "reporting-date", "buyer-email", "buyer-name", "buyer-phone-number", "sku",
    "product-name", "quantity-shipped", "currency", "item-price", "item-tax", "shipping-price",
    "shipping-tax", "gift-wrap-price", "gift-wrap-tax", "ship-service-level", "recipient-name",
    "ship-address-1", "ship-address-2", "ship-address-3", "ship-city", "ship-state",
    "ship-postal-code", "ship-country", "ship-phone-number", "bill-address-1", "bill-address-2",
    "bill-address-3", "bill-city", "bill-state", "bill-postal-code", "bill-country",
    "item-promotion-discount", "ship-promotion-discount", "carrier", "tracking-number",
    "estimated-arrival-date", "fulfillment-center-id", "fulfillment-channel", "sales-channel",
)  # fmt: skip

# Synthetic personal data: none of it may reach a table or an output (R8).
PERSONAL = {
    "buyer-email": "pat.placeholder@example.invalid",
    "buyer-name": "Pat Placeholder",
    "buyer-phone-number": "+1 555 0100 111",
    "recipient-name": "Pat Placeholder",
    "ship-address-1": "9 Nowhere Lane",
    "ship-city": "PLACEVILLE",
    "ship-postal-code": "99999",
    "ship-phone-number": "+1 555 0100 111",
    "bill-address-1": "9 Nowhere Lane",
    "buyer-company-name": "Placeholder Holdings",
}

# Notes before the Transaction report's header: quoted lines like Amazon's, our own words.
TRANSACTION_NOTES = (
    '"Synthetic test report: every sale, refund and fee of the period, in one file"',
    '"All amounts in USD, unless specified"',
    '"Definitions:"',
    '"Sales tax collected: tax on products, shipping and gift wrap, where collected"',
    '"Selling fees: referral and closing fees"',
    '"Other transaction fees: fees not listed above, such as adjustments"',
    '"Other: amounts that fit none of the columns above"',
)
NOTE_2025 = '"Note: rows of 2025 and later may carry a transaction status"'

AS_OF = date(2026, 4, 30)
IN_WINDOW = "2026-03-10T18:00:00+00:00"  # 10 March in Los Angeles: in the ODR window


def oid(n: int) -> str:
    return f"111-{n:07d}-0000001"


def table_text(columns: tuple[str, ...], rows: list[dict[str, str]], personal: bool = True) -> str:
    """Amazon's tab-separated text, personal columns filled with the placeholders."""
    filled = [{**(PERSONAL if personal else {}), **row} for row in rows]
    return tsv(filled, columns)


def order_report(rows: list[dict[str, str]]) -> str:
    base = {"quantity-purchased": "1", "currency": "USD", "sku": "SKU-1", "is-prime": "false"}
    return table_text(ORDER_REPORT_COLUMNS, [{**base, **row} for row in rows])


def report_row(n: int, purchase: str, ship_by: str, deliver_by: str = "", **cells: str) -> dict:
    return {
        "order-id": oid(n),
        "order-item-id": f"{70000000000000 + n}",
        "purchase-date": purchase,
        "payments-date": purchase,
        "latest-ship-date": ship_by,
        "latest-delivery-date": deliver_by,
        "is-buyer-requested-cancellation": "false",
        **{k.replace("_", "-"): v for k, v in cells.items()},
    }


def confirmations(rows: list[tuple[str, ...]]) -> str:
    """(order-id, ship-date, carrier-code, tracking-number) rows of the upload file."""
    return tsv(
        [
            {
                "order-id": o,
                "order-item-id": "",
                "quantity": "1",
                "ship-date": d,
                "carrier-code": c,
                "carrier-name": "",
                "tracking-number": t,
                "ship-method": "Ground",
            }
            for o, d, c, t in rows
        ],
        CONFIRM_COLUMNS,
    )


def transactions(rows: list[dict[str, str]], notes: tuple[str, ...] = TRANSACTION_NOTES) -> str:
    """A Date Range Transaction report: notes, then every field quoted, comma-separated."""
    lines = [*notes, ",".join(f'"{c}"' for c in TRANSACTION_COLUMNS)]
    for row in rows:
        full = {**{c: "0" for c in TRANSACTION_COLUMNS[14:]}, "order city": "PLACEVILLE"}
        full.update({"order postal": "99999", "marketplace": "amazon.com", **row})
        cells = (full.get(c, "").replace('"', '""') for c in TRANSACTION_COLUMNS)
        lines.append(",".join(f'"{cell}"' for cell in cells))
    return "\r\n".join(lines) + "\r\n"


def settlement(rows: list[dict[str, str]]) -> str:
    summary = {
        "settlement-id": "9900001",
        "settlement-start-date": "01.03.2026 00:00:00 UTC",
        "settlement-end-date": "15.03.2026 00:00:00 UTC",
        "deposit-date": "17.03.2026 00:00:00 UTC",
        "total-amount": "1.234,56",
        "currency": "EUR",
    }
    body = [{"settlement-id": "9900001", "marketplace-name": "Amazon.de", **r} for r in rows]
    return tsv([summary, *body], SETTLEMENT_COLUMNS)


def returns(rows: list[dict[str, str]], columns: tuple[str, ...] = RETURNS_COLUMNS) -> str:
    """Returns rows; empty cells are a single blank, as in real files."""
    return tsv([{c: row.get(c, " ") for c in columns} for row in rows], columns)


def load(account_dir, files: dict[str, str | bytes], **kwargs) -> sellerkit.Account:
    return sellerkit.load_account(account_dir(files), warn=False, **kwargs)


def mfn_orders(n: int, purchase: str = IN_WINDOW, **cells: str) -> str:
    return tsv([order(i, purchase_date=purchase, **cells) for i in range(1, n + 1)])


# Recognition (decision 10, R1). ------------------------------------------------------------


def test_order_report_is_recognised_not_taken_for_a_tab_separated_shipments_csv():
    found = sniff(CASE / "account" / "40122879901.txt")
    assert found.kind is Kind.ORDER_REPORT


def test_a_tab_separated_shipments_csv_is_still_an_error(account_dir):
    text = "order-id\tlatest-ship-date\tship-date\n111-0000001-0000001\t2026-03-11\t\n"
    with pytest.raises(LayoutError, match="looks like a shipments CSV but is separated by tabs"):
        load(account_dir, {"o.txt": mfn_orders(1), "s.txt": text})


def test_an_order_report_saved_with_commas_is_named_as_such(account_dir):
    """Split on commas it is a whole Order Report, and holds the identifying columns of the
    shipments CSV (order-id, latest-ship-date): the error names the report (decision 21)."""
    text = (CASE / "account" / "40122879901.txt").read_text().replace("\t", ",")
    with pytest.raises(LayoutError, match="looks like an MFN Order Report but is separated by co"):
        load(account_dir, {"o.txt": mfn_orders(1), "or.txt": text})


def test_returns_report_order_id_does_not_make_it_feedback(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(returns([{"Order ID": oid(1), "Return request date": "10-Jul-2025"}]))
    assert sniff(path).kind is Kind.RETURNS


def test_fba_shipments_report_is_not_an_all_orders_report(tmp_path):
    # It holds the All Orders report's three identifying columns, and more of its own.
    path = tmp_path / "fba.txt"
    path.write_text(table_text(FBA_SHIPMENTS_COLUMNS, [{"amazon-order-id": oid(1)}]))
    assert sniff(path).kind is Kind.FBA_SHIPMENTS


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("unshipped", table_text(UNSHIPPED_COLUMNS, []), Kind.UNSHIPPED_ORDERS),
        ("confirmations", confirmations([]), Kind.SHIP_CONFIRMATIONS),
        ("transactions", transactions([]), Kind.TRANSACTIONS),
        ("transactions-2025", transactions([], (*TRANSACTION_NOTES, NOTE_2025)), Kind.TRANSACTIONS),
        ("settlement", settlement([]), Kind.SETTLEMENT),
    ],
)
def test_each_download_is_recognised_by_its_header(tmp_path, name, text, kind):
    path = tmp_path / f"{name}.txt"
    path.write_text(text)
    assert sniff(path).kind is kind


# Reading each layout in its real shape (R1, R8). ------------------------------------------


def _read(tmp_path: Path, text: str, market: str = "US") -> pd.DataFrame:
    path = tmp_path / "download.txt"
    path.write_bytes(text.encode("utf-8"))
    return read_table(sniff(path), get_marketplace(market))


def test_order_report_columns_days_and_no_personal_data(tmp_path):
    text = order_report(
        [
            report_row(
                1,
                "2026-07-17T16:20:00+00:00",
                "2026-07-20T06:59:59+00:00",  # 23:59:59 on 19 July in Los Angeles
                "2026-07-25T06:59:59+00:00",
                is_buyer_requested_cancellation="true",
                buyer_requested_cancel_reason="Ordered by mistake",
            )
        ]
    )
    frame = _read(tmp_path, text)
    row = frame.iloc[0]
    assert row["latest_ship_date"] == pd.Timestamp("2026-07-19")
    assert row["latest_delivery_date"] == pd.Timestamp("2026-07-24")
    assert bool(row["buyer_requested"]) is True
    assert row["cancel_reason"] == "Ordered by mistake"
    assert set(frame.columns) == {
        "order_id",
        "order_item_id",
        "purchase_date",
        "quantity",
        "latest_ship_date",
        "latest_delivery_date",
        "buyer_requested",
        "cancel_reason",
    }
    assert not any(v in frame.astype(str).to_csv() for v in PERSONAL.values())


def test_unshipped_promise_date_is_the_ship_by_day(tmp_path):
    row = {
        "order-id": oid(1),
        "order-item-id": "1",
        "purchase-date": "2025-09-23T18:00:00+00:00",
        "promise-date": "2025-09-26T06:59:59+00:00",
        "quantity-to-ship": "2",
        "is-buyer-requested-cancellation": "false",
    }
    frame = _read(tmp_path, table_text(UNSHIPPED_COLUMNS, [row]))
    assert frame["latest_ship_date"].iloc[0] == pd.Timestamp("2025-09-25")
    assert frame["quantity"].iloc[0] == 2
    assert "buyer_name" not in frame.columns
    assert "cpf" not in frame.columns


def test_confirmation_file_ship_date_carrier_tracking(tmp_path):
    frame = _read(tmp_path, confirmations([(oid(1), "2026-04-22", "UPS", "1Z999")]))
    row = frame.iloc[0]
    assert row["ship_date"] == pd.Timestamp("2026-04-22")
    assert (row["carrier_code"], row["tracking_number"], row["ship_method"]) == (
        "UPS",
        "1Z999",
        "Ground",
    )


def test_transaction_report_us_notes_quoting_and_date_times(tmp_path):
    text = transactions(
        [
            {
                "date/time": "Dec 1, 2017 12:38:23 AM PST",
                "type": "Order",
                "order id": oid(1),
                "total": "1,234.56",
                "description": 'Kettle, "steel", 1 L',
            },
            {
                "date/time": "Dec 2, 2017 11:30:00 PM PST",
                "type": "A-to-z Guarantee Claim",
                "order id": oid(2),
                "total": "-25.00",
            },
            {
                "date/time": "Dec 3, 2017 12:05:00 PM PST",
                "type": "Transfer",
                "order id": "",
                "total": "-1,209.56",
            },
        ]
    )
    frame = _read(tmp_path, text)
    assert frame["posted_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2017-12-01",  # 12:38 AM is just after midnight
        "2017-12-02",  # 11:30 PM Pacific: 3 December in UTC, still the 2nd locally
        "2017-12-03",  # 12:05 PM is just after noon
    ]
    assert frame["amount"].tolist() == [1234.56, -25.0, -1209.56]
    assert frame["type"].tolist() == ["Order", "A-to-z Guarantee Claim", "Transfer"]
    assert "order_city" not in frame.columns
    assert "order_postal" not in frame.columns


def test_transaction_report_india_date_times_and_digit_grouping(tmp_path):
    text = transactions(
        [
            {
                "date/time": "1 Jul 2026 4:24:44 am UTC",
                "type": "Order",
                "order id": oid(1),
                "total": "1,44,957.78",
                "marketplace": "amazon.in",
            },
            {
                "date/time": "30 Jun 2026 8:40:00 pm UTC",
                "type": "Chargeback Refund",
                "order id": oid(2),
                "total": "-2,499.00",
                "marketplace": "amazon.in",
            },
        ],
        (*TRANSACTION_NOTES, NOTE_2025),
    )
    frame = _read(tmp_path, text, market="IN")
    # 20:40 UTC on 30 June is 02:10 on 1 July in Kolkata.
    assert frame["posted_date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-07-01", "2026-07-01"]
    assert frame["amount"].tolist() == [144957.78, -2499.0]


def test_transaction_report_bad_date_names_its_real_line(tmp_path):
    text = transactions([{"date/time": "someday", "type": "Order", "order id": oid(1)}])
    with pytest.raises(CellError) as error:
        _read(tmp_path, text)
    # Seven lines of notes and the header come first: the row is line 9.
    assert "line 9, column 'date/time'" in str(error.value)
    assert "'someday'" in str(error.value)


def test_settlement_report_de_dates_decimal_comma_and_summary_row(tmp_path):
    rows = [
        {"transaction-type": "Order", "order-id": "302-0000001-0000001",
         "amount-type": "ItemPrice", "amount-description": "Principal", "amount": "1.234,56",
         "posted-date": "03.05.2018", "posted-date-time": "03.05.2018 09:10:07 UTC"},
        {"transaction-type": "Chargeback Refund", "order-id": "302-0000002-0000001",
         "amount-type": "ItemPrice", "amount-description": "Principal", "amount": "-12,34",
         "posted-date": "03.05.2018", "posted-date-time": "03.05.2018 23:30:00 UTC"},
    ]  # fmt: skip
    frame = _read(tmp_path, settlement(rows), market="DE")
    assert frame["order_id"].isna().tolist() == [True, False, False]  # the summary row
    assert frame["amount"].tolist()[1:] == [1234.56, -12.34]
    # 23:30 UTC is 01:30 on 4 May in Berlin.
    assert frame["posted_date_time"].dt.strftime("%Y-%m-%d").tolist()[1:] == [
        "2018-05-03",
        "2018-05-04",
    ]


@pytest.mark.parametrize(
    "renames",
    [
        {},
        {"A-to-Z Claim": "A-to-z claim", "Return Reason": "Return reason"},
        {"Merchant RMA ID": "Seller RMA ID"},
    ],
    ids=["2025", "lower-case", "seller-rma"],
)
def test_returns_report_dates_blank_cells_flags_and_header_variants(tmp_path, renames):
    columns = (*tuple(renames.get(c, c) for c in RETURNS_COLUMNS), "Order Item ID")
    claim = renames.get("A-to-Z Claim", "A-to-Z Claim")
    rows = [
        {"Order ID": oid(1), "Return request date": "10-Jul-2025", claim: "Y",
         "Return quantity": "1", "Order Item ID": "1"},
        {"Order ID": oid(2), "Return request date": "3-Aug-2025", claim: "N",
         "Return quantity": " "},
        {"Order ID": oid(3), "Return request date": "12-Aug-2025", claim: " "},
    ]  # fmt: skip
    frame = _read(tmp_path, returns(rows, columns))
    assert frame["return_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-07-10",
        "2025-08-03",
        "2025-08-12",
    ]
    assert frame["a_to_z_claim"].tolist() == [True, False, False]
    assert frame["quantity"].isna().tolist() == [False, True, True]  # " " is an empty cell
    assert frame["return_status"].isna().all()
    assert frame["order_item_id"].tolist()[0] == "1"


def test_fba_shipments_report_reads_ids_only(tmp_path):
    frame = _read(tmp_path, table_text(FBA_SHIPMENTS_COLUMNS, [{"amazon-order-id": oid(1)}]))
    assert list(frame.columns) == ["order_id", "shipment_id"]


@pytest.mark.parametrize(
    ("text", "decimal_comma", "value"),
    [
        ("1,44,957.78", False, 144957.78),  # Indian digit grouping
        ("1,234.56", False, 1234.56),
        ("-1.234,56", True, -1234.56),
        ("-12,34", True, -12.34),
        ("-12,34", False, -12.34),  # two digits after a comma: never a digit group
        ("1,234", False, 1234.0),
        ("1,234", True, 1.234),
        ("1.234", True, 1234.0),
        ("1.234", False, 1.234),
        ("1,234,567", True, 1234567.0),
        (" 7 ", False, 7.0),
        (" ", False, None),
    ],
)
def test_amounts_in_their_marketplace_format(text, decimal_comma, value):
    from sellerkit.io.formats import money_reader

    assert money_reader(decimal_comma)(text) == (pytest.approx(value) if value else value)


@pytest.mark.parametrize(
    ("text", "zone", "day"),
    [
        ("Dec 1, 2017 12:38:23 AM PST", "America/Los_Angeles", "2017-12-01"),
        ("Dec 1, 2017 12:38:23 PM PST", "America/Los_Angeles", "2017-12-01"),
        ("Jul 1, 2026 1:00:00 AM UTC", "America/Los_Angeles", "2026-06-30"),
        ("1 Jul 2026 4:24:44 am UTC", "Asia/Kolkata", "2026-07-01"),
        ("30 Jun 2026 8:40:00 pm UTC", "Asia/Kolkata", "2026-07-01"),
        ("03.05.2018 09:10:07 UTC", "Europe/Berlin", "2018-05-03"),
        ("03.05.2018", "Europe/Berlin", "2018-05-03"),
        ("10-Jul-2025", "America/Los_Angeles", "2025-07-10"),
        ("2026-07-20T06:59:59+00:00", "America/Los_Angeles", "2026-07-19"),
        ("1 Sept 2026 10:00:00 BST", "Europe/London", "2026-09-01"),
        ("2026-07-19 23:00:00", "America/Los_Angeles", "2026-07-19"),  # no zone: local
    ],
)
def test_report_dates_become_the_marketplace_day(text, zone, day):
    from sellerkit.io.formats import report_day_reader

    assert report_day_reader(zone)(text).strftime("%Y-%m-%d") == day


@pytest.mark.parametrize("text", ["someday", "Foo 1, 2026", "31.02.2026", "Dec 1, 2017 1:00 XYZ"])
def test_report_dates_that_cannot_be_read(text):
    from sellerkit.io.formats import report_day_reader

    with pytest.raises(ValueError, match=r"not a date|unknown time zone"):
        report_day_reader("UTC")(text)


# Feedback variants (real-downloads.md §1). -------------------------------------------------


def _feedback(columns: tuple[str, ...], row: tuple[str, ...]) -> str:
    return "\t".join(columns) + "\n" + "\t".join(row) + "\n"


def test_feedback_your_response_is_the_response(account_dir):
    text = _feedback(
        ("Date", "Rating", "Comments", "Your Response", "Order ID", "Rater Email"),
        ("3/20/26", "1", "late", "Sorry", oid(1), "x@example.invalid"),
    )
    account = load(account_dir, {"o.txt": mfn_orders(1), "f.txt": text})
    assert account.feedback["response"].tolist() == ["Sorry"]
    assert "x@example.invalid" not in account.feedback.astype(str).to_csv()


def test_feedback_longer_layout_with_yes_no_columns(account_dir):
    columns = (
        "Date", "Rating", "Comments", "Arrived on Time", "Item as Described", "Customer Service",
        "Order ID", "Rater Email", "Rater Role",
    )  # fmt: skip
    text = _feedback(
        columns, ("3/20/26", "2", "slow", "No", "-", "Yes", oid(1), "x@example.invalid", "Buyer")
    )
    account = load(account_dir, {"o.txt": mfn_orders(1), "f.txt": text})
    row = account.feedback.iloc[0]
    assert (row["rating"], row["arrived_on_time"], row["item_as_described"]) == (2, "No", "-")
    assert "rater_role" not in account.feedback.columns
    assert "rater_email" not in account.feedback.columns


TRANSLATED = {
    # Marketplace, a header in its language (the 6-column API layout), a date in its format.
    "DE": ("Datum\tBewertung\tKommentare\tIhre Antwort\tBestellnummer\tE-Mail", "20.3.26"),
    "FR": ("Date\tÉvaluation\tCommentaires\tVotre réponse\tNuméro de commande\tE-mail", "20/3/26"),
    "ES": ("Fecha\tValoración\tComentarios\tTu respuesta\tNúmero de pedido\tE-mail", "20/3/26"),
    "IT": ("Data\tValutazione\tCommenti\tLa tua risposta\tNumero ordine\tE-mail", "20/3/26"),
    "JP": ("日付\t評価\tコメント\t返信\t注文番号\tEメール", "26/3/20"),
}


@pytest.mark.parametrize("market", list(TRANSLATED))
def test_translated_feedback_header_is_read_by_position(account_dir, market):
    header, day = TRANSLATED[market]
    text = f"{header}\n{day}\t1\tx\t\t{oid(1)}\trater@example.invalid\n"
    account = load(
        account_dir,
        {"o.txt": mfn_orders(1), "f.txt": text, "account.toml": f'marketplace = "{market}"\n'},
    )
    row = account.feedback.iloc[0]
    assert (row["date"], row["rating"], row["order_id"]) == (pd.Timestamp("2026-03-20"), 1, oid(1))
    assert "rater@example.invalid" not in account.feedback.astype(str).to_csv()
    (note,) = [n for n in account.quality.notes if "read by its column order" in n]
    assert note.startswith("f.txt: a ")
    assert " header read by" in note
    assert "header header" not in note


# R3: claims and chargebacks from payments and returns. --------------------------------------


def _rate(account, key, scope="", as_of=AS_OF, window_days=None):
    return sellerkit.health(account, as_of).rate(key, scope, window_days)


def test_transaction_report_claim_and_chargeback_count_in_odr(account_dir):
    text = transactions(
        [
            {
                "date/time": "Mar 25, 2026 10:00:00 AM PDT",
                "type": "A-to-z Guarantee Claim",
                "order id": oid(1),
                "total": "-19.99",
            },
            {
                "date/time": "Mar 26, 2026 11:00:00 PM PDT",
                "type": "Chargeback Refund",
                "order id": oid(2),
                "total": "-24.98",
            },
            {
                "date/time": "Mar 11, 2026 9:00:00 AM PDT",
                "type": "Order",
                "order id": oid(3),
                "total": "19.99",
            },
        ]
    )
    account = load(account_dir, {"o.txt": mfn_orders(10), "t.csv": text})
    rate = _rate(account, "orderDefectRate", "mfn")
    assert (rate.numerator, rate.denominator) == (2, 10)
    assert rate.components == {"negativeFeedback": 0, "claims": 1, "chargebacks": 1}
    claim = account.claims.iloc[0]
    assert claim["order_id"] == oid(1)
    assert claim["claim_date"] == pd.Timestamp("2026-03-25")
    assert (claim["claim_status"], claim["claim_reason"], bool(claim["buy_shipping"])) == (
        "granted-seller-funded",
        "other",
        False,
    )
    assert (claim["source"], claim["source_file"], bool(claim["assumed"])) == (
        "transactions",
        "t.csv",
        True,
    )
    assert claim["rule"].startswith("R3: Transaction report type 'A-to-z Guarantee Claim'")
    assert claim["amount"] == 19.99
    chargeback = account.chargebacks.iloc[0]
    assert (chargeback["chargeback_reason"], chargeback["chargeback_status"]) == (
        "service",
        "refunded",
    )
    assert "claims, chargebacks from payments and returns only" in rate.note
    quality = account.quality.to_dict()
    assert quality["assumedClaimsFromPayments"] == 1
    assert quality["assumedChargebacksFromPayments"] == 1
    assert quality["assumedClaimsFromReturns"] == 0


def test_settlement_a_to_z_refund_is_a_claim(account_dir):
    rows = [
        {"transaction-type": "A-to-z Guarantee Refund", "order-id": oid(3),
         "amount-type": "ItemPrice", "amount-description": "Principal", "amount": "-19,99",
         "posted-date": "24.03.2026", "posted-date-time": "24.03.2026 09:10:07 UTC"},
        {"transaction-type": "A-to-z Guarantee Refund", "order-id": oid(3),
         "amount-type": "ItemPrice", "amount-description": "Shipping", "amount": "-4,99",
         "posted-date": "24.03.2026", "posted-date-time": "24.03.2026 09:10:07 UTC"},
    ]  # fmt: skip
    files = {"o.txt": mfn_orders(4, sales_channel="Amazon.de"), "s.txt": settlement(rows)}
    account = load(account_dir, files)
    assert account.marketplace.code == "DE"
    assert account.claims["order_id"].tolist() == [oid(3)]  # one claim, not one per amount
    assert account.claims["amount"].iloc[0] == pytest.approx(24.98)
    assert account.claims["source"].iloc[0] == "settlement"
    assert _rate(account, "orderDefectRate", "mfn").components["claims"] == 1


def test_returns_a_to_z_flag_is_a_pending_claim_dated_by_the_request(account_dir):
    rows = [
        {"Order ID": oid(4), "Return request date": "28-Mar-2026", "A-to-Z Claim": "Y"},
        {"Order ID": oid(5), "Return request date": "29-Mar-2026", "A-to-Z Claim": "N"},
    ]
    account = load(account_dir, {"o.txt": mfn_orders(10), "r.txt": returns(rows)})
    claims = account.claims
    assert claims["order_id"].tolist() == [oid(4)]
    assert claims["claim_status"].iloc[0] == "pending"
    assert claims["claim_date"].iloc[0] == pd.Timestamp("2026-03-28")
    assert _rate(account, "orderDefectRate", "mfn").components["claims"] == 1
    assert account.quality.to_dict()["assumedClaimsFromReturns"] == 1
    # Known only from 28 March: an as-of before it does not count it (decision 1).
    assert _rate(account, "orderDefectRate", "mfn", date(2026, 3, 27)).numerator == 0


def test_feeding_does_not_modify_the_tables_read(account_dir):
    from sellerkit.io.layouts import LAYOUTS
    from sellerkit.io.layouts_canonical import CANONICAL_LAYOUTS
    from sellerkit.io.readers import empty_table
    from sellerkit.io.sources import feed
    from sellerkit.quality import DataQuality

    folder = account_dir(
        {
            "o.txt": mfn_orders(2),
            "r.txt": returns(
                [{"Order ID": oid(1), "Return request date": "28-Mar-2026", "A-to-Z Claim": "Y"}]
            ),
        }
    )
    market = get_marketplace("US")
    tables = {kind: empty_table(kind, market) for kind in LAYOUTS}
    tables[Kind.ORDERS] = sellerkit.load_account(folder, warn=False).order_items
    frame = read_table(sniff(folder / "r.txt"), market)
    tables[Kind.RETURNS] = frame.assign(source_file="r.txt")
    before = {kind: table.copy() for kind, table in tables.items()}
    fed = feed(tables, {Kind.ORDERS, Kind.RETURNS}, DataQuality())
    for kind, table in tables.items():
        pd.testing.assert_frame_equal(table, before[kind])
    assert set(fed) == {layout.kind for layout in CANONICAL_LAYOUTS}
    assert fed[Kind.CLAIMS]["order_id"].tolist() == [oid(1)]


# R2: one fact, several sources; the CSV overrides. -----------------------------------------


def test_same_claim_from_payments_and_returns_counts_once(account_dir):
    files = {
        "o.txt": mfn_orders(10),
        "t.csv": transactions(
            [
                {
                    "date/time": "Mar 30, 2026 9:00:00 AM PDT",
                    "type": "A-to-z Guarantee Claim",
                    "order id": oid(1),
                    "total": "-19.99",
                }
            ]
        ),
        "r.txt": returns(
            [{"Order ID": oid(1), "Return request date": "20-Mar-2026", "A-to-Z Claim": "Y"}]
        ),
    }
    account = load(account_dir, files)
    claims = account.claims
    assert len(claims) == 1
    # The payment knows it was granted; the return request is the earliest sign of it.
    assert (claims["source"].iloc[0], claims["claim_status"].iloc[0]) == (
        "transactions",
        "granted-seller-funded",
    )
    assert claims["claim_date"].iloc[0] == pd.Timestamp("2026-03-20")
    rate = _rate(account, "orderDefectRate", "mfn")
    assert (rate.numerator, rate.components["claims"]) == (1, 1)


def test_claims_csv_row_overrides_what_a_download_implied(account_dir):
    files = {
        "o.txt": mfn_orders(10),
        "t.csv": transactions(
            [
                {
                    "date/time": "Mar 25, 2026 10:00:00 AM PDT",
                    "type": "A-to-z Guarantee Claim",
                    "order id": oid(1),
                    "total": "-19.99",
                },
                {
                    "date/time": "Mar 25, 2026 10:00:00 AM PDT",
                    "type": "Chargeback Refund",
                    "order id": oid(2),
                    "total": "-19.99",
                },
            ]
        ),
        "c.csv": "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"
        f"{oid(1)},2026-03-24,not-received,denied,false,19.99\n",
        "cb.csv": "order-id,chargeback-date,chargeback-reason,chargeback-status,amount\n"
        f"{oid(2)},2026-03-24,service,represented-won,19.99\n",
    }
    account = load(account_dir, files)
    assert account.claims[["order_id", "claim_status", "source"]].astype(str).values.tolist() == [
        [oid(1), "denied", "claims"]
    ]
    assert account.chargebacks["chargeback_status"].astype(str).tolist() == ["represented-won"]
    assert _rate(account, "orderDefectRate", "mfn").numerator == 0
    assert account.quality.to_dict()["assumedClaimsFromPayments"] == 0


# R4: ship-by days from the Order Report, ship dates from the confirmations. ---------------

APRIL_20 = "2026-04-20T18:00:00+00:00"  # 20 April in Los Angeles
SHIP_BY_22 = "2026-04-23T06:59:59+00:00"  # 23:59:59 on 22 April in Los Angeles


def _shipping_account(account_dir, with_confirmations: bool = True, **kwargs):
    rows = [order(i, purchase_date=APRIL_20) for i in range(1, 6)]
    rows[4]["order-status"] = "Cancelled"
    report = order_report(
        [report_row(i, APRIL_20, SHIP_BY_22, "2026-04-28T06:59:59+00:00") for i in range(1, 6)]
        + [report_row(6, "2026-04-29T18:00:00+00:00", "2026-05-02T06:59:59+00:00")]
    )
    rows.append(order(6, purchase_date="2026-04-29T18:00:00+00:00"))
    files = {"o.txt": tsv(rows), "report.txt": report}
    if with_confirmations:
        files["confirm.txt"] = confirmations(
            [
                (oid(1), "2026-04-22", "UPS", "1Z001"),  # on its ship-by day: on time
                (oid(2), "2026-04-24", "UPS", "1Z002"),  # two days late
                # order 3: no confirmation → not shipped, late
                (oid(4), "2026-04-21", "USPS", "9400001"),  # two packages, one late
                (oid(4), "2026-04-23", "USPS", "9400002"),
                # order 5: cancelled; order 6: its ship-by day (1 May) has not come
            ]
        )
    return load(account_dir, files, **kwargs)


def test_late_shipments_from_order_report_and_confirmations(account_dir):
    account = _shipping_account(account_dir)
    shipments = account.shipments
    assert set(shipments["latest_ship_date"].dt.strftime("%Y-%m-%d")) == {
        "2026-04-22",
        "2026-05-01",
    }
    assert len(shipments[shipments["order_id"] == oid(4)]) == 2  # one row per package
    rate = _rate(account, "lateShipmentRate", window_days=10)
    # Orders 1–4 are due 22 April (order 5 is cancelled, order 6 due 1 May): 2, 3, 4 late.
    assert (rate.numerator, rate.denominator) == (3, 4)
    assert rate.note is None
    unconfirmed = shipments[shipments["order_id"].isin([oid(3), oid(6)])]
    assert unconfirmed["assumed"].all()
    assert unconfirmed["ship_date"].isna().all()
    # Orders 3 and 6 have no confirmation (order 5, cancelled, is not counted).
    assert account.quality.to_dict()["assumedUnconfirmedShipments"] == 2
    confirmed = shipments[shipments["order_id"] == oid(1)].iloc[0]
    assert (confirmed["carrier_name"], confirmed["tracking_number"]) == ("UPS", "1Z001")
    assert confirmed["source"] == "order-report + ship-confirmations"
    assert confirmed["promised_delivery_date"] == pd.Timestamp("2026-04-27")


def test_what_the_downloads_imply_is_a_warning_naming_the_downloads(account_dir):
    """Every warning starts with the file(s) it comes from (docs/input-files.md), the
    assumptions drawn from payments, returns and Order Reports too."""
    payments = transactions(
        [
            {"date/time": "Apr 21, 2026 10:00:00 AM PDT", "type": "A-to-z Guarantee Claim",
             "order id": oid(1), "total": "-19.99"},
            {"date/time": "Apr 21, 2026 11:00:00 PM PDT", "type": "Chargeback Refund",
             "order id": oid(2), "total": "-24.98"},
        ]
    )  # fmt: skip
    returned = returns([{"Order ID": oid(4), "Return request date": "22-Apr-2026",
                         "A-to-Z Claim": "Y"}])  # fmt: skip
    account = _shipping_account(account_dir)
    folder = account.path
    (folder / "t.csv").write_text(payments)
    (folder / "r.txt").write_text(returned)
    quality = sellerkit.load_account(folder, warn=False).quality
    where = {issue.code: issue.files for issue in quality.issues}
    assert where["assumedClaimsFromPayments"] == ("t.csv",)
    assert where["assumedChargebacksFromPayments"] == ("t.csv",)
    assert where["assumedClaimsFromReturns"] == ("r.txt",)
    assert where["assumedUnconfirmedShipments"] == ("report.txt",)
    for issue in quality.issues:
        assert issue.message.startswith(", ".join(issue.files) + ": "), issue.message


def test_ship_by_days_ahead_are_promises_not_future_dated_rows(account_dir):
    # Loaded on 29 April: order 6 is due on 1 May (a promise, not an event of the future).
    account = _shipping_account(account_dir, today=date(2026, 4, 29))
    assert account.quality.to_dict()["futureDatedRows"] == 0


def test_without_confirmation_files_ship_dates_are_unknown_not_late(account_dir):
    account = _shipping_account(account_dir, with_confirmations=False)
    rate = _rate(account, "lateShipmentRate", window_days=10)
    assert (rate.denominator, rate.status) == (0, "NONE")
    assert "shipping-confirmation" in rate.note
    assert account.quality.to_dict()["ordersWithoutShipment"] == 0


def test_shipments_csv_overrides_the_downloads_for_its_orders(account_dir):
    csv = (
        "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
        "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
        f"{oid(3)},2026-04-22,2026-04-22,UPS,1Z003,Ground,2026-04-22,2026-04-27,2026-04-26,1,\n"
    )
    account = load(
        account_dir,
        {
            "o.txt": tsv([order(i, purchase_date=APRIL_20) for i in range(1, 4)]),
            "report.txt": order_report([report_row(i, APRIL_20, SHIP_BY_22) for i in (1, 2, 3)]),
            "confirm.txt": confirmations([(oid(1), "2026-04-22", "UPS", "1Z001")]),
            "s.csv": csv,
        },
    )
    rows = account.shipments.set_index("order_id")
    assert rows.loc[oid(3), "source"] == "shipments"
    assert (rows["source"] != "shipments").sum() == 2
    rate = _rate(account, "lateShipmentRate", window_days=10)
    assert (rate.numerator, rate.denominator) == (1, 3)  # order 2: not confirmed


# R5: buyer-requested cancellations. ---------------------------------------------------------


def test_buyer_requested_cancellation_from_the_order_report(account_dir):
    purchase = "2026-04-25T18:00:00+00:00"
    rows = [order(i, purchase_date=purchase) for i in range(1, 11)]
    for row in rows[:3]:
        row["order-status"] = "Cancelled"
    report = order_report(
        [
            report_row(
                1,
                purchase,
                SHIP_BY_22,
                is_buyer_requested_cancellation="true",
                buyer_requested_cancel_reason="Found a better price",
            ),
            report_row(2, purchase, SHIP_BY_22),
            report_row(4, purchase, SHIP_BY_22, is_buyer_requested_cancellation="true"),
        ]
    )
    account = load(account_dir, {"o.txt": tsv(rows), "report.txt": report})
    cancels = account.cancellations
    assert cancels["order_id"].tolist() == [oid(1)]  # order 4 was shipped after all
    assert bool(cancels["buyer_requested"].iloc[0])
    assert cancels["reason"].iloc[0] == "Found a better price"
    assert cancels["source"].iloc[0] == "order-report"
    rate = _rate(account, "preFulfillmentCancellationRate")
    # Orders 2 and 3 are cancelled and not marked: assumed seller-cancelled, as before.
    assert (rate.numerator, rate.denominator) == (2, 10)
    assert account.quality.to_dict()["assumedSellerCancellations"] == 2


# R6: no Valid Tracking or On-Time Delivery from tracking numbers alone. -------------------


def test_tracking_rates_need_a_scan_or_delivery(account_dir):
    account = _shipping_account(account_dir)
    for key in ("validTrackingRate", "onTimeDeliveryRate"):
        rate = _rate(account, key, as_of=date(2026, 5, 10))
        assert (rate.denominator, rate.status) == (0, "NONE")
        assert "carrier scan or delivery date" in rate.note
        assert "shipments CSV" in rate.note


def test_tracking_rates_count_the_packages_a_csv_gives_scans_for(account_dir):
    csv = (
        "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
        "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
        f"{oid(3)},2026-04-22,2026-04-22,UPS,1Z003,Ground,2026-04-22,2026-04-27,2026-04-26,1,\n"
        f"{oid(4)},2026-04-22,2026-04-22,UPS,1Z004,Ground,,2026-04-27,,1,\n"
    )
    account = load(
        account_dir,
        {
            "o.txt": tsv([order(i, purchase_date=APRIL_20) for i in range(1, 5)]),
            "report.txt": order_report(
                [report_row(i, APRIL_20, SHIP_BY_22, "2026-04-28T06:59:59+00:00") for i in (1, 2)]
            ),
            "confirm.txt": confirmations(
                [(oid(1), "2026-04-22", "UPS", "1Z001"), (oid(2), "2026-04-22", "UPS", "1Z002")]
            ),
            "s.csv": csv,
        },
    )
    rate = _rate(account, "validTrackingRate", as_of=date(2026, 5, 10))
    # Only the CSV's two packages: one scanned, one with a tracking number and no scan.
    assert (rate.numerator, rate.denominator) == (1, 2)
    assert "2 package(s)" in rate.note


# The case: an MFN Order Report beside the All Orders report. ------------------------------


def test_case_ship_by_two_days_and_promise_seven_days_after_purchase():
    account = sellerkit.load_account(CASE / "account", warn=False)
    orders = account.orders.set_index("order_id")["order_date"]
    shipments = account.shipments.set_index("order_id")
    assert len(orders) == 4
    assert sorted(shipments.index) == sorted(orders.index)
    for order_id, day in orders.items():
        assert shipments.loc[order_id, "latest_ship_date"] == day + pd.Timedelta(days=2)
        assert shipments.loc[order_id, "promised_delivery_date"] == day + pd.Timedelta(days=7)
    assert set(account.files["kind"]) == {"orders", "order-report"}


def _case_placeholders() -> set[str]:
    """Every non-empty personal cell of the case's Order Report."""
    report = pd.read_csv(
        CASE / "account" / "40122879901.txt", sep="\t", dtype=str, keep_default_na=False
    )
    personal = [c for c in report.columns if c.strip().lower() in PERSONAL_COLUMNS]
    values = {v for c in personal for v in report[c] if v.strip()}
    assert {"Jane Placeholder", "fake0@marketplace.amazon.com", "1 Sample Road"} <= values
    return values


def test_case_no_personal_data_in_any_table_or_output(tmp_path, capsys):
    placeholders = _case_placeholders()
    account = sellerkit.load_account(CASE / "account", warn=False)
    frames = {name: account.table(name) for name in sellerkit.account.TABLES}
    frames |= {k: v for k, v in vars(account).items() if isinstance(v, pd.DataFrame)}
    for name, frame in frames.items():
        text = frame.astype(str).to_csv() + " ".join(map(str, frame.columns))
        assert not [v for v in placeholders if v in text], name
    out_dir = tmp_path / "export"
    assert main(["metrics", str(CASE / "account"), "--json"]) == 0
    json.loads(capsys.readouterr().out)  # valid JSON, read again below with the rest
    for argv in (
        ["metrics", str(CASE / "account"), "--json"],
        ["metrics", str(CASE / "account")],
        ["summary", str(CASE / "account")],
        ["summary", str(CASE / "account"), "--json"],
        ["export", str(CASE / "account"), "-o", str(out_dir)],
    ):
        assert main(argv) == 0
    captured = capsys.readouterr()
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(out_dir.iterdir()))
    assert written  # the export wrote its tables
    for text in (captured.out, captured.err, written):
        assert not [v for v in placeholders if v in text]


def test_readme_folder_example_is_true(account_dir):
    """Every file of the README's folder example, under its name there, loads together."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("my-shop/\n", 1)[1].split("```", 1)[0]
    names = [line.split()[0] for line in block.splitlines() if line.strip()]
    shipments_csv = (
        "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
        "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
        f"{oid(3)},2026-04-22,2026-04-22,UPS,1Z003,Ground,2026-04-22,2026-04-27,2026-04-26,1,\n"
    )
    files = {
        "48213955019.txt": tsv([order(i, purchase_date=APRIL_20) for i in range(1, 4)]),
        "48213955020.txt": "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
        f"4/25/26\t1\tlate\t\t{oid(1)}\t\n",
        "40122879901.txt": order_report([report_row(i, APRIL_20, SHIP_BY_22) for i in (1, 2)]),
        "confirm-2026-04.txt": confirmations([(oid(1), "2026-04-22", "UPS", "1Z001")]),
        "2026AprTransaction.csv": transactions(
            [
                {
                    "date/time": "Apr 26, 2026 9:00:00 AM PDT",
                    "type": "A-to-z Guarantee Claim",
                    "order id": oid(2),
                    "total": "-19.99",
                }
            ]
        ),
        "49500018331.txt": returns(
            [{"Order ID": oid(3), "Return request date": "27-Apr-2026", "A-to-Z Claim": "N"}]
        ),
        "claims.csv": "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n",
        "chargebacks.csv": "order-id,chargeback-date,chargeback-reason,chargeback-status,amount\n",
        "shipments.csv": shipments_csv,
        "cancellations.csv": "order-id,cancel-date,buyer-requested,reason\n",
        "performance.json": json.dumps({"performanceMetrics": []}),
        "account.toml": 'name = "My Shop"\n',
    }
    assert names == list(files)
    account = load(account_dir, files)
    kinds = dict(zip(account.files["file"], account.files["kind"], strict=True))
    assert kinds == {
        "48213955019.txt": "orders",
        "48213955020.txt": "feedback",
        "40122879901.txt": "order-report",
        "confirm-2026-04.txt": "ship-confirmations",
        "2026AprTransaction.csv": "transactions",
        "49500018331.txt": "returns",
        "claims.csv": "claims",
        "chargebacks.csv": "chargebacks",
        "shipments.csv": "shipments",
        "cancellations.csv": "cancellations",
        "performance.json": "performance",
    }
    assert account.quality.unrecognised_files == []
    assert account.claims["source"].astype(str).tolist() == ["transactions"]
    assert sorted(account.shipments["source"].astype(str)) == [
        "order-report",
        "order-report + ship-confirmations",
        "shipments",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("drop type", "without its required column 'type'"),
        ("tabs", "separated by tabs; it must be comma-separated"),
    ],
)
def test_a_broken_transaction_report_behind_its_notes_is_an_error_not_skipped(
    account_dir, capsys, change, message
):
    """Found by a new user: the report as Amazon ships it (notes first) with a column
    missing, or re-saved by a spreadsheet with tabs, was skipped — its claims vanished
    from the ODR, exit 0. It is that kind, broken: exit 2, one line, its header's line."""
    from sellerkit.cli import main

    text = transactions([{"date/time": "Mar 12, 2026 1:00:00 PM PDT", "type": "Order"}])
    lines = text.split("\r\n")
    header = len(TRANSACTION_NOTES)
    if change == "drop type":
        lines = [",".join(line.split(",")[:2] + line.split(",")[3:]) for line in lines]
        lines[:header] = text.split("\r\n")[:header]
    else:  # as a spreadsheet saves "Text (tab-delimited)": tabs, no quotes
        lines[header:] = [line.strip('"').replace('","', "\t") for line in lines[header:]]
    folder = account_dir({"o.txt": mfn_orders(2), "t.csv": "\r\n".join(lines)})
    assert main(["metrics", str(folder)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert f"t.csv, line {header + 1}" in error
    assert message in error

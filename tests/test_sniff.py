"""The sniffer (sellerkit.io.sniff): a file recognised, skipped with a reason, or refused,
from its first bytes and header row alone."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sellerkit.datasets.write import ORDERS_COLUMNS
from sellerkit.errors import LayoutError
from sellerkit.io.schema import Kind
from sellerkit.io.sniff import sniff

ORDERS_HEADER = "\t".join(ORDERS_COLUMNS) + "\n"
CLAIMS_HEADER = "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"


@pytest.fixture
def write(tmp_path: Path):
    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return make


def test_an_all_orders_report(write):
    found = sniff(write("o.txt", ORDERS_HEADER))
    assert (found.kind, found.compression, found.bom_encoding) == (Kind.ORDERS, None, None)
    assert found.header == ORDERS_COLUMNS
    assert (found.columns, found.header_line, found.encoding) == ((), 0, "utf-8")


def test_a_byte_order_mark_and_gzip_are_seen(write):
    marked = sniff(write("o.txt", b"\xef\xbb\xbf" + ORDERS_HEADER.encode()))
    assert (marked.kind, marked.bom_encoding) == (Kind.ORDERS, "utf-8")
    zipped = sniff(write("o.txt.gz", gzip.compress(ORDERS_HEADER.encode())))
    assert (zipped.kind, zipped.compression) == (Kind.ORDERS, "gzip")


def test_a_column_under_another_name_gets_the_layouts_name(write):
    header = "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
    found = sniff(write("f.txt", header))
    assert found.kind == Kind.FEEDBACK
    assert found.header[3] == "Your Response"
    assert found.columns == ("Date", "Rating", "Comments", "Response", "Order ID", "Rater Email")


def test_a_comma_separated_sellerkit_csv(write):
    found = sniff(write("c.csv", CLAIMS_HEADER))
    assert found.kind == Kind.CLAIMS
    assert found.header == (
        "order-id",
        "claim-date",
        "claim-reason",
        "claim-status",
        "buy-shipping",
        "amount",
    )


def test_a_header_after_lines_of_notes(write):
    notes = (
        '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore '
        'transactions"\n"All amounts in USD, unless specified"\n'
    )
    fields = [
        *("date/time", "settlement id", "type", "order id", "sku", "description", "quantity"),
        *("marketplace", "fulfillment", "order city", "order state", "order postal"),
        *("tax collection model", "product sales", "product sales tax", "shipping credits"),
        *("shipping credits tax", "gift wrap credits", "giftwrap credits tax"),
        *("promotional rebates", "promotional rebates tax", "marketplace withheld tax"),
        *("selling fees", "fba fees", "other transaction fees", "other", "total"),
    ]
    found = sniff(write("t.csv", notes + ",".join(f'"{f}"' for f in fields) + "\n"))
    assert (found.kind, found.header_line) == (Kind.TRANSACTIONS, 2)
    assert found.header == tuple(fields)


def test_a_performance_report_and_other_json(write):
    assert sniff(write("p.json", '{"performanceMetrics": []}')).kind == Kind.PERFORMANCE
    other = sniff(write("x.json", '{"a": 1}'))
    assert (other.kind, other.reason) == (
        None,
        "JSON without 'performanceMetrics' (not a V2 report)",
    )
    with pytest.raises(LayoutError, match="is not valid JSON") as raised:
        sniff(write("bad.json", '{"a": '))
    assert raised.value.line == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file (0 bytes)"),
        (gzip.compress(b""), "empty file after decompression"),
        (
            b"PK\x03\x04rest",
            "a ZIP archive or Excel workbook; save the report as tab-delimited text",
        ),
        (b"abc\x00def\n", "a binary file, not text"),
        (
            b"alpha\tbeta\tgamma\tdelta\tepsilon\n",
            "header not recognised (starts: 'alpha, beta, gamma, delta')",
        ),
    ],
    ids=["empty", "empty-gzip", "zip", "binary", "unknown-header"],
)
def test_files_that_are_skipped_say_why(write, content, reason):
    found = sniff(write("file.txt", content))
    assert (found.kind, found.reason) == (None, reason)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<!DOCTYPE html><html><body>Sign in</body></html>", "is an HTML page"),
        (
            ",".join(ORDERS_COLUMNS) + "\n",
            "looks like an All Orders report but is separated by commas",
        ),
        (ORDERS_HEADER.replace("\n", "\r") + "x\r", "lines ended by a carriage return alone"),
        (
            ORDERS_HEADER.replace("\tpurchase-date\t", "\t"),
            "without its required column 'purchase-date'",
        ),
    ],
    ids=["html", "commas", "carriage-returns", "missing-column"],
)
def test_a_report_that_cannot_be_one_is_refused(write, content, message):
    with pytest.raises(LayoutError, match=message) as raised:
        sniff(write("o.txt", content))
    assert str(raised.value).startswith("o.txt")


def test_a_missing_column_that_does_not_identify_the_kind_is_left_to_the_reader(write):
    # sku is required, but the header still says All Orders; the reader names the column.
    assert sniff(write("o.txt", ORDERS_HEADER.replace("\tsku\t", "\t"))).kind == Kind.ORDERS

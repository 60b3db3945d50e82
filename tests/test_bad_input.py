"""Every bad input of the Foundation issue, with its exact outcome: one clear line and exit 2,
or a counted warning where the data contract says the problem is recoverable."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import sellerkit
from sellerkit.cli import main
from sellerkit.errors import (
    AccountError,
    CellError,
    ConfigError,
    EncodingError,
    InputError,
    LayoutError,
)
from tests.conftest import feedback_tsv, order, tsv

GOOD_ORDERS = tsv([order(1), order(2)])

CLAIMS_HEADER = "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"


def _gzip_damaged(at: int) -> bytes:
    """A gzip All Orders download whose bytes from ``at`` on (a negative ``at`` counts from
    the end) are zeroed: damage sniffing meets, or only the reader (past its 64 KiB)."""
    import random

    names = random.Random(0)
    rows = [order(n, product_name=f"{names.getrandbits(256):x}") for n in range(1, 3000)]
    data = bytearray(gzip.compress(tsv(rows).encode()))
    data[at:] = bytes(len(data[at:]))
    return bytes(data)


def _without(*names: str) -> str:
    from sellerkit.datasets.write import ORDERS_COLUMNS

    columns = tuple(c for c in ORDERS_COLUMNS if c not in names)
    return tsv([order(1)], columns)


FATAL = [
    # id, files, error class, substrings of the one-line message
    (
        "empty-file-alone",
        {"100.txt": ""},
        AccountError,
        ["holds no All Orders report", "100.txt: empty file"],
    ),
    (
        "missing-required-column",
        {"100.txt": _without("order-status")},
        LayoutError,
        ["100.txt, line 1", "required column 'order-status'", "Fix: download it again"],
    ),
    (
        "orders-comma-separated",
        {"100.txt": GOOD_ORDERS.replace("\t", ",")},
        LayoutError,
        ["100.txt, line 1", "separated by commas", "must be tab-separated"],
    ),
    (
        "claims-tab-separated",
        {"100.txt": GOOD_ORDERS, "c.csv": "order-id\tclaim-date\tclaim-status\n"},
        LayoutError,
        ["c.csv, line 1", "separated by tabs", "must be comma-separated"],
    ),
    (
        "binary-garbage-alone",
        {"100.txt": bytes(range(256)) * 40},
        AccountError,
        ["holds no All Orders report", "binary file"],
    ),
    (
        "truncated-last-line",
        {"100.txt": GOOD_ORDERS + "\t".join(list(order(3).values())[:20])},
        LayoutError,
        ["100.txt, line 4", "has 20 fields where the header has 34", "truncated"],
    ),
    (
        "unparseable-date",
        {"100.txt": tsv([order(1), order(2, purchase_date="yesterday")])},
        CellError,
        ["100.txt, line 3, column 'purchase-date'", "'yesterday'", "ISO 8601"],
    ),
    (
        "unknown-claim-status",
        {
            "100.txt": GOOD_ORDERS,
            "c.csv": CLAIMS_HEADER + "111-0000001-0000001,2026-03-20,damaged,approved,false,10\n",
        },
        CellError,
        ["c.csv, line 2, column 'claim-status'", "unknown value 'approved'", "granted-seller"],
    ),
    (
        "unknown-fulfillment-channel",
        {"100.txt": tsv([order(1, fulfillment_channel="Seller")])},
        CellError,
        ["line 2, column 'fulfillment-channel'", "'Seller'", "Amazon, Merchant"],
    ),
    (
        "unknown-sales-channel",
        {"100.txt": tsv([order(1, sales_channel="Amazon.xyz")])},
        CellError,
        ["column 'sales-channel'", "'Amazon.xyz'"],
    ),
    (
        "rating-above-5",
        {
            "100.txt": GOOD_ORDERS,
            "f.txt": feedback_tsv([("3/20/26", "6", "bad", "", "111-0000001-0000001", "")]),
        },
        CellError,
        ["f.txt, line 2, column 'Rating'", "too large '6'", "a rating from 1 to 5"],
    ),
    (
        "rating-zero",
        {
            "100.txt": GOOD_ORDERS,
            "f.txt": feedback_tsv([("3/20/26", "0", "bad", "", "111-0000001-0000001", "")]),
        },
        CellError,
        ["column 'Rating'", "too small '0'"],
    ),
    (
        "negative-quantity",
        {"100.txt": tsv([order(1, quantity="-1")])},
        CellError,
        ["line 2, column 'quantity'", "too small '-1'"],
    ),
    (
        "html-error-page",
        {"100.txt": GOOD_ORDERS, "200.txt": "<!DOCTYPE html>\n<html><body>Sign in</body></html>"},
        LayoutError,
        ["200.txt", "is an HTML page", "download the report again"],
    ),
    (
        "invalid-account-toml",
        {"100.txt": GOOD_ORDERS, "account.toml": 'name = "Shop\nmarketplace = UK\n'},
        ConfigError,
        ["account.toml, line 1", "is not valid TOML"],
    ),
    (
        "unknown-marketplace-in-toml",
        {"100.txt": GOOD_ORDERS, "account.toml": 'marketplace = "XX"\n'},
        ConfigError,
        ["account.toml", "unknown marketplace 'XX'", "US, CA"],
    ),
    (
        "declared-encoding-wrong",
        {
            "100.txt": tsv([order(1, product_name="Café")]).encode("cp1252"),
            "account.toml": 'encoding = "utf-8"\n',
        },
        EncodingError,
        ["100.txt, line 2", "not valid utf-8", "e9"],
    ),
    (
        "mixed-encodings",
        {
            "100.txt": tsv([order(1, product_name="Café")]).encode("utf-8")
            + tsv([order(2, product_name="Crème")]).split("\n", 1)[1].encode("cp1252"),
        },
        EncodingError,
        ["100.txt, line 3", "line 3 is not UTF-8", "although other lines are"],
    ),
    (
        "nothing-recognisable",
        {"notes.txt": "just some notes\n", "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00"},
        AccountError,
        ["holds no All Orders report", "notes.txt: header not recognised"],
    ),
    (
        "localized-feedback-header",
        {
            "100.txt": GOOD_ORDERS,
            "f.txt": "Datum\tBewertung\tKommentare\tAntwort\tBestellnummer\n1.3.26\t1\tx\t\t1\n",
        },
        LayoutError,
        ["f.txt, line 1", "German header", "English"],
    ),
    (
        "repeated-header-column",
        {"100.txt": GOOD_ORDERS.replace("merchant-order-id", "sku", 1)},
        LayoutError,
        ["100.txt, line 1", "has the column twice", "'sku'"],
    ),
    (
        "feedback-date-wrong-marketplace-format",
        {
            "100.txt": GOOD_ORDERS,
            "f.txt": feedback_tsv([("17/3/26", "1", "late", "", "111-0000001-0000001", "")]),
        },
        CellError,
        ["f.txt, line 2, column 'Date'", "'17/3/26'", "US feedback format M/D/YY", "account.toml"],
    ),
    (
        "performance-not-json",
        {"100.txt": GOOD_ORDERS, "p.json": '{"performanceMetrics": [ oops'},
        LayoutError,
        ["p.json, line 1", "is not valid JSON"],
    ),
    (
        "boolean-not-boolean",
        {"100.txt": tsv([order(1, is_business_order="maybe")])},
        CellError,
        ["column 'is-business-order'", "'maybe'", "true or false"],
    ),
    (
        "money-not-a-number",
        {"100.txt": tsv([order(1, item_price="12,99")])},
        CellError,
        ["column 'item-price'", "'12,99'", "12.99"],
    ),
    # A file of a known kind with columns missing is that kind, broken (issue 11). ---------
    (
        "claims-without-claim-status",
        {
            "100.txt": GOOD_ORDERS,
            "claims.csv": "order-id,claim-date,claim-reason,buy-shipping,amount\n"
            "111-0000001-0000001,2026-03-20,damaged,false,10\n",
        },
        LayoutError,
        [
            "claims.csv, line 1: is an A-to-z claims CSV without its required column "
            "'claim-status'; expected a header with claim-status",
            "Fix: add the column: its header row is "
            "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount",
        ],
    ),
    (
        "orders-without-purchase-date",
        {"100.txt": _without("purchase-date")},
        LayoutError,
        [
            "100.txt, line 1: is an All Orders report without its required column 'purchase-date'",
            "Fix: download it again from Seller Central > Reports > Fulfillment > All Orders",
        ],
    ),
    (
        "orders-without-three-columns",
        {"100.txt": _without("purchase-date", "order-status", "sku")},
        LayoutError,
        ["100.txt, line 1", "without its required columns 'purchase-date', 'order-status', 'sku'"],
    ),
    (
        "cancellations-without-order-id",
        {"100.txt": GOOD_ORDERS, "x.csv": "cancel-date,buyer-requested,reason\n2026-03-10,true,\n"},
        LayoutError,
        ["x.csv, line 1: is a cancellations CSV without its required column 'order-id'"],
    ),
    (
        "shipments-without-latest-ship-date",
        {
            "100.txt": GOOD_ORDERS,
            "s.csv": "order-id,ship-date,carrier-name,tracking-number,ship-method,"
            "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n",
        },
        LayoutError,
        ["s.csv, line 1: is a shipments CSV without its required column 'latest-ship-date'"],
    ),
    (
        "feedback-without-order-id",
        {"100.txt": GOOD_ORDERS, "f.txt": "Date\tRating\tComments\tResponse\n3/20/26\t1\tx\t\n"},
        LayoutError,
        ["f.txt, line 1: is a Seller Feedback report without its required column 'Order ID'"],
    ),
    (
        "chinese-header",
        {"100.txt": GOOD_ORDERS, "f.txt": "日期\t评分\t评论\t订单编号\n2026/3/20\t1\tx\t1\n"},
        LayoutError,
        [
            "f.txt, line 1: has a Chinese header ('日期, 评分, 评论, 订单编号'); sellerkit reads "
            "reports with English headers",
            "Fix: set the report language to English (en_US)",
        ],
    ),
    (
        "cyrillic-header",
        {"100.txt": GOOD_ORDERS, "f.txt": "Дата\tОценка\tКомментарий\tНомер заказа\n"},
        LayoutError,
        ["f.txt, line 1: has a header in Cyrillic script"],
    ),
    (
        "gzip-damaged-at-its-start",
        {"100.txt": _gzip_damaged(30)},
        LayoutError,
        ["100.txt: is a damaged gzip file", "Fix: download it again"],
    ),
    (
        "gzip-damaged-past-the-sniffed-bytes",
        {"100.txt": _gzip_damaged(-2000)},
        LayoutError,
        ["100.txt: is a damaged gzip file", "Fix: download it again"],
    ),
    (
        "lines-ended-by-cr-alone",
        {"100.txt": GOOD_ORDERS.replace("\n", "\r")},
        LayoutError,
        ["100.txt, line 1: has lines ended by a carriage return alone", "Fix: save the file"],
    ),
    (
        "performance-json-nested-too-deeply",
        {
            "100.txt": GOOD_ORDERS,
            "p.json": '{"performanceMetrics": ' + "[" * 10**5 + "]" * 10**5 + "}",
        },
        LayoutError,
        ["p.json: is not valid JSON 'nested too deeply'"],
    ),
    (  # Python's int() and float() take these; Arrow does not: the error names the cell
        "quantity-with-a-plus-sign",
        {"100.txt": tsv([order(1), order(2, quantity="+5")])},
        CellError,
        ["100.txt, line 3, column 'quantity': not a whole number '+5'"],
    ),
    (
        "quantity-in-arabic-digits",
        {"100.txt": tsv([order(1), order(2, quantity="\u0661")])},
        CellError,
        ["100.txt, line 3, column 'quantity': not a whole number '\u0661'"],
    ),
    (
        "quantity-beyond-64-bits",
        {"100.txt": tsv([order(1), order(2, quantity="9" * 23)])},
        CellError,
        ["100.txt, line 3, column 'quantity': not a whole number '99999999999999999999999'"],
    ),
    (
        "price-with-an-underscore",
        {"100.txt": tsv([order(1), order(2, item_price="1_000")])},
        CellError,
        ["100.txt, line 3, column 'item-price': not a number '1_000'"],
    ),
    *(
        (
            f"toml-encoding-{name}-is-no-text-encoding",
            {"100.txt": GOOD_ORDERS, "account.toml": f'encoding = "{name}"\n'},
            ConfigError,
            [f"account.toml, column 'encoding': unknown encoding '{name}'"],
        )
        for name in ("hex", "rot13", "idna")
    ),
    (
        "toml-encoding-utf-16-for-a-file-without-its-mark",
        {"100.txt": GOOD_ORDERS, "account.toml": 'encoding = "utf-16"\n'},
        EncodingError,
        ["100.txt: cannot be read in the encoding account.toml declares (utf-16)", "utf-16-le"],
    ),
    (
        "empty-order-id",
        {"100.txt": tsv([order(1), order(2, amazon_order_id="")])},
        CellError,
        ["100.txt, line 3, column 'amazon-order-id'", "empty cell"],
    ),
]


@pytest.mark.parametrize(
    ("files", "error", "parts"), [c[1:] for c in FATAL], ids=[c[0] for c in FATAL]
)
def test_fatal_input_raises_one_line_error(account_dir, files, error, parts):
    folder = account_dir(files)
    with pytest.raises(error) as raised:
        sellerkit.load_account(folder, warn=False)
    message = str(raised.value)
    assert "\n" not in message
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"


@pytest.mark.parametrize("command", ["summary", "metrics"])
@pytest.mark.parametrize(
    ("files", "parts"), [(c[1], c[3]) for c in FATAL], ids=[c[0] for c in FATAL]
)
def test_fatal_input_exits_2_with_one_line(account_dir, capsys, files, parts, command):
    folder = account_dir(files)
    assert main([command, str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert "Traceback" not in captured.err
    for part in parts:
        assert part in lines[0]


def test_real_process_prints_no_traceback(account_dir):
    folder = account_dir({"100.txt": tsv([order(1, purchase_date="31/02/2026")])})
    done = subprocess.run(
        [sys.executable, "-m", "sellerkit", "summary", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert "line 2, column 'purchase-date'" in done.stderr


def test_arrow_is_handed_no_python_object(account_dir, monkeypatch):
    """Issue 11: a Python object held by Arrow's reader threads (an invalid-row handler, a
    Python codec transcoding a legacy encoding) can be released by such a thread after
    read_csv has raised; during interpreter shutdown that thread cannot take the GIL and the
    process aborts (exit 134). Every read, on every path, hands Arrow only native objects."""
    calls = []
    read_csv = pacsv.read_csv

    def spy(source, **options):
        calls.append((source, options["read_options"], options["parse_options"]))
        return read_csv(source, **options)

    monkeypatch.setattr(pacsv, "read_csv", spy)
    ragged = tsv([order(1), order(2)]) + "\t".join(list(order(3).values())[:20]) + "\n"
    folders = [
        {  # cp1252 orders (transcoded), then a bad boolean on the fast and exact paths
            "100.txt": tsv([order(1, product_name="Théière")]).encode("cp1252"),
            "x.csv": "order-id,cancel-date,buyer-requested,reason\n1,2026-03-10,maybe,\n",
        },
        {"100.txt": b"\xff\xfe" + ragged.encode("utf-16-le")},  # UTF-16, a ragged row
        {"100.txt": gzip.compress(ragged.encode())},
    ]
    for number, files in enumerate(folders):
        with pytest.raises(InputError):
            sellerkit.load_account(account_dir(files, name=f"shop{number}"), warn=False)
    assert len(calls) >= 6
    for source, read_options, parse_options in calls:
        assert isinstance(source, str | pa.NativeFile)
        assert read_options.encoding == "utf8"
        assert parse_options.invalid_row_handler is None


ERROR_PATHS = {
    "bad-boolean": (
        {
            "100.txt": GOOD_ORDERS,
            "cancellations.csv": "order-id,cancel-date,buyer-requested,reason\n"
            "111-0000001-0000001,2026-03-10,maybe,\n",
        },
        "error: cancellations.csv, line 2, column 'buyer-requested': not a boolean 'maybe'",
    ),
    "bad-date-cp1252": (
        {
            "100.txt": tsv(
                [order(1, product_name="Théière"), order(2, purchase_date="yesterday")]
            ).encode("cp1252")
        },
        "error: 100.txt, line 3, column 'purchase-date': not a date-time 'yesterday'",
    ),
    "ragged-row": (
        {"100.txt": GOOD_ORDERS + "\t".join(list(order(3).values())[:20]) + "\n"},
        "error: 100.txt, line 4: has 20 fields where the header has 34",
    ),
    "missing-column": (
        {
            "100.txt": GOOD_ORDERS,
            "claims.csv": "order-id,claim-date,claim-reason,buy-shipping\n"
            "1,2026-03-20,other,false\n",
        },
        "error: claims.csv, line 1: is an A-to-z claims CSV without its required column "
        "'claim-status'",
    ),
}


@pytest.mark.slow
def test_error_exit_status_survives_concurrent_runs(account_dir):
    """Issue 11: about one run in twenty, four at once, aborted after printing its error
    (exit 134 instead of 2). 40 real processes, 4 at once, over four error paths."""
    folders = {name: account_dir(files, name=name) for name, (files, _) in ERROR_PATHS.items()}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}

    def run(name: str) -> tuple[str, subprocess.CompletedProcess[str]]:
        command = [sys.executable, "-m", "sellerkit", "metrics", str(folders[name]), "--json"]
        return name, subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    names = [name for _ in range(10) for name in ERROR_PATHS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, names))
    for name, done in results:
        assert (done.returncode, done.stdout) == (2, ""), (name, done.stderr)
        lines = done.stderr.splitlines()
        assert len(lines) == 1, (name, lines)
        assert lines[0].startswith(ERROR_PATHS[name][1]), (name, lines)


def test_missing_folder_and_file_path(tmp_path, capsys):
    assert main(["summary", str(tmp_path / "nope")]) == 2
    assert "folder not found" in capsys.readouterr().err
    file = tmp_path / "orders.txt"
    file.write_text(GOOD_ORDERS)
    assert main(["summary", str(file)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("day", ["0001-01-01", "0001-03-01", "9999-12-31"])
@pytest.mark.parametrize("extra", [[], ["--age-out"], ["--json"]])
def test_as_of_at_the_ends_of_the_calendar_is_one_line_error(account_dir, capsys, day, extra):
    """A window, lag or age-out horizon would leave the calendar: exit 2, not an internal
    OverflowError."""
    folder = account_dir({"100.txt": GOOD_ORDERS})
    assert main(["metrics", str(folder), "--as-of", day, *extra]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"error: as-of is out of range: '{day}'; expected a day from")


# Recoverable: counted warnings, the load goes on. ---------------------------------------


def test_empty_file_beside_orders_is_skipped_and_counted(account_dir):
    folder = account_dir({"100.txt": GOOD_ORDERS, "200.txt": ""})
    with pytest.warns(sellerkit.DataQualityWarning, match="skipped 200.txt: empty file"):
        account = sellerkit.load_account(folder)
    assert account.quality.to_dict()["unrecognisedFiles"] == ["200.txt"]
    assert len(account.orders) == 2


def test_binary_file_beside_orders_is_skipped(account_dir):
    folder = account_dir({"100.txt": GOOD_ORDERS, "x.xlsx": b"PK\x03\x04" + bytes(100)})
    account = sellerkit.load_account(folder, warn=False)
    assert account.quality.unrecognised_files == [
        ("x.xlsx", "a ZIP archive or Excel workbook; save the report as tab-delimited text")
    ]


def test_header_only_orders_file_gives_an_empty_account(account_dir):
    folder = account_dir({"100.txt": tsv([])})
    account = sellerkit.load_account(folder, warn=False)
    assert account.orders.empty
    assert account.last_order_day is None
    assert account.quality.messages() == ["100.txt: All Orders report with a header and no rows"]
    assert account.quality.to_dict()["emptyFiles"] == 1


def test_empty_account_toml_means_defaults(account_dir):
    folder = account_dir({"100.txt": GOOD_ORDERS, "account.toml": ""}, name="My Shop")
    account = sellerkit.load_account(folder, warn=False)
    assert account.name == "My Shop"
    assert account.marketplace.code == "US"


def test_unknown_toml_key_is_noted_not_fatal(account_dir):
    folder = account_dir({"100.txt": GOOD_ORDERS, "account.toml": 'marketpalce = "UK"\n'})
    account = sellerkit.load_account(folder, warn=False)
    assert any("marketpalce" in note for note in account.quality.notes)


def test_one_megabyte_field_loads(account_dir):
    long_name = "Kettle " + "x" * 1_048_576
    folder = account_dir({"100.txt": tsv([order(1, product_name=long_name), order(2)])})
    account = sellerkit.load_account(folder, warn=False)
    assert account.order_items["product_name"].str.len().max() == len(long_name)


def test_folder_name_with_spaces_and_accents(account_dir):
    folder = account_dir({"100.txt": GOOD_ORDERS}, name="Café Crème – Jürgen's Shop")
    account = sellerkit.load_account(folder, warn=False)
    assert account.name == "Café Crème – Jürgen's Shop"


def test_formula_like_text_stays_text_and_numbers_stay_numbers(account_dir):
    rows = [
        order(1, product_name='=HYPERLINK("http://x")', item_promotion_discount="-2.50"),
        order(2, product_name="+Plus Size Mat", item_promotion_discount="-0.99"),
        order(3, product_name="-20% Trial Pack", sku="@HOME-1"),
    ]
    folder = account_dir({"100.txt": tsv(rows)})
    items = sellerkit.load_account(folder, warn=False).order_items
    assert items["product_name"].tolist() == [
        '=HYPERLINK("http://x")',
        "+Plus Size Mat",
        "-20% Trial Pack",
    ]
    assert items["sku"].iloc[2] == "@HOME-1"
    assert items["item_promotion_discount"].dtype == "float64"
    assert items["item_promotion_discount"].iloc[:2].tolist() == [-2.5, -0.99]


def test_gzip_download_loads(account_dir):
    folder = account_dir({"100.txt": gzip.compress(GOOD_ORDERS.encode())})
    assert len(sellerkit.load_account(folder, warn=False).orders) == 2


def test_errors_share_one_hierarchy():
    for error in (AccountError, CellError, ConfigError, EncodingError, LayoutError):
        assert issubclass(error, InputError)
        assert issubclass(error, sellerkit.SellerkitError)


def test_error_message_truncates_huge_values(account_dir):
    folder = account_dir({"100.txt": tsv([order(1, purchase_date="9" * 5000)])})
    with pytest.raises(CellError) as raised:
        sellerkit.load_account(folder, warn=False)
    assert len(str(raised.value)) < 400
    assert "5,000 characters" in str(raised.value)


def test_user_files_are_never_modified(account_dir):
    from tests.conftest import tree_fingerprint

    folder = account_dir({"100.txt": GOOD_ORDERS, "200.txt": "", "account.toml": ""})
    before = tree_fingerprint(folder)
    sellerkit.load_account(folder, warn=False)
    main(["summary", str(folder)])
    assert tree_fingerprint(folder) == before
    assert sorted(p.name for p in Path(folder).iterdir()) == ["100.txt", "200.txt", "account.toml"]


UNRELATED = {
    "order-id-only.csv": "order-id,name,price\n111-0000001-0000001,Kettle,19.99\n",
    "inventory.txt": "sku\tasin\tquantity\tprice\nSKU-1\tB000000001\t4\t19.99\n",
    "README.md": "# My shop\n\nDownloads for March, order-id and sku columns as Amazon writes.\n",
    "note.txt": "call the supplier, check stock, reorder kettles\n",
    "chinese-note.txt": "今天的笔记\n",
    "chinese-sheet.csv": "名称,价格,数量\n水壶,19.99,4\n",
    "progress.log": "started\nstep 1, 10%\rstep 1, 20%\rstep 1, done\n",  # a lone CR
}


HEADER_ONLY_DOWNLOADS = {
    "confirm.txt": "order-id\torder-item-id\tquantity\tship-date\tcarrier-code\t"
    "carrier-name\ttracking-number\tship-method\n",
    "returns.txt": "Order ID\tOrder date\tReturn request date\tReturn request status\t"
    "Amazon RMA ID\tMerchant RMA ID\tLabel type\tLabel cost\tCurrency code\tReturn carrier\t"
    "Tracking ID\tLabel to be paid by\tA-to-Z Claim\tIs prime\tASIN\tMerchant SKU\t"
    "Item Name\tReturn quantity\tReturn Reason\tIn policy\tReturn type\tResolution\n",
}


@pytest.mark.parametrize("name", sorted(HEADER_ONLY_DOWNLOADS))
def test_a_real_download_with_a_header_only_is_a_counted_warning(account_dir, name):
    """A recognised download with no rows (nothing shipped, nothing returned) loads: a
    warning naming the file, counted in emptyFiles; never a crash."""
    folder = account_dir({"100.txt": GOOD_ORDERS, name: HEADER_ONLY_DOWNLOADS[name]})
    account = sellerkit.load_account(folder, warn=False)
    assert account.quality.to_dict()["emptyFiles"] == 1
    assert account.quality.to_dict()["unrecognisedFiles"] == []
    assert any(name in message for message in account.quality.messages())
    assert len(account.orders) == 2


@pytest.mark.parametrize("name", sorted(UNRELATED))
def test_unrelated_files_are_skipped_not_errors(account_dir, name):
    folder = account_dir({"100.txt": GOOD_ORDERS, name: UNRELATED[name]})
    account = sellerkit.load_account(folder, warn=False)
    assert account.quality.to_dict()["unrecognisedFiles"] == [name]
    assert len(account.orders) == 2


def test_a_hexadecimal_quantity_is_an_error_not_sixteen(account_dir, capsys):
    """Arrow's integer parser reads 0x10 as 16: a silently wrong number (review, issue 11)."""
    from sellerkit.cli import main
    from tests.conftest import order, tsv

    folder = account_dir({"o.txt": tsv([order(1), order(2, quantity="0x10")])})
    assert main(["metrics", str(folder)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "o.txt, line 3, column 'quantity'" in error
    assert "'0x10'" in error

"""Builders for account folders, and the catalogue of awkward inputs every reader meets."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sellerkit.datasets.write import ORDERS_COLUMNS

ORDER_DEFAULTS = {
    "amazon-order-id": "111-0000001-0000001",
    "merchant-order-id": "",
    "purchase-date": "2026-03-10T18:00:00+00:00",
    "last-updated-date": "2026-03-11T18:00:00+00:00",
    "order-status": "Shipped",
    "order-item-id": "50000000000001",
    "fulfillment-channel": "Merchant",
    "sales-channel": "Amazon.com",
    "order-channel": "",
    "ship-service-level": "Standard",
    "product-name": "Tea Kettle",
    "sku": "SKU-1",
    "asin": "B000000001",
    "item-status": "Shipped",
    "quantity": "1",
    "currency": "USD",
    "item-price": "19.99",
    "item-tax": "1.60",
    "shipping-price": "4.99",
    "shipping-tax": "0.40",
    "gift-wrap-price": "",
    "gift-wrap-tax": "",
    "item-promotion-discount": "",
    "ship-promotion-discount": "",
    "ship-city": "Springfield",
    "ship-state": "CA",
    "ship-postal-code": "90210",
    "ship-country": "US",
    "promotion-ids": "",
    "cpf": "",
    "is-business-order": "false",
    "purchase-order-number": "",
    "price-designation": "",
    "signature-confirmation-recommended": "false",
}

FEEDBACK_HEADER = ("Date", "Rating", "Comments", "Response", "Order ID", "Rater Email")


def first_then_slow(values, ids=None) -> list:
    """Parameters for ``pytest.mark.parametrize``: the first runs by default, the others
    are marked ``slow`` (run by ``make test-slow`` and in CI), so the default run stays
    short while every case is still checked."""
    ids = list(ids) if ids is not None else [str(v) for v in values]
    return [
        pytest.param(value, id=name, marks=() if index == 0 else pytest.mark.slow)
        for index, (value, name) in enumerate(zip(values, ids, strict=True))
    ]


def order(n: int = 1, **cells: str) -> dict[str, str]:
    """One All Orders row; ``n`` makes the order and item ids distinct."""
    row = dict(ORDER_DEFAULTS)
    row["amazon-order-id"] = f"111-{n:07d}-0000001"
    row["order-item-id"] = f"{50000000000000 + n}"
    row.update({k.replace("_", "-"): v for k, v in cells.items()})
    return row


def tsv(
    rows: list[dict[str, str]], columns: tuple[str, ...] = ORDERS_COLUMNS, line_end: str = "\n"
) -> str:
    """Amazon's tab-separated text for ``rows``."""
    lines = ["\t".join(columns)] + ["\t".join(r.get(c, "") for c in columns) for r in rows]
    return line_end.join(lines) + line_end


def feedback_tsv(rows: list[tuple[str, ...]], line_end: str = "\n") -> str:
    """A Seller Feedback report with ``rows`` of (Date, Rating, Comments, Response, Order ID,
    Rater Email)."""
    lines = ["\t".join(FEEDBACK_HEADER)] + ["\t".join(r) for r in rows]
    return line_end.join(lines) + line_end


@pytest.fixture(autouse=True, scope="session")
def _parse_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory):
    """The parse cache of large downloads (sellerkit.io.cache) writes to a folder of the
    test session, never the user's ~/.cache."""
    import os

    folder = tmp_path_factory.mktemp("parse-cache")
    before = os.environ.get("SELLERKIT_CACHE_DIR")
    os.environ["SELLERKIT_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("SELLERKIT_CACHE_DIR", None)
    else:
        os.environ["SELLERKIT_CACHE_DIR"] = before


@pytest.fixture
def account_dir(tmp_path: Path) -> Callable[..., Path]:
    """Make an account folder from ``{file name: text or bytes}``."""

    def make(files: dict[str, str | bytes], name: str = "shop", encoding: str = "utf-8") -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode(encoding)
            (folder / file_name).write_bytes(data)
        return folder

    return make


def tree_fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Hash and modification time of every file under ``folder``."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def hand_built_window(account_dir: Callable[..., Path]) -> Path:
    """20 seller-fulfilled orders: 10 on 2026-03-01, 10 on 2026-03-20 (Los Angeles days).
    Defects: order 1 (1 March, feedback on 10 March) and order 11 (20 March, feedback on
    2 April and a pending claim on 5 April)."""
    rows = [order(i, purchase_date="2026-03-01T20:00:00+00:00") for i in range(1, 11)]
    rows += [order(i, purchase_date="2026-03-20T20:00:00+00:00") for i in range(11, 21)]
    return account_dir(
        {
            "o.txt": tsv(rows),
            "f.txt": feedback_tsv(
                [
                    ("3/10/26", "1", "x", "", "111-0000001-0000001", ""),
                    ("4/2/26", "2", "y", "", "111-0000011-0000001", ""),
                ]
            ),
            "c.csv": "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"
            "111-0000011-0000001,2026-04-05,damaged,pending,false,\n",
        }
    )


# Real-browser tests (``-m browser``) ----------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright for Python (never a downloaded one)."""
    sync = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


def watch_offline(page, allowed: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Refuse every request of ``page`` whose URL does not start with one of ``allowed``;
    returns the lists that collect the refused URLs and the console and script errors."""
    outside: list[str] = []
    errors: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(allowed):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return outside, errors

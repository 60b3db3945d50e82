"""A catalogue of awkward but valid accounts: every public function must meet each of them.

Each entry is a folder's files. The bad inputs (which must fail cleanly) are in
``test_bad_input.py``; these must load, and every view of them must work.
"""

from __future__ import annotations

from tests.conftest import feedback_tsv, order, tsv

SHIP = (
    "order-id,latest-ship-date,ship-date,carrier-name,tracking-number,ship-method,"
    "first-scan-date,promised-delivery-date,delivery-date,units,product-category\n"
)

EDGE_CASES: dict[str, dict[str, str | bytes]] = {
    "header-only-orders": {"o.txt": tsv([])},
    "one-order": {"o.txt": tsv([order(1)])},
    "all-cancelled": {
        "o.txt": tsv([order(i, order_status="Cancelled", item_price="") for i in range(1, 4)])
    },
    "fba-only": {"o.txt": tsv([order(i, fulfillment_channel="Amazon") for i in range(1, 4)])},
    "non-amazon-only": {"o.txt": tsv([order(1, sales_channel="Non-Amazon")])},
    "every-optional-cell-empty": {
        "o.txt": tsv(
            [
                order(
                    1,
                    merchant_order_id="",
                    order_item_id="",
                    product_name="",
                    item_price="",
                    item_tax="",
                    shipping_price="",
                    shipping_tax="",
                    currency="",
                    ship_state="",
                    ship_country="",
                    is_business_order="",
                    signature_confirmation_recommended="",
                )
            ]
        )
    },
    "formula-like-text": {
        "o.txt": tsv([order(1, product_name="=cmd|' /C calc'!A0", sku="-SKU", asin="@B0")])
    },
    "unicode-everywhere": {
        "o.txt": tsv([order(1, product_name="Çay bardağı 🍵 – 6 adet", ship_state="Zürich")]),
        "account.toml": 'name = "Ünïcødé Shop ☕"\n',
    },
    "feedback-without-orders-match": {
        "o.txt": tsv([order(1)]),
        "f.txt": feedback_tsv([("3/20/26", "1", "late", "", "999-0000000-0000000", "")]),
    },
    "shipments-with-every-date-empty": {
        "o.txt": tsv([order(1)]),
        "s.csv": SHIP + "111-0000001-0000001,2026-03-11,,,,,,,,,\n",
    },
    "header-only-everything": {
        "o.txt": tsv([order(1)]),
        "f.txt": feedback_tsv([]),
        "c.csv": "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n",
        "b.csv": "order-id,chargeback-date,chargeback-reason,chargeback-status,amount\n",
        "s.csv": SHIP,
        "x.csv": "order-id,cancel-date,buyer-requested,reason\n",
    },
    "crlf-bom-utf8": {"o.txt": b"\xef\xbb\xbf" + tsv([order(1)], line_end="\r\n").encode()},
    "dst-gap-local-time": {
        "o.txt": tsv([order(1, purchase_date="2026-03-08T02:30:00")])  # no such LA time
    },
}

"""The ``real-downloads`` sample: only the downloads sellers really have. Its figures are
computed here again from the generator's truth (what happened), reading it the way the data
contract reads these files (R3–R5), without sellerkit's metrics code."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sellerkit
from sellerkit import datasets
from sellerkit.datasets import generate

NAME = "real-downloads"
SAMPLE_README = "data/sample/README.md"
RETURNABLE = {"not-as-described", "damaged", "return-refund"}  # claims with a return request


@pytest.fixture(scope="module")
def generated():
    sample = datasets.SAMPLES[NAME]
    return generate(sample.spec, seed=sample.seed)


@pytest.fixture(scope="module")
def result():
    return sellerkit.health(datasets.load_sample(NAME, warn=False))


def _days(values) -> pd.Series:
    return pd.Series(pd.to_datetime(np.asarray(values))).dt.date


def _expected_odr(generated, as_of: date) -> dict[str, tuple[int, int, dict[str, int]]]:
    """Per channel: (orders with a defect, orders, parts), from what the files show.

    The Transaction report charges granted-seller-funded claims (any channel) and the
    chargebacks whose money left (refunded, represented-lost; fraud ones too, read as
    service: R3); the Returns report flags seller-fulfilled claims about the item (any
    outcome: read as pending); the feedback report holds the 1–3 star feedback.
    """
    frame = generated.orders[generated.orders["visible"]]
    last = as_of - timedelta(days=14)
    first = last - timedelta(days=59)
    day = _days(frame["day"])
    in_window = ((day >= first) & (day <= last)).to_numpy()
    feedback = generated.feedback
    negative = set(
        feedback.loc[(feedback["Rating"] <= 2).to_numpy() & (_days(feedback["Date"]) <= as_of)
                     .to_numpy(), "Order ID"]
    )  # fmt: skip
    claims = generated.claims
    mfn_ids = set(frame.loc[~frame["afn"], "order_id"])
    shown = (claims["claim-status"] == "granted-seller-funded") | (
        claims["claim-reason"].isin(RETURNABLE) & claims["order-id"].isin(mfn_ids)
    )
    claimed = set(claims.loc[shown & (_days(claims["claim-date"]) <= as_of), "order-id"])
    chargebacks = generated.chargebacks
    charged = chargebacks["chargeback-status"].isin(["refunded", "represented-lost"])
    charged &= _days(chargebacks["chargeback-date"]) <= as_of
    charged_ids = set(chargebacks.loc[charged, "order-id"])
    out = {}
    for channel, afn in (("mfn", False), ("afn", True)):
        ids = set(frame.loc[in_window & (frame["afn"] == afn).to_numpy(), "order_id"])
        parts = {
            "negativeFeedback": len(ids & negative),
            "claims": len(ids & claimed),
            "chargebacks": len(ids & charged_ids),
        }
        out[channel] = (len(ids & (negative | claimed | charged_ids)), len(ids), parts)
    return out


def _expected_late(generated, as_of: date, days: int) -> tuple[int, int]:
    """Late Shipment Rate: seller-fulfilled orders not cancelled by ``as_of`` whose ship-by
    day is in the window; late when a package shipped after it or not by ``as_of``."""
    frame = generated.orders[generated.orders["visible"]]
    end = np.datetime64(as_of, "D")
    cancelled = frame["cancelled"].to_numpy() & (frame["cancel_day"].to_numpy() <= end)
    orders = frame[~frame["afn"].to_numpy() & ~cancelled].set_index("order_id")
    packages = generated.shipments
    shipped = packages["ship-date"].to_numpy()
    packages = packages.assign(
        late=pd.isna(shipped) | (shipped > packages["latest-ship-date"].to_numpy())
    )
    late = packages.groupby("order-id")["late"].any().reindex(orders.index, fill_value=True)
    ship_by = _days(orders["latest_ship"]).to_numpy()
    window = (ship_by > as_of - timedelta(days=days)) & (ship_by <= as_of)
    return int(late.to_numpy()[window].sum()), int(window.sum())


def _expected_cancelled(generated, as_of: date) -> tuple[int, int]:
    """Cancellation rate (7 days): seller-fulfilled orders; cancelled by ``as_of`` and not
    marked buyer-requested in the Order Report (R5)."""
    frame = generated.orders[generated.orders["visible"] & ~generated.orders["afn"]]
    day = _days(frame["day"]).to_numpy()
    window = (day > as_of - timedelta(days=7)) & (day <= as_of)
    cancelled = frame["cancelled"].to_numpy() & (_days(frame["cancel_day"]).to_numpy() <= as_of)
    seller = cancelled & ~frame["buyer_requested"].to_numpy()
    return int((seller & window).sum()), int(window.sum())


def test_its_odr_parts_late_shipment_and_cancellation_rates_are_the_files_truth(generated, result):
    as_of = result.as_of
    assert as_of == datasets.SAMPLES[NAME].spec.end
    odr = _expected_odr(generated, as_of)
    for channel in ("mfn", "afn"):
        rate = result.rate("orderDefectRate", channel)
        assert (rate.numerator, rate.denominator, rate.components) == odr[channel], channel
    for days in (10, 30):
        rate = result.rate("lateShipmentRate", window_days=days)
        assert (rate.numerator, rate.denominator) == _expected_late(generated, as_of, days)
    rate = result.rate("preFulfillmentCancellationRate")
    assert (rate.numerator, rate.denominator) == _expected_cancelled(generated, as_of)


def test_the_figures_the_readme_quotes(result):
    """data/sample/README.md states these figures; a change to the sample changes them."""
    figures = {
        "orderDefectRate mfn": (5, 174),
        "orderDefectRate afn": (4, 68),
        "lateShipmentRate 10": (2, 26),
        "lateShipmentRate 30": (5, 74),
        "preFulfillmentCancellationRate": (1, 19),
    }
    rates = {
        "orderDefectRate mfn": result.rate("orderDefectRate", "mfn"),
        "orderDefectRate afn": result.rate("orderDefectRate", "afn"),
        "lateShipmentRate 10": result.rate("lateShipmentRate", window_days=10),
        "lateShipmentRate 30": result.rate("lateShipmentRate", window_days=30),
        "preFulfillmentCancellationRate": result.rate("preFulfillmentCancellationRate"),
    }
    assert {k: (r.numerator, r.denominator) for k, r in rates.items()} == figures
    root = Path(__file__).resolve().parents[1]
    quoted = {SAMPLE_README: list(figures), "README.md": [k for k in figures if "afn" not in k]}
    for path, keys in quoted.items():
        text = (root / path).read_text(encoding="utf-8")
        for key in keys:
            assert "{} of {}".format(*figures[key]) in text, (path, key)
    mfn = result.rate("orderDefectRate", "mfn").components
    afn = result.rate("orderDefectRate", "afn").components
    assert mfn == {"negativeFeedback": 3, "claims": 2, "chargebacks": 0}
    assert afn == {"negativeFeedback": 2, "claims": 1, "chargebacks": 1}
    for key in ("validTrackingRate", "onTimeDeliveryRate"):
        assert result.rate(key).status == "NONE"  # no carrier scan in any download (R6)


def test_it_holds_the_real_layouts_and_no_sellerkit_csv():
    account = datasets.load_sample(NAME, warn=False)
    kinds = account.files["kind"].value_counts().to_dict()
    assert kinds == {
        "orders": 2,
        "feedback": 1,
        "order-report": 1,
        "ship-confirmations": 1,
        "transactions": 1,
        "returns": 1,
    }
    items = account.order_items
    assert "order_item_id" not in items.columns or items["order_item_id"].isna().all()
    pair = items[items.duplicated(["order_id", "sku", "quantity", "item_price"], keep=False)]
    assert pair["order_id"].tolist() == ["311-3429855-6903452"] * 2  # two items of one SKU
    quality = account.quality.to_dict()
    assert quality["duplicateRowsRemoved"] > 0  # the downloads overlap
    assert quality["assumedClaimsFromPayments"] == 2
    assert quality["assumedClaimsFromReturns"] == 2
    assert quality["assumedChargebacksFromPayments"] == 2
    assert quality["assumedUnconfirmedShipments"] == 2
    text = "".join(account.table(n).astype(str).to_csv() for n in sellerkit.account.TABLES)
    for placeholder in (
        "Sam Placeholder",
        "1 Sample Road",
        "@marketplace.amazon.com",
        "PLACEVILLE",
    ):
        assert placeholder not in text

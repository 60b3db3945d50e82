"""Generate → write → read: what the generator drew is what the reader gives back, in every
encoding, line end and layout a seller's files come in."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sellerkit
from sellerkit.datasets import AccountSpec, Rates, generate, write_account

ENCODINGS = {
    "US": ["utf-8", "utf-8-sig", "utf-16", "cp1252"],
    "DE": ["cp1252", "utf-8"],
    "JP": ["cp932", "utf-8-sig"],
}
LANGUAGE = {"US": "en", "DE": "de", "JP": "ja"}


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    market=st.sampled_from(["US", "DE", "JP"]),
    encoding_pick=st.integers(min_value=0, max_value=3),
    line_end=st.sampled_from(["\n", "\r\n"]),
    layout=st.sampled_from(["current", "old"]),
    files=st.integers(min_value=1, max_value=3),
    afn=st.sampled_from([0.0, 0.5]),
)
def test_round_trip(tmp_path_factory, seed, market, encoding_pick, line_end, layout, files, afn):
    spec = AccountSpec(
        name="rt",
        title="Round Trip",
        marketplace=market,
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        orders_per_day=3.0,
        afn_share=afn,
        products=8,
        language=LANGUAGE[market],
        rates=Rates(negative_feedback=0.05, claim=0.03, chargeback=0.02, cancel=0.05),
        order_files=files,
        lead_days=10,
    )
    generated = generate(spec, seed=seed)
    encoding = ENCODINGS[market][encoding_pick % len(ENCODINGS[market])]
    folder = tmp_path_factory.mktemp("acct")
    write_account(
        generated,
        folder,
        encoding=encoding,
        line_end=line_end,
        layout=layout,
        report_ids=seed,
        config_marketplace=market != "JP",
    )
    account = sellerkit.load_account(folder, warn=False)

    items = generated.items
    expected = items.drop_duplicates("amazon-order-id")
    assert account.name == "Round Trip"
    assert account.marketplace.code == market
    assert sorted(account.orders["order_id"]) == sorted(expected["amazon-order-id"])
    got = account.orders.set_index("order_id")
    exp = expected.set_index("amazon-order-id")
    assert (got["order_date"] == pd.to_datetime(exp["_day"]).reindex(got.index)).all()
    assert (got["order_status"].astype(str) == exp["order-status"].reindex(got.index)).all()
    quantities = items.groupby("amazon-order-id")["quantity"].sum().reindex(got.index)
    assert (got["quantity"] == quantities).all()
    assert sorted(account.order_items["product_name"]) == sorted(items["product-name"])

    feedback = account.feedback.set_index("order_id").sort_index()
    exp_fb = generated.feedback.set_index("Order ID").sort_index()
    assert feedback["rating"].tolist() == exp_fb["Rating"].tolist()
    assert (feedback["date"] == pd.to_datetime(exp_fb["Date"])).all()
    assert feedback["comments"].tolist() == exp_fb["Comments"].tolist()
    assert len(account.claims) == len(generated.claims)
    assert (
        account.claims["claim_status"].astype(str).to_numpy()
        == generated.claims["claim-status"].to_numpy()
    ).all()
    assert len(account.shipments) == len(generated.shipments)
    assert np.array_equal(
        account.shipments["ship_date"].isna().to_numpy(),
        generated.shipments["ship-date"].isna().to_numpy(),
    )
    orphans = ~generated.feedback["Order ID"].isin(expected["amazon-order-id"])
    assert account.quality.to_dict()["orphanFeedback"] == int(orphans.sum())


def test_generation_is_deterministic():
    spec = AccountSpec(
        name="d",
        title="D",
        marketplace="US",
        start=date(2026, 1, 1),
        end=date(2026, 1, 31),
        orders_per_day=5.0,
    )
    first, second = generate(spec, seed=3), generate(spec, seed=3)
    pd.testing.assert_frame_equal(first.items, second.items)
    pd.testing.assert_frame_equal(first.feedback, second.feedback)
    assert not generate(spec, seed=4).items.equals(first.items)

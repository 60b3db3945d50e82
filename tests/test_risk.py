"""The portfolio's risk means what Amazon will do: past target on enough orders first, an
account with no defect never above one past target (issue 14)."""

from __future__ import annotations

from types import SimpleNamespace

import sellerkit
from sellerkit.report.portfolio import _rank
from sellerkit.report.risk import Risk, account_risk, phrase
from tests.conftest import feedback_tsv, order, tsv


def _shop(account_dir, name: str, orders: int, negative: int) -> sellerkit.Account:
    """``orders`` seller-fulfilled orders spread over 2026-03-05 … 03-24, the first
    ``negative`` with 1-star feedback; as-of 2026-05-15 puts them all in the ODR window
    (2026-03-03 … 05-01)."""
    rows = [
        order(i, purchase_date=f"2026-03-{5 + i % 20:02d}T18:00:00+00:00")
        for i in range(1, orders + 1)
    ]
    feedback = [
        ("3/20/26", "1", "late", "", f"111-{i:07d}-0000001", "") for i in range(1, negative + 1)
    ]
    folder = account_dir({"o.txt": tsv(rows), "f.txt": feedback_tsv(feedback)}, name=name)
    return sellerkit.load_account(folder, warn=False)


def _risk(account: sellerkit.Account) -> Risk:
    return account_risk(account, sellerkit.health(account, "2026-05-15"))


def test_past_target_on_enough_orders_ranks_first_and_no_defect_last(account_dir):
    clean_small = _risk(_shop(account_dir, "clean-small", 12, 0))
    past_few = _risk(_shop(account_dir, "past-few", 40, 1))  # 2.5 % on 40: small sample
    past_many = _risk(_shop(account_dir, "past-many", 400, 12))  # 3 % on 400
    assert (past_many.tier, past_many.phrase) == (0, "past target")
    assert past_many.metric == "Order Defect Rate (seller-fulfilled)"
    assert abs(past_many.excess - 2.0) < 1e-9  # 3 % is 200 % past a 1 % target
    assert (past_few.tier, past_few.phrase) == (1, "past target on few orders")
    assert clean_small.tier == 2
    assert clean_small.phrase in ("likely", "possible", "unlikely")
    ranked = sorted([clean_small, past_few, past_many], key=lambda r: r.sort_key)
    assert ranked == [past_many, past_few, clean_small]


def test_the_projection_is_deterministic_and_bounded(account_dir):
    account = _shop(account_dir, "clean", 200, 0)
    first, second = _risk(account), _risk(account)
    assert first == second
    assert 0.0 <= first.chance <= 1.0
    assert first.metric == "Order Defect Rate (seller-fulfilled)"


def test_phrases():
    assert [phrase(c) for c in (0.0, 0.09, 0.1, 0.49, 0.5, 1.0)] == [
        "unlikely",
        "unlikely",
        "possible",
        "possible",
        "likely",
        "likely",
    ]


def test_the_portfolio_ranks_failed_then_tier_then_size():
    def job(name, status, risk):
        return SimpleNamespace(account=name, status=status, figures={"risk": risk})

    jobs = [
        job("clean", "ok", {"tier": 2, "chance": 0.9, "excess": 0.0}),
        job("few", "ok", {"tier": 1, "chance": 1.0, "excess": 1.5}),
        job("many-small-excess", "ok", {"tier": 0, "chance": 1.0, "excess": 0.2}),
        job("many-big-excess", "ok", {"tier": 0, "chance": 1.0, "excess": 2.0}),
        job("broken", "failed", {}),
        job("unlikely", "ok", {"tier": 2, "chance": 0.01, "excess": 0.0}),
    ]
    assert [j.account for j in sorted(jobs, key=_rank)] == [
        "broken",
        "many-big-excess",
        "many-small-excess",
        "few",
        "clean",
        "unlikely",
    ]

"""The cause summaries (sellerkit.causes.summaries) on a hand-built account.

12 seller-fulfilled orders: 1-4 on Monday 2 March 2026 (1 and 2 to CA, 3 and 4 to NY),
5-12 on Monday 9 March (CA). Counted defects by 30 April: order 1's 1-star feedback
("Arrived damaged"), order 3's granted not-received claim, order 5's open service
chargeback. Not counted: order 2's 3-star feedback (neutral), order 7's 1-star feedback
dated 10 May (after the as-of day).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

import sellerkit
from sellerkit.causes.summaries import defect_reasons, pareto, reason_heat, weekly
from tests.conftest import feedback_tsv, order, tsv

AS_OF = date(2026, 4, 30)


def _id(n: int) -> str:
    return f"111-{n:07d}-0000001"


@pytest.fixture(scope="module")
def account(tmp_path_factory) -> sellerkit.Account:
    rows = [
        order(n, purchase_date="2026-03-02T20:00:00+00:00", ship_state="CA" if n < 3 else "NY")
        for n in range(1, 5)
    ]
    rows += [order(n, purchase_date="2026-03-09T20:00:00+00:00") for n in range(5, 13)]
    folder = tmp_path_factory.mktemp("summaries")
    (folder / "o.txt").write_text(tsv(rows))
    (folder / "f.txt").write_text(
        feedback_tsv(
            [
                ("3/5/26", "1", "Arrived damaged", "", _id(1), ""),
                ("3/6/26", "3", "Arrived damaged", "", _id(2), ""),
                ("5/10/26", "1", "Arrived damaged", "", _id(7), ""),
            ]
        )
    )
    (folder / "c.csv").write_text(
        "order-id,claim-date,claim-reason,claim-status,buy-shipping,amount\n"
        f"{_id(3)},2026-03-10,not-received,granted-seller-funded,false,9\n"
    )
    (folder / "b.csv").write_text(
        "order-id,chargeback-date,chargeback-reason,chargeback-status,amount\n"
        f"{_id(5)},2026-03-12,service,open,9\n"
    )
    return sellerkit.load_account(folder, warn=False)


def test_defect_reasons_name_each_counted_defect(account):
    reasons = defect_reasons(account, as_of=AS_OF)
    ids = account.orders["order_id"].to_numpy()[reasons["order"].to_numpy()]
    assert sorted(zip(ids, reasons["reason"], strict=True)) == [
        (_id(1), "feedback: damaged"),
        (_id(3), "claim: not-received"),
        (_id(5), "chargeback"),
    ]


def test_a_defect_counts_from_the_day_it_is_known(account):
    # Order 7's feedback is dated 10 May: not there as of 9 May, there as of 10 May.
    before = defect_reasons(account, as_of="2026-05-09")
    after = defect_reasons(account, as_of="2026-05-10")
    assert len(before) == 3
    assert sorted(account.orders["order_id"].to_numpy()[after["order"].to_numpy()]) == [
        _id(1),
        _id(3),
        _id(5),
        _id(7),
    ]


def test_pareto_counts_largest_first_with_the_cumulative_share():
    reasons = pd.DataFrame({"reason": ["a", "b", "a", "c", "a", "b"]})
    table = pareto(reasons)
    assert table["reason"].tolist() == ["a", "b", "c"]
    assert table["defects"].tolist() == [3, 2, 1]
    assert np.allclose(table["cumulative_share"], [3 / 6, 5 / 6, 6 / 6])
    empty = pareto(pd.DataFrame({"reason": pd.Series([], dtype=object)}))
    assert empty.empty
    assert list(empty.columns) == ["reason", "defects", "cumulative_share"]


def test_reason_heat_counts_defects_by_dimension_and_reason(account):
    heat = reason_heat(account, defect_reasons(account, as_of=AS_OF), "ship_state")
    cells = {(str(s), str(r)): int(d) for s, r, d in heat.itertuples(index=False)}
    assert cells == {
        ("CA", "feedback: damaged"): 1,
        ("NY", "claim: not-received"): 1,
        ("CA", "chargeback"): 1,
    }


def test_weekly_rates_and_control_limits(account):
    # Week of 2 March: orders 1-4, defects on 1 and 3: 2 of 4. Week of 9 March: orders
    # 5-12, a defect on 5: 1 of 8. Centre 3 / 12 = 0.25; with one sigma the limits are
    # 0.25 ± sqrt(0.25 × 0.75 / n): n = 4 gives ± 0.2165, n = 8 gives ± 0.1531.
    table = weekly(account, as_of=AS_OF, sigmas=1.0)
    assert table["week"].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-09")]
    assert table["units"].tolist() == [4, 8]
    assert table["bad"].tolist() == [2, 1]
    assert np.allclose(table["rate"], [0.5, 0.125])
    assert np.allclose(table["centre"], [0.25, 0.25])
    assert np.allclose(table["upper"], [0.25 + 0.216506, 0.25 + 0.153093], atol=1e-6)
    assert np.allclose(table["lower"], [0.25 - 0.216506, 0.25 - 0.153093], atol=1e-6)
    assert table["out_of_control"].tolist() == [True, False]


def test_weekly_limits_stay_between_0_and_1(account):
    # Three sigmas: 0.25 + 3 × 0.2165 = 0.90 stays; 0.25 - 0.65 is cut to 0.
    table = weekly(account, as_of=AS_OF)
    assert np.allclose(table["upper"], [0.25 + 3 * 0.216506, 0.25 + 3 * 0.153093], atol=1e-5)
    assert table["lower"].tolist() == [0.0, 0.0]

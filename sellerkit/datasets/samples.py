"""The bundled sample accounts: their specs, seeds and how each is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sellerkit.datasets.spec import AccountSpec, Planted, Rates
from sellerkit.present import percent


@dataclass(frozen=True)
class Sample:
    """One bundled sample: what to generate and how to write it."""

    spec: AccountSpec
    seed: int
    description: str
    write: dict[str, Any] = field(default_factory=dict)


_QUIET = Rates(
    negative_feedback=0.0,
    neutral_feedback=0.02,
    claim=0.0,
    chargeback=0.0,
    late_ship=0.0,
    cancel=0.0,
    no_tracking=0.0,
    no_scan=0.0,
    lost=0.0,
    late_noise=0.0,
)

SAMPLES: dict[str, Sample] = {
    "small-seller": Sample(
        AccountSpec(
            name="small-seller",
            title="Maple Street Crafts",
            marketplace="US",
            start=date(2026, 7, 20),
            end=date(2026, 10, 31),
            orders_per_day=0.75,
            products=6,
            rates=_QUIET,
            forced_claims=1,
        ),
        seed=7,
        description="About 45 orders in the ODR window and one A-to-z claim: ODR over 1 %, "
        "and a textbook case of a rate that says little.",
    ),
    "growing-brand": Sample(
        AccountSpec(
            name="growing-brand",
            title="Northwind Home",
            marketplace="US",
            start=date(2025, 9, 1),
            end=date(2026, 4, 30),
            orders_per_day=11.0,
            growth=1.6,
            weekly=(1.05, 1.0, 1.0, 1.0, 1.05, 0.95, 0.95),
            peak=(date(2025, 11, 20), date(2025, 12, 22), 2.5),
            afn_share=0.45,
            business_share=0.06,
            multi_item=0.18,
            products=20,
            planted=Planted(
                bad_sku=1,
                bad_sku_claim_rate=0.06,
                bad_carrier_no_scan=0.25,
                weekend_late_rate=0.14,
                spike=(date(2026, 2, 9), date(2026, 2, 22), 0.05),
            ),
            rates=Rates(late_ship=0.015),
            lead_days=45,
            order_files=3,
            omit_cancellation_rows=2,
            performance_lag=7,
        ),
        seed=2026,
        description="Eight months of a growing MFN + FBA brand with a holiday peak and planted "
        "causes (see truth/growing-brand.json); three overlapping monthly orders downloads "
        "and a seller performance report taken a week before the last day.",
    ),
    "eu-seller": Sample(
        AccountSpec(
            name="eu-seller",
            title="Küchenglück GmbH",
            marketplace="DE",
            start=date(2026, 5, 1),
            end=date(2026, 10, 31),
            orders_per_day=6.0,
            afn_share=0.3,
            products=15,
            language="de",
        ),
        seed=49,
        description="Amazon.de: reports in Windows-1252 with CRLF line ends, feedback dates "
        "as D.M.YY, umlauts in product names and comments.",
        write={"encoding": "cp1252", "line_end": "\r\n"},
    ),
    "jp-seller": Sample(
        AccountSpec(
            name="jp-seller",
            title="さくらキッチン",
            marketplace="JP",
            start=date(2026, 6, 1),
            end=date(2026, 10, 31),
            orders_per_day=8.0,
            afn_share=0.5,
            products=12,
            language="ja",
        ),
        seed=81,
        description="Amazon.co.jp: reports in cp932 (Shift-JIS), order times with +09:00, "
        "feedback dates as YY/M/D; account.toml has no marketplace (inferred).",
        write={"encoding": "cp932", "config_marketplace": False},
    ),
    "real-downloads": Sample(
        AccountSpec(
            name="real-downloads",
            title="Harbor Lane Goods",
            marketplace="US",
            start=date(2026, 2, 1),
            end=date(2026, 4, 30),
            orders_per_day=4.0,
            afn_share=0.3,
            multi_item=0.2,
            products=10,
            rates=Rates(
                negative_feedback=0.012,
                claim=0.03,
                chargeback=0.01,
                late_ship=0.05,
                cancel=0.08,
            ),
        ),
        seed=407,
        description="Only the downloads sellers really have, in their real layouts: two "
        "overlapping All Orders reports (no order-item-id, two identical rows of one SKU), "
        "the MFN Order Report, the shipping-confirmation file, the Date Range Transaction "
        "report with its notes, the Returns report and the Seller Feedback report. No "
        "sellerkit CSV, so what the files cannot say is assumed, or missing (coverage).",
        write={"layout": "real"},
    ),
}
"""The single-account samples, by name."""


def _portfolio_account(
    index: int, title: str, per_day: float, rates: Rates | None, afn: float, **write: Any
) -> Sample:
    return Sample(
        AccountSpec(
            name=title.lower().replace(" ", "-"),
            title=title,
            marketplace="US",
            start=date(2026, 8, 15),
            end=date(2026, 10, 31),
            orders_per_day=per_day,
            afn_share=afn,
            products=8 + index % 10,
            rates=rates or Rates(),
        ),
        seed=1000 + index,
        description=f"portfolio account {index + 1}: {per_day:g} orders a day, {percent(afn)} FBA",
        write=write,
    )


PORTFOLIO: dict[str, Sample] = {
    s.spec.name: s
    for s in (
        _portfolio_account(0, "Acme Outdoors", 8.0, None, 0.5),
        _portfolio_account(1, "Blue Harbor Books", 6.0, Rates(late_ship=0.07), 0.0),
        _portfolio_account(2, "Cedar Pet Supply", 3.0, Rates(cancel=0.04), 0.2),
        _portfolio_account(
            3, "Delta Phone Cases", 8.0, Rates(negative_feedback=0.012, claim=0.004), 0.3
        ),
        _portfolio_account(4, "Evergreen Tea", 1.0, None, 0.0, layout="old"),
        _portfolio_account(5, "Fjord Knitwear", 0.5, Rates(claim=0.02), 0.0),
        _portfolio_account(
            6,
            "Golden Gate Gadgets",
            7.0,
            Rates(no_scan=0.08),
            0.4,
            encoding="utf-8-sig",
            line_end="\r\n",
        ),
        _portfolio_account(7, "Hilltop Candles", 2.0, None, 0.6),
        _portfolio_account(8, "Indigo Art Prints", 4.0, Rates(late_ship=0.03, cancel=0.03), 0.0),
        _portfolio_account(9, "Juniper Baby", 5.0, None, 0.25),
    )
}
"""Ten small US accounts of different sizes and health, for batch reports."""


SCENARIOS: dict[str, Sample] = {
    "post-holiday": Sample(
        AccountSpec(
            name="post-holiday",
            title="Post-holiday Home Goods",
            marketplace="US",
            start=date(2025, 9, 1),
            end=date(2026, 1, 31),
            orders_per_day=20.0,
            peak=(date(2025, 11, 15), date(2025, 12, 20), 3.0),
            rates=Rates(negative_feedback=0.001, claim=0.0005, chargeback=0.0),
            planted=Planted(spike=(date(2025, 12, 21), date(2026, 1, 5), 0.08)),
        ),
        seed=11,
        description="A holiday peak, defects on the orders just after it (a post-holiday "
        "packing problem), the last day in late January: the falling-volume trap.",
    ),
}
"""Accounts generated on demand to teach one effect (not bundled)."""

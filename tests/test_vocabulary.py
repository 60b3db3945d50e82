"""One vocabulary (issue 15, item 2): the field's names are written once, in
:mod:`sellerkit.vocabulary`, and every catalogue agrees with it.

The expected names below are copied by hand from /work/shared/amazon-metrics.md ("Data a seller
can download": the keys of ``GET_V2_SELLER_PERFORMANCE_REPORT`` and the All Orders report's
``fulfillment-channel``) and the data contract ("What the toolkit hands back"), not read back
from the table."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import sellerkit
from sellerkit.causes import units
from sellerkit.io.layouts_canonical import FULFILLMENT_CHANNELS
from sellerkit.marketplaces import MARKETPLACES
from sellerkit.metrics import amazon_report, coverage_result, rates, report_entries
from sellerkit.rules import rules_for
from sellerkit.vocabulary import (
    CHANNELS,
    LATE_SHIPMENT_RATE_LIST,
    METRICS,
    ODR_PARTS,
    SCOPES,
    Channel,
    MetricKey,
    OdrPart,
    Scope,
)

# key: (Seller Central's title, numerator field, denominator field, unit) — amazon-metrics.md
AMAZON = {
    "orderDefectRate": ("Order Defect Rate", "orderWithDefects", "orderCount", "orders"),
    "lateShipmentRate": ("Late Shipment Rate", "lateShipmentCount", "orderCount", "orders"),
    "preFulfillmentCancellationRate": (
        "Pre-fulfillment Cancellation Rate",
        "cancellationCount",
        "orderCount",
        "orders",
    ),
    "validTrackingRate": ("Valid Tracking Rate", "validTrackingCount", "shipmentCount", "packages"),
    "onTimeDeliveryRate": (
        "On-Time Delivery Rate",
        "onTimeDeliveryCount",
        "shipmentCountWithValidTracking",
        "packages",
    ),
    "unitOnTimeDeliveryRate": (
        "Unit On-Time Delivery Rate",
        "unitOnTimeDeliveryCount",
        "totalUnitCount",
        "units",
    ),
}


@pytest.mark.parametrize("key", sorted(AMAZON))
def test_each_metrics_terms_are_amazons(key):
    terms = METRICS[MetricKey(key)]
    assert (terms.title, terms.numerator, terms.denominator, terms.unit) == AMAZON[key]
    assert terms.key == key


def test_the_table_holds_exactly_the_metrics_sellerkit_computes():
    assert [str(k) for k in METRICS] == list(AMAZON)
    assert set(METRICS) == set(MetricKey)


def test_amazons_other_spellings():
    # live reports: lateShipmentRateList; Amazon's example report: prefulfillmentCancelRate
    assert LATE_SHIPMENT_RATE_LIST == "lateShipmentRateList"
    spellings = {s: t.key for t in METRICS.values() for s in t.spellings}
    assert spellings == {
        "lateShipmentRateList": "lateShipmentRate",
        "prefulfillmentCancelRate": "preFulfillmentCancellationRate",
    }


def test_odr_parts_are_amazons_keys_in_amazons_order():
    assert [str(p) for p in ODR_PARTS] == ["negativeFeedback", "claims", "chargebacks"]
    assert set(ODR_PARTS) == set(OdrPart)
    assert {p: t.event for p, t in ODR_PARTS.items()} == {
        "negativeFeedback": "feedback",
        "claims": "claim",
        "chargebacks": "chargeback",
    }
    assert all(t.unit == "orders" for t in ODR_PARTS.values())


def test_channels():
    rows = {str(c): (t.code, t.fulfillment_channel, t.name) for c, t in CHANNELS.items()}
    assert rows == {
        "mfn": ("MFN", "Merchant", "seller-fulfilled"),
        "afn": ("AFN", "Amazon", "FBA"),
    }
    assert set(CHANNELS) == set(Channel)


def test_scopes():
    assert {str(s): t.name for s, t in SCOPES.items()} == {
        "mfn": "seller-fulfilled",
        "afn": "FBA",
        "business-mfn": "business, seller-fulfilled",
        "business-afn": "business, FBA",
    }
    assert set(SCOPES) == set(Scope)
    assert all(CHANNELS[t.channel].channel == t.channel for t in SCOPES.values())


@pytest.mark.parametrize("member", [*MetricKey, *OdrPart, *Channel, *Scope])
def test_members_are_their_strings(member):
    value = member.value
    assert member == value
    assert value == member
    assert hash(member) == hash(value)
    assert {value: 1}[member] == 1
    assert {member: 1}[value] == 1
    assert f"{member}" == str(member) == value
    assert json.dumps({member: [member]}) == json.dumps({value: [value]})
    assert type(json.loads(json.dumps(member))) is str


@pytest.mark.parametrize("marketplace", sorted(MARKETPLACES))
def test_every_key_the_rules_know_has_terms(marketplace):
    for rule in rules_for(marketplace).all_metrics:
        assert rule.key in METRICS, rule.key
        # the rule's title is the metric's, with its window where there are several
        assert rule.title.startswith(METRICS[rule.key].title), rule.title


def test_rates_catalogues_agree():
    assert {k: v[1:] for k, v in AMAZON.items()} == rates.FIELDS
    assert {str(s): t.name for s, t in SCOPES.items()} == rates.SCOPE_NAMES


def test_amazon_report_catalogues_agree():
    assert {
        **{k: k for k in AMAZON},
        "lateShipmentRateList": "lateShipmentRate",
        "prefulfillmentCancelRate": "preFulfillmentCancellationRate",
    } == amazon_report.COMPUTED
    for key, (title, *_) in AMAZON.items():
        assert amazon_report.title(key) == title


def test_report_entries_counts_agree():
    for key, (_, numerator, denominator, unit) in AMAZON.items():
        assert report_entries.COUNTS[key] == (numerator, denominator, unit)
    assert set(report_entries.COUNTS) - set(AMAZON) == {"invoiceDefectRate"}


def test_coverage_titles_agree():
    assert coverage_result.TITLES == {
        "orderDefectRate": "Order Defect Rate",
        "negativeFeedback": "ODR negative feedback",
        "claims": "ODR claims",
        "chargebacks": "ODR chargebacks",
        "lateShipmentRate": "Late Shipment Rate",
        "preFulfillmentCancellationRate": "Pre-fulfillment Cancellation Rate",
        "validTrackingRate": "Valid Tracking Rate",
        "onTimeDeliveryRate": "On-Time Delivery Rate",
    }
    assert tuple(ODR_PARTS) == coverage_result.PARTS


def test_cause_explorer_units_agree():
    expected = {
        "orderDefectRate": ("orders", "orders with a defect"),
        "negativeFeedback": ("orders", "orders with negative feedback"),
        "claims": ("orders", "orders with a counted A-to-z claim"),
        "chargebacks": ("orders", "orders with a counted chargeback"),
        "lateShipmentRate": ("orders", "orders shipped late"),
        "preFulfillmentCancellationRate": ("orders", "orders cancelled by the seller"),
        "validTrackingRate": ("packages", "packages without valid tracking"),
        "onTimeDeliveryRate": ("packages", "packages delivered late"),
    }
    assert {k: (m.unit, m.bad) for k, m in units.METRICS.items()} == expected
    assert list(units.METRICS) == list(expected)
    for key, terms in METRICS.items():
        if key in units.METRICS:
            assert (units.metric_info(key).unit, units.metric_info(key).bad) == (
                terms.unit,
                terms.bad,
            )
    for part, terms in ODR_PARTS.items():
        assert units.metric_info(part).bad == terms.bad


def test_metric_info_keeps_its_derived_keys():
    assert units.metric_info("feedback:not_received").bad == "orders with not received feedback"
    assert units.metric_info("claims:damaged").bad == "orders with a counted damaged claim"
    with pytest.raises(KeyError, match="got 'unitOnTimeDeliveryRate'"):
        units.metric_info("unitOnTimeDeliveryRate")


def test_orders_layout_takes_its_channels_from_the_table():
    assert FULFILLMENT_CHANNELS == ("Amazon", "Merchant")


# --- no metric-key literal outside the vocabulary -------------------------------------------

PACKAGE = Path(sellerkit.__file__).parent

KEY_LITERALS = frozenset(
    {*AMAZON, "lateShipmentRateList", "prefulfillmentCancelRate", "negativeFeedback"}
)
"""Metric keys (and the ODR part no file kind shares a name with): "claims", "chargebacks",
"mfn" … are also file kinds and column names, so they are not scanned."""

ALLOWED = {
    "sellerkit/vocabulary.py": "the one home of the names",
    "sellerkit/datasets/oracle.py": "the hand-computed oracle writes Amazon's JSON by hand, "
    "independently of the code it checks",
    "sellerkit/workshop/lessons/": "lesson code is written as a seller would write it",
}


def key_literals(package: Path = PACKAGE) -> set[tuple[str, int, str]]:
    """(file, line, literal) of each string constant that is a metric key, outside
    :data:`ALLOWED` (docstrings and f-string text hold keys only inside longer text)."""
    found = set()
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent).as_posix()
        if any(where.startswith(allowed) for allowed in ALLOWED):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in KEY_LITERALS:
                found.add((where, node.lineno, node.value))
    return found


def test_no_metric_key_literal_outside_the_vocabulary():
    assert key_literals() == set()


def test_the_scan_finds_a_planted_literal(tmp_path):
    fake = tmp_path / "sellerkit"
    (fake / "metrics").mkdir(parents=True)
    (fake / "metrics" / "a.py").write_text(
        '"""orderDefectRate in a docstring is fine."""\nKEY = "orderDefectRate"\n'
    )
    (fake / "vocabulary.py").write_text('KEY = "orderDefectRate"\n')
    assert key_literals(fake) == {("sellerkit/metrics/a.py", 2, "orderDefectRate")}

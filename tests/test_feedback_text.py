"""The feedback tagger, measured on a labelled set written apart from the generator."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sellerkit.causes.feedback_text import CATEGORIES, tag, tag_feedback

LABELS = Path(__file__).parent / "data" / "feedback_labels.csv"


def test_accuracy_on_the_labelled_set():
    labelled = pd.read_csv(LABELS)
    predicted = [tag(c, f) for c, f in zip(labelled["comment"], labelled["fba"], strict=True)]
    right = sum(p == t for p, t in zip(predicted, labelled["category"], strict=True))
    accuracy = right / len(labelled)
    wrong = [
        (c, p, t)
        for c, p, t in zip(labelled["comment"], predicted, labelled["category"], strict=True)
        if p != t
    ]
    assert accuracy >= 0.9, wrong
    assert set(labelled["category"]) == set(CATEGORIES)  # every category is measured


def test_every_category_is_recalled():
    labelled = pd.read_csv(LABELS)
    labelled["predicted"] = [
        tag(c, f) for c, f in zip(labelled["comment"], labelled["fba"], strict=True)
    ]
    labelled["right"] = labelled["predicted"] == labelled["category"]
    recall = labelled.groupby("category")["right"].mean()
    assert recall.min() >= 0.75, recall.to_dict()


def test_fba_turns_only_delivery_complaints_into_fulfilment():
    assert tag("Arrived a week late", fba=True) == "fba_fulfilment"
    assert tag("Arrived a week late", fba=False) == "late"
    assert tag("Not as described", fba=True) == "not_as_described"
    assert tag(None) == "other"


def test_tag_feedback_on_a_table():
    feedback = pd.DataFrame({"order_id": ["a", "b"], "comments": ["Broken on arrival", None]})
    tags = tag_feedback(feedback, pd.Series(["a"]))
    assert list(tags) == ["fba_fulfilment", "other"]

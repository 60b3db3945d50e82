"""Tag feedback comments with what they complain about, by transparent keyword rules.

Categories: ``late``, ``not_received``, ``damaged``, ``wrong_item``, ``not_as_described``,
``product_review`` (about the product alone), ``customer_service``, ``fba_fulfilment`` (a
delivery complaint on an order Amazon fulfilled) and ``other``. Rules are regular expressions
in English, German and Japanese, tried in the order of :data:`RULES`; the first that matches
decides. Every rule is readable below, so a seller can see why a comment got its tag; the
accuracy on a labelled set is measured in the tests.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

CATEGORIES = (
    "not_received",
    "damaged",
    "wrong_item",
    "late",
    "not_as_described",
    "customer_service",
    "product_review",
    "fba_fulfilment",
    "other",
)

DELIVERY = frozenset({"late", "not_received", "damaged"})
"""Complaints about delivery: on an FBA order they are Amazon's to answer."""

RULES: tuple[tuple[str, str], ...] = (
    (
        "not_received",
        r"never (?:arrived|received|came|got)|(?:did ?n[o']t|has ?n[o']t|have "
        r"?n[o']t) (?:arrive|receive|get|been delivered)|not (?:yet )?(?:arrived|received|"
        r"delivered)|(?:package|parcel|order) (?:was )?lost|says delivered but|never showed up|"
        r"still (?:not|haven't) (?:got|received)|nie (?:erhalten|angekommen)|nicht (?:erhalten|"
        r"angekommen|geliefert)|届きません|届かない|届いていない|未着",
    ),
    (
        "damaged",
        r"damag|broken on arrival|arrived (?:broken|cracked|smashed|dented)|crush|"
        r"smashed|dented|(?:box|package|packaging|parcel) (?:was )?(?:torn|ripped|open)|torn "
        r"open|leak|shattered|beschädigt|zerdrückt|zerbrochen|kaputt angekommen|破損|潰れ|割れて",
    ),
    (
        "wrong_item",
        r"wrong (?:item|product|size|colou?r|model|one)|not what i ordered|"
        r"different (?:item|product|colou?r|size|model)|sent (?:me )?the wrong|received the "
        r"wrong|falsche[rn]? (?:artikel|farbe|größe)|falsch geliefert|(?<!説明と)違う商品|"
        r"間違った商品",
    ),
    (
        "late",
        r"\blate\b|took (?:forever|weeks|too long|ages)|delay|slow (?:shipping|delivery|"
        r"to (?:ship|arrive))|(?:past|after) the (?:delivery|expected|promised) date|arrived "
        r"after|waited (?:weeks|too long)|verspätet|zu spät|lange gedauert|verzögert|遅れ|遅延|"
        r"遅かった",
    ),
    (
        "not_as_described",
        r"not as described|(?:does ?n[o']t|did ?n[o']t) match (?:the )?"
        r"(?:description|listing|photos?|pictures?)|misleading|not what (?:the|was) (?:listing|"
        r"advertised|described)|smaller than (?:the )?(?:photos?|pictures?|described|expected)|"
        r"fake|counterfeit|knock-?off|not genuine|nicht (?:wie beschrieben|der beschreibung)|"
        r"entspricht nicht|説明と(?:違|異な)",
    ),
    (
        "customer_service",
        r"no (?:reply|response|answer)|never (?:answered|replied|responded)|"
        r"(?:does|did|would|will) ?n[o']t (?:respond|reply|answer)|ignored my|rude|unhelpful|"
        r"customer service|refus\w* (?:a |to )?refund|won't refund|antwortet nicht|keine antwort|"
        r"unfreundlich|返信がありません|返信がない|対応が悪い",
    ),
    (
        "product_review",
        r"stopped working|quality|broke after|(?:does|did) ?n[o']t work|"
        r"defective|too (?:loud|small|big|heavy|noisy)|poor product|fell apart|flimsy|cheap|"
        r"(?:lid|handle|button|zipper) (?:does|did) ?n[o']t|qualität|funktioniert nicht|kaputt "
        r"nach|壊れました|品質|使えない",
    ),
)
_COMPILED = tuple((category, re.compile(pattern, re.IGNORECASE)) for category, pattern in RULES)


def tag(comment: str | None, fba: bool = False) -> str:
    """The category of one comment (``fba`` turns delivery complaints into
    ``fba_fulfilment``)."""
    text = (comment or "").strip()
    for category, pattern in _COMPILED:
        if pattern.search(text):
            return "fba_fulfilment" if fba and category in DELIVERY else category
    return "other"


def tag_feedback(feedback: pd.DataFrame, fba_orders: pd.Series | None = None) -> pd.Series:
    """The category of every row of ``account.feedback`` (``fba_orders``: order ids fulfilled
    by Amazon)."""
    fba = np.zeros(len(feedback), dtype=bool)
    if fba_orders is not None and len(feedback):
        fba = feedback["order_id"].isin(set(fba_orders)).to_numpy()
    comments = feedback["comments"].astype("string").fillna("").to_numpy()
    tags = [tag(text, bool(flag)) for text, flag in zip(comments, fba, strict=True)]
    return pd.Series(
        pd.Categorical(tags, categories=CATEGORIES), index=feedback.index, name="category"
    )

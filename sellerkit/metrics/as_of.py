"""The day a figure is computed for: the account's default, a day the user gives (checked),
and a warning when that day is outside the account's orders."""

from __future__ import annotations

import warnings
from datetime import date, timedelta

from sellerkit.account import Account
from sellerkit.errors import DataQualityWarning, InputError


def default_as_of(account: Account) -> date:
    """The latest order day not after today (data contract, decisions 1 and 19)."""
    day = account.last_order_day
    if day is None:
        raise InputError(
            "has no orders, so there is no default as-of day",
            file=account.path,
            fix="pass an as-of day (--as-of YYYY-MM-DD)",
        )
    return day


_AS_OF_RANGE = (date.min + timedelta(days=366), date.max - timedelta(days=366))
"""Days whose windows, lags and age-out horizons (each under a year) stay within ``date``."""


def as_of_day(account: Account, as_of: date | str | None) -> date:
    """The day a figure is computed for: ``as_of`` (a date or ``YYYY-MM-DD`` text) checked,
    or without one the account's default (:func:`default_as_of`). Every function that takes
    an ``as_of`` reads it through here, so each says the same about a bad day.

    Raises
    ------
    InputError
        ``as_of`` is text that is not a date, or a day too near the ends of the calendar
        for a window, lag or age-out horizon to fit.
    """
    if as_of is None:
        return default_as_of(account)
    return parse_as_of(as_of)


def parse_as_of(as_of: date | str) -> date:
    """``as_of`` (a date or ``YYYY-MM-DD`` text) as a day a window, lag and age-out horizon
    fit around; needs no account, so the command line checks it before loading.

    Raises
    ------
    InputError
        Text that is not a date, or a day too near the ends of the calendar.
    """
    if isinstance(as_of, str):
        try:
            as_of = date.fromisoformat(as_of)
        except ValueError:
            raise InputError(
                "as-of is not a date:",
                value=as_of,
                expected="YYYY-MM-DD",
                fix="write the day as 2026-04-30",
            ) from None
    first, last = _AS_OF_RANGE
    if not first <= as_of <= last:
        raise InputError(
            "as-of is out of range:",
            value=as_of.isoformat(),
            expected=f"a day from {first.isoformat()} to {last.isoformat()}",
            fix="write the day as 2026-04-30",
        )
    return as_of


STALE_DAYS = 60
"""An as-of day this long after the last order is probably a typo or a stale download."""


def warn_outside_orders(account: Account, day: date) -> None:
    """A :class:`~sellerkit.errors.DataQualityWarning` when ``day`` is before the first
    order (every window is empty: "all good" would be false comfort) or long after the last
    one (the downloads may be stale), and when ``day`` is after the load's today (the windows
    end on days that have not come)."""
    if day > account.today:
        warnings.warn(
            f"as-of {day} is after today ({account.today}): the windows end on days that "
            "have not come, so they count only what is known today; check the day",
            DataQualityWarning,
            stacklevel=3,
        )
    days = account.orders["order_date"]
    if not len(days):
        return
    first, last = days.min().date(), days.max().date()
    if day < first:
        message = (
            f"as-of {day} is before the first order ({first}): every window is empty, so no "
            "figure says anything; check the day"
        )
    elif (day - last).days > STALE_DAYS:
        message = (
            f"as-of {day} is {(day - last).days} days after the last order ({last}): the "
            "windows hold few or no orders; check the day, or download the recent orders"
        )
    else:
        return
    warnings.warn(message, DataQualityWarning, stacklevel=3)

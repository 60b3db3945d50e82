"""``account.toml``: the optional settings a user writes next to the downloads (decision 14)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sellerkit.errors import ConfigError
from sellerkit.io.encoding import is_known_encoding

CONFIG_NAME = "account.toml"
KNOWN_KEYS = ("name", "marketplace", "seller_id", "encoding")


@dataclass(frozen=True)
class AccountConfig:
    """Settings from ``account.toml``; every key is optional.

    Attributes
    ----------
    name
        The account's display name (default: the folder's name).
    marketplace
        Marketplace code (default: inferred from ``sales-channel``, else US).
    seller_id
        Amazon's merchant token, shown in reports when given.
    encoding
        Text encoding of every file, overriding detection (decision 11).
    unknown_keys
        Keys sellerkit does not know (reported, not fatal: probably a typo).
    """

    name: str | None = None
    marketplace: str | None = None
    seller_id: str | None = None
    encoding: str | None = None
    unknown_keys: tuple[str, ...] = ()


def read_config(folder: Path) -> AccountConfig:
    """Read ``folder/account.toml`` if present; an absent or empty file gives the defaults.

    Raises
    ------
    ConfigError
        The file is not UTF-8, not valid TOML, or a key has the wrong type or value.
    """
    path = folder / CONFIG_NAME
    if not path.is_file():
        return AccountConfig()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"is not UTF-8 text (byte {exc.start})",
            file=path,
            fix="save account.toml as UTF-8",
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"at line (\d+), column (\d+)", message)
        raise ConfigError(
            "is not valid TOML:",
            file=path,
            line=int(where.group(1)) if where else None,
            value=re.sub(r"\s*\(at line.*\)$", "", message),
            expected='lines such as name = "My shop" and marketplace = "UK"',
            fix="quote text values and use one key = value per line (an empty file is fine)",
        ) from None
    values: dict[str, str] = {}
    for key in KNOWN_KEYS:
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"key '{key}' must be non-empty text, got",
                file=path,
                value=repr(value),
                fix=f'write it as {key} = "..."',
            )
        values[key] = value.strip()
    if "encoding" in values and not is_known_encoding(values["encoding"]):
        raise ConfigError(
            "unknown encoding",
            file=path,
            column="encoding",
            value=values["encoding"],
            expected="an encoding such as utf-8, cp1252, latin-1 or cp932",
            fix="correct the encoding name or remove the key to let sellerkit detect it",
        )
    unknown = tuple(sorted(k for k in data if k not in KNOWN_KEYS))
    return AccountConfig(**values, unknown_keys=unknown)

"""``python -m sellerkit``: the same as the ``sellerkit`` command."""

from sellerkit.cli import run

run()

"""``python -m sellerkit``: the same as the ``sellerkit`` command."""

import sys

from sellerkit.cli import main

sys.exit(main())

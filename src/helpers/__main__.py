"""Run ``python -m helpers COMMAND``; see ``python -m helpers --help``."""

import sys

from helpers.cli import main

sys.exit(main())

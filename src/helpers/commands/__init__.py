"""One module per command of ``python -m helpers``; see ``helpers.cli``."""

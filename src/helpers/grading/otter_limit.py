"""A time limit for ``otter run``: the per-submission limit of ``make grade``, for bundles graded by otter itself.

``make grade`` stops a submission after ``--timeout`` seconds (180 by
default) and kills everything it started. ``otter run`` on its own has no
time limit: a notebook with an endless loop keeps it waiting for ever. Each
bundle's ``otter_config.json`` therefore names the plugin below with the same
limit (``make exercises`` writes it), so that ``otter run -a BUNDLE.zip
NOTEBOOK`` stops at the same moment and says why. Otter starts the notebook's
kernel as a child process and shuts it down when grading ends, also when it
ends by this limit.

The limit rests on ``SIGALRM``, so it holds on Linux and macOS, where otter's
autograders run; it is a stop for runaway notebooks, not a security measure
(``make grade``'s sandbox is that).
"""

from __future__ import annotations

import signal

from otter.plugins import AbstractOtterPlugin

from helpers.grading.grade import DEFAULT_TIMEOUT

__all__ = ["TimeLimit"]


class TimeLimit(AbstractOtterPlugin):
    """Stop grading a submission after ``seconds`` (the plugin's configuration; default that of ``make grade``)."""

    def before_grading(self, config) -> None:
        seconds = int((self.plugin_config or {}).get("seconds", DEFAULT_TIMEOUT))

        def stop(signum, frame):
            raise TimeoutError(
                f"grading stopped after {seconds} s, the time limit for one submission (as in `make grade`): "
                "is there a loop that never ends?"
            )

        if hasattr(signal, "SIGALRM"):
            signal.signal(signal.SIGALRM, stop)
            signal.alarm(seconds)

    def after_grading(self, results) -> None:
        if hasattr(signal, "SIGALRM"):
            signal.alarm(0)

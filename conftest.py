"""Settings for the whole test run (unit tests, doctests and notebooks).

* NLTK is pointed at an empty data folder: nothing may depend on
  ``nltk.download``. Kernels started for notebooks inherit this.
* ``CORPUS_DIR`` is cleared so every test states which corpus it uses.
* Plots draw off screen.
"""

import os
import tempfile

_EMPTY_NLTK = tempfile.mkdtemp(prefix="empty-nltk-data-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK
os.environ.pop("CORPUS_DIR", None)
os.environ["MPLBACKEND"] = "Agg"


def pytest_configure(config):
    import nltk

    # Only the empty folder: the default places (~/nltk_data, /usr/share/...) are dropped too.
    nltk.data.path[:] = [_EMPTY_NLTK]


def pytest_report_header(config):
    isolated = "network cut off" if os.environ.get("NETWORK_ISOLATED") else "network as the machine has it"
    return [f"NLTK_DATA={_EMPTY_NLTK} (empty); {isolated}"]

"""Self-checks for the "Your turn" cells of the notebooks.

A self-check compares a student's answer with a value the helpers compute
from the notebook's own data, so it works on any corpus, and the value never
appears in the cell the student edits. Each question is registered by name
in the module of its notebook (``start`` for 00, ``reading`` for 01,
``frequency`` for 02, ``sourcing`` for 03, ``reuse`` for 04, ``together``
for 05) with the misconceptions it diagnoses; :mod:`helpers.selfcheck.core`
holds the machinery. These checks are for practice; graded work is in
``exercises/``.
"""

from __future__ import annotations

import importlib
import pkgutil

from helpers.selfcheck.core import QUESTIONS, Feedback, Key, Misconception, UnknownQuestion, check, question

__all__ = ["QUESTIONS", "Feedback", "Key", "Misconception", "UnknownQuestion", "check", "question"]

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "core":
        importlib.import_module(f"{__name__}.{_module.name}")

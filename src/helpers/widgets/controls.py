"""Controls that every assistive technology can name.

ipywidgets' sliders draw their handle as a ``<div role="slider">`` with no
name: a screen reader announces "slider, 8" and never says what the number
is for, and the handle cannot be given a label from Python. A number box
(``<input type="number">``) is tied to its visible description by
``<label for=...>``, answers the arrow keys like a slider, and lets a
student type the value. The widgets of this package use it for every number.
"""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["number_box"]


def number_box(description: str, value: int, minimum: int, maximum: int, **options) -> widgets.BoundedIntText:
    """A labelled whole-number box kept between ``minimum`` and ``maximum``.

    The arrow keys (or the small arrows beside it) step by one; what the
    widget shows follows each change, as it follows a slider's.

    Parameters
    ----------
    description : str
        The visible label, also the name a screen reader announces.
    value, minimum, maximum : int
    **options
        Passed on to ``ipywidgets.BoundedIntText`` (for example ``tooltip``).

    Returns
    -------
    ipywidgets.BoundedIntText

    Examples
    --------
    >>> box = number_box("Words", 10, 1, 40)
    >>> box.description, box.value, box.min, box.max
    ('Words', 10, 1, 40)
    >>> box.value = 99
    >>> box.value
    40
    """
    if not description.strip():
        raise ValueError("A number box needs a description: it is the name a screen reader announces.")
    options.setdefault("continuous_update", True)
    options.setdefault("layout", widgets.Layout(width="16em"))
    return widgets.BoundedIntText(value=value, min=minimum, max=maximum, description=description, **options)

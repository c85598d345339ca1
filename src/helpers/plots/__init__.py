"""Plots: thin drawing layers over the computing modules.

Every plot function returns a :class:`Chart`: a matplotlib figure together
with a one-sentence text description. In a notebook a chart shows as an
image whose alt text is that description, with the description printed
underneath, so the plot can be read with a screen reader too.

One module per topic (``helpers.plots.frequency``, ...); the shared pieces
(palette, :class:`Chart`) live in ``helpers.plots.base``.
"""

from helpers.plots.base import PALETTE, Chart, new_figure

__all__ = ["PALETTE", "Chart", "new_figure"]

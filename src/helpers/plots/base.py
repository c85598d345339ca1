"""What every plot shares: a colour-blind-safe palette and the Chart wrapper."""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass

from matplotlib.figure import Figure

__all__ = ["PALETTE", "SEQUENTIAL_MAP", "Chart", "new_figure"]

#: The Okabe–Ito palette, distinguishable with the common colour-vision
#: deficiencies (Okabe & Ito, 2008). Black is left out for data.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#999999",  # grey
)

#: A perceptually uniform colour map that stays readable in grey scale.
SEQUENTIAL_MAP = "cividis"


def new_figure(width: float = 7.0, height: float = 4.0, **subplot_args):
    """Make a figure and axes without touching pyplot's global state.

    Returns
    -------
    figure, axes

    Examples
    --------
    >>> figure, ax = new_figure(4, 3)
    >>> [round(v) for v in figure.get_size_inches()]
    [4, 3]
    """
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.subplots(**subplot_args)
    return figure, axes


@dataclass
class Chart:
    """A figure together with the sentence that says what it shows.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    description : str
        One or two sentences a screen reader can read instead of the image.
    data : object
        What was plotted (a dict or list), so a test or a student can check it.
    """

    figure: Figure
    description: str
    data: object = None

    def png(self, dpi: int = 100) -> bytes:
        """The chart as PNG bytes."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def to_html(self, dpi: int = 100) -> str:
        """A self-contained ``<figure>`` with the image, alt text and caption.

        The description is the image's alt text and is also shown below it
        for sighted readers. The visible copy is hidden from screen readers
        (``aria-hidden``), so they read the description once, not twice.

        Examples
        --------
        >>> figure, ax = new_figure(2, 1)
        >>> markup = Chart(figure, "Two bars.").to_html(dpi=20)
        >>> markup.count("Two bars."), 'alt="Two bars."' in markup, '<span aria-hidden="true">Two bars.</span>' in markup
        (2, True, True)
        """
        encoded = base64.b64encode(self.png(dpi)).decode("ascii")
        text = html.escape(self.description, quote=True)
        return (
            f'<figure class="chart"><img src="data:image/png;base64,{encoded}" alt="{text}">'
            f'<figcaption><span aria-hidden="true">{text}</span></figcaption></figure>'
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"Chart({self.description!r})"

    def save(self, path, dpi: int = 150) -> None:
        """Save the image (format from the file ending: .png, .svg, .pdf)."""
        self.figure.savefig(path, dpi=dpi)

from helpers.plots import PALETTE, Chart, new_figure


def test_chart_html_has_alt_text_and_caption():
    figure, ax = new_figure(3, 2)
    ax.bar(["a", "b"], [1, 2], color=PALETTE[:2])
    chart = Chart(figure, 'Bars for "a" & <b>.', data={"a": 1, "b": 2})
    markup = chart._repr_html_()
    assert markup.startswith("<figure")
    assert 'alt="Bars for &quot;a&quot; &amp; &lt;b&gt;."' in markup
    assert "<figcaption>" in markup
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_palette_is_eight_distinct_hex_colours():
    assert len(set(PALETTE)) == 8
    assert all(colour.startswith("#") and len(colour) == 7 for colour in PALETTE)


def test_new_figure_does_not_use_pyplot_state():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    new_figure()
    assert plt.get_fignums() == before

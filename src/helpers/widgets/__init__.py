"""Widgets: ipywidgets front ends over the computing modules.

Each widget is a small class whose callbacks are plain methods, so the test
suite can call them exactly as a click or a keystroke would. One module per
topic (``helpers.widgets.frequency``, ...). Their output is HTML built with
``helpers.html``, which escapes all article text.
"""

"""folium elements that carry untrusted text without ever making it template source.

folium renders an element's template, then wraps the output in `branca.element.Element`,
which compiles it as a *new* Jinja2 template that the page renders again: text from an
article in a popup, a tooltip or a label is evaluated on that second pass (`{{ 7*7 }}`
becomes 49; `{{ cycler.__init__.__globals__.os... }}` runs code on the server). The classes
here render their template once and hand the output to the page as it is (`Verbatim`), so
untrusted values are only ever template *data*, escaped where they are substituted.
Any element that carries text from an article, a file name or a document id must be one of
these; a test renders hostile maps and checks that no such text reaches Jinja2 as source.
"""

from __future__ import annotations

import folium
from branca.element import Element, Figure, MacroElement
from folium.plugins import FastMarkerCluster, PolyLineTextPath

from geo.errors import GeoError


class Verbatim(Element):
    """Finished HTML or JavaScript placed in the page as it is: never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class Inert(MacroElement):
    """A MacroElement whose header, html and script macros are rendered once, then kept
    verbatim (MacroElement.render makes each of them a template again)."""

    def render(self, **kwargs) -> None:  # type: ignore[override]  # branca: MacroElement too
        figure = figure_of(self)
        module = self._template.module.__dict__
        for part, target in (
            ("header", figure.header),
            ("html", figure.html),
            ("script", figure.script),
        ):
            if (macro := module.get(part)) is not None:
                target.add_child(Verbatim(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class Tooltip(folium.Tooltip, Inert):
    """folium.Tooltip, its text never a template (pass it HTML-escaped: Leaflet shows HTML)."""


class Popup(folium.Popup):
    """folium.Popup, its HTML never a template (pass it escaped: it is inserted as HTML into a
    JavaScript template literal)."""

    def render(self, **kwargs) -> None:  # type: ignore[override]  # branca: MacroElement too
        for child in self._children.values():
            child.render(**kwargs)
        figure_of(self).script.add_child(
            Verbatim(self._template.render(this=self, kwargs=kwargs)), name=self.get_name()
        )


class TextPath(PolyLineTextPath, Inert):
    """Text along a line (Leaflet.TextPath puts it in an SVG text node), never a template."""


class MarkerRows(FastMarkerCluster, Inert):
    """Clustered markers made in the browser from rows of data, the rows never a template."""


def figure_of(element: Element) -> Figure:
    """The page an element (or a map) is drawn in."""
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise GeoError(f"{type(element).__name__} is not in a folium Figure")
    return figure

"""The reading view: the article with its places highlighted and clickable (a small component).

The article's text never becomes HTML: Python sends the passages as (text, place) segments and
the component's script puts each one in a text node (`textContent`), so markup in an article is
shown, never run. A click on a highlight reports the place and the mention's span; selecting
words reports their span (to add a mention geo missed).
"""

from __future__ import annotations

import functools
from typing import Any

from geo.model import Result

JS = """
export default function(component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector('.geo-text');
  if (!root) {
    root = document.createElement('div');
    root.className = 'geo-text';
    parentElement.appendChild(root);
  }
  root.replaceChildren();
  for (const passage of (data && data.passages) || []) {
    const p = document.createElement('p');
    p.className = 'geo-text-passage';
    if (passage.label) {
      const label = document.createElement('small');
      label.className = 'geo-text-doc';
      label.textContent = passage.label;
      p.appendChild(label);
      p.appendChild(document.createElement('br'));
    }
    for (const seg of passage.segments) {
      const node = document.createElement(seg.place ? 'mark' : 'span');
      node.textContent = seg.text;
      node.dataset.start = seg.start;
      if (seg.place) {
        node.className = 'geo-mention' + (seg.place === data.selected ? ' geo-mention-selected' : '');
        node.dataset.place = seg.place;
        node.title = seg.name;
        node.setAttribute('role', 'button');
        node.onclick = () => setTriggerValue('clicked',
          {place: seg.place, start: seg.start, end: seg.start + seg.text.length});
      }
      p.appendChild(node);
    }
    root.appendChild(p);
  }
  root.onmouseup = () => {
    const ends = selectionIn(root);
    if (!ends) return;
    const at = (node, offset) => {
      const el = node.nodeType === 3 ? node.parentElement : node;
      return el && el.dataset && el.dataset.start !== undefined ? Number(el.dataset.start) + offset : null;
    };
    let a = at(ends[0], ends[1]), b = at(ends[2], ends[3]);
    if (a === null || b === null || a === b) return;
    setTriggerValue('selected_span', {start: Math.min(a, b), end: Math.max(a, b)});
  };
}

// [node, offset, node, offset] of the reader's selection inside root, or null. The component
// lives in a shadow root, where window.getSelection() only shows the host element: ask for
// the ranges inside it (getComposedRanges; Chromium's older ShadowRoot.getSelection).
function selectionIn(root) {
  const home = root.getRootNode(), sel = window.getSelection();
  if (!sel || !sel.rangeCount) return null;
  // (seen from the document, a selection in a shadow root is collapsed on its host)
  let ends = sel.isCollapsed ? null
    : [sel.anchorNode, sel.anchorOffset, sel.focusNode, sel.focusOffset];
  if (typeof ShadowRoot !== 'undefined' && home instanceof ShadowRoot) {
    if (sel.getComposedRanges) {
      let ranges;
      try { ranges = sel.getComposedRanges({shadowRoots: [home]}); }
      catch (err) { ranges = sel.getComposedRanges(home); }  // the first, positional form
      const r = ranges[0];
      ends = r && !r.collapsed
        ? [r.startContainer, r.startOffset, r.endContainer, r.endOffset] : null;
    } else if (home.getSelection) {
      const own = home.getSelection();
      ends = own && !own.isCollapsed
        ? [own.anchorNode, own.anchorOffset, own.focusNode, own.focusOffset] : null;
    }
  }
  return ends && root.contains(ends[0]) && root.contains(ends[2]) ? ends : null;
}
"""
CSS = """
.geo-text { max-height: 420px; overflow-y: auto; line-height: 1.55; font-size: 15px;
  border: 1px solid #ddd; border-radius: 4px; padding: .2em .8em; }
.geo-text-doc { color: #666; }
.geo-mention { background: #ffe08a; cursor: pointer; padding: 0 .1em; border-radius: 2px; }
.geo-mention:hover { outline: 1px solid #d95f02; }
.geo-mention-selected { background: #ffb347; outline: 2px solid #d95f02; }
"""


@functools.cache
def _component():
    import streamlit as st

    return st.components.v2.component("geo_reading_text", js=JS, css=CSS)


def segments(result: Result, labels: dict[int, str] | None = None) -> list[dict[str, Any]]:
    """Each passage as a list of {text, start, place?, name?} segments in reading order; the
    mentions are the segments with a place. `labels` names a passage's document."""
    spans = sorted((m.start, m.end, p.id, p.name) for p in result.places for m in p.mentions)
    out = []
    for passage in result.passages:
        pieces, at = [], passage.start
        for start, end, pid, name in spans:
            if start < at or end > passage.end:
                continue
            if start > at:
                pieces.append({"text": result.text[at:start], "start": at})
            pieces.append(
                {"text": result.text[start:end], "start": start, "place": pid, "name": name}
            )
            at = end
        if at < passage.end:
            pieces.append({"text": result.text[at : passage.end], "start": at})
        out.append({"label": (labels or {}).get(passage.id, ""), "segments": pieces})
    return out


def reading_text(
    result: Result, *, selected: str | None, key: str, labels: dict[int, str] | None = None
):
    """Draw the article with its places highlighted; return what the reader clicked or
    selected this run (`.clicked`: {place, start, end}; `.selected_span`: {start, end})."""
    # a tuple: Streamlit asks of each list it is given whether it is a data frame (pandas)
    data = {"passages": tuple(segments(result, labels)), "selected": selected}
    return _component()(
        data=data, key=key, on_clicked_change=lambda: None, on_selected_span_change=lambda: None
    )

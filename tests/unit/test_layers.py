"""geo's import graph: no circles, and no module importing one of a higher layer.

The layers are written here once, lowest first. A module may import modules of its own layer or
of a lower one; what it imports inside a function or for type checking counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import geo

LAYERS: list[set[str]] = [
    {"model", "errors", "names", "data"},  # types, helpers and packaged data: nothing of the stages
    {"config", "cachedir"},  # settings and where runtime files live
    {"lang", "ingest", "world", "kept"},  # language packs, input, the world, data kept on disk
    {"nlp"},  # spaCy pipelines
    {"gazetteer"},
    {"geocoding"},
    {"recognize", "demonyms", "sites", "resolve", "journeys"},  # the stages
    {"pipeline", "corrections", "merge"},  # the stages together, and what a reader changes
    {"maps"},
    {"export"},
    {"app", "cli"},  # the two front ends
    {"__init__", "__main__"},  # the public API and `python -m geo`
]
PACKAGE = Path(geo.__file__).parent


def modules() -> dict[str, Path]:
    """Every module of geo by dotted name (a package by its own name, not `...__init__`)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def parsed(path: Path) -> ast.Module:
    """A file's syntax tree. CPython 3.11.7 keeps ast.parse's depth counter in one place for all
    threads (gh-106905): a thread that parses at the same time (an earlier test's server, a
    template compiled in the background) can make a parse fail with SystemError once."""
    source = path.read_text(encoding="utf-8")
    try:
        return ast.parse(source)
    except SystemError:
        return ast.parse(source)


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The geo modules one file imports, wherever in the file the import is."""
    found = set()
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in known:
                    found.add(full)
                elif node.module in known:
                    found.add(node.module)
    return found


def layer(module: str) -> int:
    stage = module.split(".")[1] if "." in module else "__init__"
    for number, names in enumerate(LAYERS):
        if stage in names:
            return number
    raise AssertionError(f"{module} is in no layer: add its stage to LAYERS")


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


@pytest.fixture(scope="module")
def edges() -> dict[str, set[str]]:
    """geo's import graph, read once for the module's tests (each read parses every file)."""
    return graph()


def test_every_module_has_a_layer(edges):
    for module in edges:
        layer(module)


def upward(edges: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} imports {target}"
        for module, targets in sorted(edges.items())
        for target in sorted(targets)
        if layer(target) > layer(module)
    ]


def circles(edges: dict[str, set[str]]) -> list[str]:
    """Every import circle a depth-first walk meets, as "a -> b -> a"."""
    found: list[str] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                found.append(" -> ".join(path[path.index(target) :] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return found


def test_no_module_imports_a_higher_layer(edges):
    assert upward(edges) == []


def test_no_import_circles(edges):
    assert circles(edges) == []


def test_the_checks_see_a_circle_and_an_upward_import(edges):
    assert circles({"geo.a.x": {"geo.b.y"}, "geo.b.y": {"geo.a.x"}}) == [
        "geo.a.x -> geo.b.y -> geo.a.x"
    ]
    assert upward({"geo.model": {"geo.pipeline"}}) == ["geo.model imports geo.pipeline"]
    assert "geo.pipeline" in edges["geo.cli.main"] or any(
        "geo.pipeline" in targets for name, targets in edges.items() if name.startswith("geo.cli")
    )


def test_every_module_says_what_it_is_for():
    silent = []
    for name, path in modules().items():
        doc = ast.get_docstring(parsed(path))
        if not doc or not doc.splitlines()[0].strip():
            silent.append(name)
    assert silent == []

"""The layers import one way (docs/architecture.md, its first picture): the ballot format at
the bottom, the image pipeline on it, the core above both, the window and the command line on
top; no circle of imports among their modules. Read from the source (every import a module
runs, in a function too; not those only the type checker sees, except in the window: a page and
its controller talk through a view protocol, and even a type-only import of each other would
be a circle), so a test fails before a circle or an upward import ships. The lists that keep
callers to the core packages' doors are checked against the folders."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The packages checked, bottom first.
LAYERS = ("ballotformat", "scanning", "desktop.core", "desktop.cli", "desktop.ui")
#: Where what only the type checker reads counts too (a page and its controller).
TYPED_TOO = ("desktop.ui",)
#: Alembic's scripts: run by Alembic, imported by nobody.
SKIPPED = ("desktop.core.store.migrations.versions", "desktop.core.store.migrations.env")


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for layer in LAYERS:
        for path in sorted((ROOT / Path(*layer.split("."))).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            if not name.startswith(SKIPPED):
                found[name] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _run_imports(tree: ast.AST, typed: bool = False) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement a module can run: ``if TYPE_CHECKING:`` blocks left out unless
    ``typed``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node) and not typed:
            for other in node.orelse:
                yield from _run_imports(ast.Module(body=[other], type_ignores=[]), typed)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _run_imports(node, typed)


def _lazy_homes(tree: ast.Module) -> dict[str, str]:
    """A package's names loaded on first use (``lazy.exports(__name__, {module: names})``)."""
    homes: dict[str, str] = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "exports" and len(node.args) == 2
                and isinstance(node.args[1], ast.Dict)):
            for key, value in zip(node.args[1].keys, node.args[1].values, strict=True):
                assert isinstance(key, ast.Constant)
                assert isinstance(value, ast.Tuple)
                for name in value.elts:
                    assert isinstance(name, ast.Constant)
                    homes[name.value] = key.value
    return homes


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in modules.items()}
    homes = {name: _lazy_homes(tree) for name, tree in trees.items()
             if modules[name].name == "__init__.py"}
    graph: dict[str, set[str]] = {}
    for name, tree in trees.items():
        package = name if modules[name].name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _run_imports(tree, name.startswith(TYPED_TOO)):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            base = package.split(".")[:len(package.split(".")) - node.level + 1] \
                if node.level else []
            source = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules:
                    targets.add(submodule)
                else:
                    targets.add(homes.get(source, {}).get(alias.name, source))
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def _circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, or None."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            found = visit(module)
            if found:
                return found
    return None


def test_the_modules_import_no_circle() -> None:
    graph = _graph()
    assert len(graph) > 100  # the walk found the modules
    assert "desktop.ui.pages.review_controller" in graph
    assert _circle(graph) is None


def test_the_format_and_the_pipeline_import_nothing_above_them() -> None:
    graph = _graph()
    for module, targets in graph.items():
        if module.startswith("ballotformat"):
            assert not {t for t in targets if not t.startswith("ballotformat")}, module
        if module.startswith("scanning"):
            assert not {t for t in targets if t.startswith("desktop")}, module
    # also what only the type checker reads: no name of the desktop under either package
    for layer in ("ballotformat", "scanning"):
        for path in (ROOT / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert not node.module.startswith("desktop"), path
                if isinstance(node, ast.Import):
                    assert not any(a.name.startswith("desktop") for a in node.names), path


def test_a_circle_is_found() -> None:
    # the checker itself: a made-up circle of three and a chain without one
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _circle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_window_and_the_command_line_import_no_store_and_no_sqlalchemy() -> None:
    # Services is their door to the data (ruff's banned-API rule says so too); read here from
    # the source, what only the type checker reads included
    outer = ("sqlalchemy", "desktop.core.store")
    found = []
    for folder in ("desktop/ui", "desktop/cli"):
        paths = sorted((ROOT / folder).rglob("*.py"))
        assert paths, folder
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([f"{node.module}.{a.name}" for a in node.names]
                         if isinstance(node, ast.ImportFrom)
                         else [a.name for a in node.names] if isinstance(node, ast.Import)
                         else [])
                found += [f"{path.relative_to(ROOT)}: {name}" for name in names
                          if name.startswith(outer)]
    assert found == []


def test_the_rules_that_keep_callers_out_of_the_packages_match_the_packages() -> None:
    # ruff's banned-API lists (pyproject.toml, a ruff.toml per core package, desktop/ui,
    # benchmarks, tools) are written from the package folders by tools/package_doors.py
    import importlib.util

    spec = importlib.util.spec_from_file_location("package_doors",
                                                  ROOT / "tools" / "package_doors.py")
    assert spec is not None
    assert spec.loader is not None
    doors = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(doors)
    packages = doors.packages()
    assert {"records", "results", "store"} <= set(packages)
    assert "desktop.core.records.recording" in packages["records"]
    for path, text in doors.expected().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of date: run python tools/package_doors.py")

"""Write the ruff rules that keep callers out of the core packages' insides.

Each feature package of ``desktop/core`` (a folder with an ``__init__``) is used through its
``__init__`` only: ruff's banned-API rule (TID251) refuses ``desktop.core.<package>.<module>``
outside the package. ruff has one list of banned names per configuration file, so the list is
in ``pyproject.toml`` (every package's modules) and in a ``ruff.toml`` in each package (the other
packages' modules; its own are its to use) and in ``desktop/ui`` (which may import Qt). The
window (``desktop/ui``) and the command line (``desktop/cli``) reach the data through
``desktop.core.services`` only: their lists ban the store and SQLAlchemy as well. The
benchmarks and the tools, like the tests, measure and drive the insides: they have Qt's rule
only.
``tests/test_layers.py`` fails when these files and the package folders disagree: after adding
a module or a package, run ``python tools/package_doors.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "desktop" / "core"
QT = ('"PySide6".msg = "Qt belongs in desktop/ui only"',)
HEADER = "[tool.ruff.lint.flake8-tidy-imports.banned-api]"
NOTE = "# written by tools/package_doors.py from the package folders: do not edit by hand"
#: What the window and the command line may not import: the data is reached through Services.
OUTER = tuple(f'"{name}".msg = "the window and the command line use desktop.core.services"'
              for name in ("sqlalchemy", "desktop.core.store"))


def packages() -> dict[str, list[str]]:
    """Each core package and its modules (dotted names), the ``__init__`` left out."""
    found: dict[str, list[str]] = {}
    for folder in sorted(p for p in CORE.iterdir() if (p / "__init__.py").exists()):
        found[folder.name] = sorted(
            f"desktop.core.{folder.name}.{path.stem if path.is_file() else path.name}"
            for path in folder.iterdir()
            if (path.suffix == ".py" and path.stem != "__init__")
            or (path.is_dir() and (path / "__init__.py").exists()))
    return found


def banned(inside: str | None, qt: bool, doors: bool = True, outer: bool = False) -> list[str]:
    """The banned-API lines for code in package ``inside`` (None: outside every package);
    ``doors``: the packages' insides are banned; ``outer``: the store and SQLAlchemy too (the
    window and the command line)."""
    lines = [*(QT if qt else ()), *(OUTER if outer else ())]
    for package, modules in packages().items():
        if doors and package != inside:
            lines += [f'"{module}".msg = "use desktop.core.{package} (its __init__)"'
                      for module in modules]
    return lines


def ruff_toml(inside: str | None, qt: bool, depth: int, extra: str = "",
              doors: bool = True, outer: bool = False) -> str:
    return "\n".join([
        NOTE,
        f'extend = "{"../" * depth}pyproject.toml"',
        "",
        "[lint.flake8-tidy-imports.banned-api]",
        *banned(inside, qt, doors, outer),
        *([extra] if extra else []),
        "",
    ])


def expected() -> dict[Path, str]:
    """Every file this tool writes, with its text."""
    files = {CORE / package / "ruff.toml": ruff_toml(package, qt=True, depth=3)
             for package in packages()}
    files[ROOT / "desktop" / "ui" / "ruff.toml"] = ruff_toml(
        None, qt=False, depth=2, outer=True,
        extra='\n[lint.per-file-ignores]\n"**" = ["N802", "N815"]  # Qt\'s method names')
    files[ROOT / "desktop" / "cli" / "ruff.toml"] = ruff_toml(None, qt=True, depth=2, outer=True)
    for folder in ("benchmarks", "tools"):
        files[ROOT / folder / "ruff.toml"] = ruff_toml(None, qt=True, depth=1, doors=False)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    start = pyproject.index(HEADER)
    end = pyproject.index("\n\n", start)
    files[ROOT / "pyproject.toml"] = (
        pyproject[:start] + "\n".join([HEADER, NOTE, *banned(None, qt=True)]) + pyproject[end:])
    return files


def main() -> int:
    for path, text in expected().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print("wrote", path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The package's layering: every module imports only from its own part or the parts below it."""

import ast
from pathlib import Path

import innosearch

PACKAGE = Path(innosearch.__file__).parent
CORE = {
    "config",
    "errors",
    "documents",
    "taxonomy",
    "filters",
    "recent",
    "validation",
    "file_lock",
    "__init__",
}

# What each part may import besides itself and the core. ingest/ and search/ are siblings: the
# write side and the read side meet only in the store below them and the edges above them.
ALLOWED = {
    "core": set(),
    "text": set(),
    "embed": {"text"},
    "index": {"text"},
    "classify": {"text", "embed"},
    "ingest": {"text", "embed", "index", "classify"},
    "search": {"text", "embed", "index"},
    # Saved searches and alerts: matched with the read side after the write side ran.
    "alerts": {"text", "embed", "index", "classify", "ingest", "search"},
    "api": {"text", "embed", "index", "classify", "ingest", "search", "alerts"},
    "cli": {"text", "embed", "index", "classify", "ingest", "search", "alerts", "api"},
}


def _part(module: str) -> str:
    top = module.split(".")[0]
    return "core" if top in CORE else top


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(n.split(".", 1)[1] for n in names if n.startswith("innosearch."))
    return found


def test_every_import_goes_to_the_same_part_or_a_part_below():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
        part = _part(module)
        for target in _imports(path):
            target_part = _part(target)
            if target_part not in (part, "core") and target_part not in ALLOWED[part]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_the_cli_uses_only_the_app_factory_of_the_api():
    used = {t for path in (PACKAGE / "cli").glob("*.py") for t in _imports(path)}
    assert {t for t in used if t.startswith("api")} <= {"api.app"}

"""pytest glue for the tests outside the addons (tests/ at the repository root).

pytest-odoo 1.0.1 treats every collected path as part of an Odoo addon: it looks for a
__manifest__.py up to five levels above and reads it even when there is none (so collecting
the addons/ folder itself, or tests/, fails), and imports files as ``odoo.addons.<dir>.<file>``.
Here, paths that are not inside an addon are collected as plain pytest paths instead (these
conftest hooks are consulted before the plugin's, and the first answer wins).
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
ADDONS = ROOT / "addons"


def _inside_an_addon(path):
    path = Path(str(path)).resolve()
    return ADDONS in path.parents and (ADDONS / path.relative_to(ADDONS).parts[0] / "__manifest__.py").is_file()


def pytest_ignore_collect(collection_path, config):
    manifest = Path(str(collection_path)) / "__manifest__.py"
    if manifest.is_file():
        # An addon's own folder: the plugin only handles paths inside it. Skip non-installable ones.
        return not ast.literal_eval(manifest.read_text(encoding="utf-8")).get("installable", True)
    if _inside_an_addon(collection_path):
        return None  # pytest-odoo decides
    if collection_path.name in (".venv", ".node", ".odoo", ".git", "node_modules"):
        return True
    return False


def pytest_pycollect_makemodule(module_path, path, parent):
    if not _inside_an_addon(module_path):
        return pytest.Module.from_parent(parent, path=module_path)
    return None

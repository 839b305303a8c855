"""pytest glue for the tests outside the addons (tests/ at the repository root).

pytest-odoo 1.0.1 treats every collected file as part of an Odoo addon: it looks for a
__manifest__.py up to five levels above and reads it even when there is none, and imports
the file as ``odoo.addons.<dir>.<file>``. Files outside ``addons/`` are collected here as
plain pytest modules instead (these hooks are consulted before the plugin's).
"""
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parent / "addons"


def _outside_addons(path):
    path = Path(str(path)).resolve()
    return ADDONS != path and ADDONS not in path.parents


def pytest_ignore_collect(collection_path, config):
    if _outside_addons(collection_path) and collection_path.name in (".venv", ".node", ".odoo"):
        return True
    if _outside_addons(collection_path):
        return False
    return None


def pytest_pycollect_makemodule(module_path, path, parent):
    if _outside_addons(module_path):
        return pytest.Module.from_parent(parent, path=module_path)
    return None

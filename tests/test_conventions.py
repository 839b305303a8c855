"""Layout rules that span both addons (conventions.md): services are pure Python, manifests are
complete, every model has access rights."""
import ast
import csv
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("loan_collection", "loan_legal")


def manifest(addon):
    with open(os.path.join(ROOT, "addons", addon, "__manifest__.py"), encoding="utf-8") as f:
        return ast.literal_eval(f.read())


@pytest.mark.parametrize("addon", ADDONS)
def test_services_never_import_odoo(addon):
    folder = os.path.join(ROOT, "addons", addon, "services")
    for name in os.listdir(folder):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            for node in ast.walk(tree):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                assert not any(m == "odoo" or m.startswith("odoo.") for m in modules), (name, modules)


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    data = manifest(addon)
    assert re.match(r"^11\.0\.\d+\.\d+\.\d+$", data["version"])
    assert data["license"] in ("LGPL-3", "AGPL-3")
    for path in data.get("data", []) + data.get("demo", []):
        assert os.path.exists(os.path.join(ROOT, "addons", addon, path)), path
    # Security first, menus last (conventions.md).
    assert data["data"][0].startswith("security/")
    if addon == "loan_collection":
        assert {"account_invoicing", "mail"} <= set(data["depends"])
    else:
        assert "loan_collection" in data["depends"]


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_access_rights(addon):
    folder = os.path.join(ROOT, "addons", addon)
    declared = set()
    for directory in ("models", "wizards"):
        path = os.path.join(folder, directory)
        if not os.path.isdir(path):
            continue
        for name in os.listdir(path):
            if not name.endswith(".py"):
                continue
            with open(os.path.join(path, name), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
                bases = {getattr(b, "attr", getattr(b, "id", "")) for b in cls.bases}
                names = {t.targets[0].id: t.value for t in cls.body
                         if isinstance(t, ast.Assign) and isinstance(t.targets[0], ast.Name)}
                if "_name" in names and "TransientModel" not in bases and "AbstractModel" not in bases:
                    declared.add(names["_name"].s)
    with open(os.path.join(folder, "security", "ir.model.access.csv"), encoding="utf-8") as f:
        covered = {row["model_id:id"].split(".")[-1][len("model_"):] for row in csv.DictReader(f)}
    missing = {model for model in declared if model.replace(".", "_") not in covered}
    assert not missing, "models without access rights in %s: %s" % (addon, sorted(missing))

"""Every role opens every menu of the two addons it can see, in Chinese, without an error."""
import pytest

from odoo_browser import ROLES


def _leaves(menu):
    children = menu.get("children") or []
    if not children and menu.get("action"):
        yield menu
    for child in children:
        for leaf in _leaves(child):
            yield leaf


@pytest.mark.parametrize("login", sorted(ROLES))
def test_every_menu_opens(client, odoo_server, login):
    user = client(login)
    root_id = odoo_server.ref("loan_collection.menu_root")
    tree = user.rpc("ir.ui.menu", "load_menus", False)
    roots = [menu for menu in tree["children"] if menu["id"] == root_id]
    assert roots, "%s (%s) does not see the menu 催收与诉讼" % (login, ROLES[login])
    assert roots[0]["name"] == "催收与诉讼"  # the menus are in Chinese for a Chinese user
    leaves = list(_leaves(roots[0]))
    assert leaves
    opened = []
    for menu in leaves:
        kind, action_id = menu["action"].split(",")
        # A window or client action shows a new view; a report downloads, a server action may do either.
        user.open_menu(menu["id"], wait_new=kind in ("ir.actions.act_window",
                                                                            "ir.actions.client"))
        assert not user.page.locator(".o_dialog_warning").count(), (
            "%s: menu %s refused: %s" % (login, menu["name"], user.page.locator(".modal").last.inner_text()))
        opened.append(menu["name"])
    # The top bar shows the app's sections in Chinese.
    assert "催收" in user.page.locator(".o_main_navbar, #oe_main_menu_navbar, nav").first.inner_text()

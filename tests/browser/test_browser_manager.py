"""The collection manager in the browser: a conduct refusal overridden with a reason, a case
transferred to legal, the dashboard."""
import pytest

from odoo_browser import save_dialog, set_field


def _open_cases(user):
    # (not the cases placed with an agency: a manager recalls those first)
    return user.rpc("collection.case", "search_read", [("stage", "not in", ["settled", "legal", "written_off"]),
                                                       ("agency_id", "=", False)],
                    ["name", "contract_id", "partner_id"], order="name")


def test_override_a_conduct_refusal_with_a_written_reason(client, odoo_server):
    user = client("zhangwei")
    # The first open case by reference whose debtor has a number, called 3 times today already.
    for case in _open_cases(user):
        point = user.rpc("collection.case", "action_log_contact", [case["id"]])["context"]["default_contact_point_id"]
        if point:
            break
    connected = user.rpc("collection.contact.log", "search_count", [
        ("case_id", "=", case["id"]), ("is_today", "=", True), ("connected", "=", True), ("party", "=", "debtor")])
    for _ in range(3 - connected):
        user.rpc("collection.contact.log", "create", {
            "case_id": case["id"], "channel": "phone", "party": "debtor", "contact_point_id": point,
            "outcome": "rpc", "note": "已接通"})

    user.open_record("collection.case", case["id"])
    user.click_button("登记催记", ".o_form_statusbar")
    dialog = user.dialog()
    set_field(dialog, "note", "债务人主动来电要求再次沟通还款方案")
    save_dialog(user, expect_refusal=True)
    message = user.take_warning()
    assert "同一人每日最多接通 3 次" in message and "主管特批理由" in message, message
    # The same form, with the manager's reason: accepted, the reason and the rule kept on the log.
    set_field(user.dialog(), "override_reason", "债务人主动来电，同意当日再次通话")
    save_dialog(user)
    user.close_dialogs()
    logs = user.rpc("collection.contact.log", "search_read", [("case_id", "=", case["id"]),
                                                            ("override_reason", "!=", False)],
                    ["override_reason", "overridden_rules", "override_user_id"])
    assert [l["override_reason"] for l in logs] == ["债务人主动来电，同意当日再次通话"]
    assert logs[0]["override_user_id"][0] == user.uid and logs[0]["overridden_rules"]


def _transferable(user):
    """An open case whose contract has no legal case yet (the last by reference)."""
    for case in reversed(_open_cases(user)):
        if not user.rpc("legal.case", "search_count", [("contract_id", "=", case["contract_id"][0])]):
            return case
    pytest.fail("no open case left to transfer in the demo data")


def test_transfer_to_legal_opens_the_legal_case(client, odoo_server):
    user = client("zhangwei")
    case = _transferable(user)
    user.open_record("collection.case", case["id"])
    user.page.once("dialog", lambda d: d.accept())  # a browser confirm(), if the button asks
    user.click_button("移交法务", ".o_form_statusbar")
    if user.page.locator(".modal.in .modal-footer button.btn-primary").count():  # Odoo's confirmation
        user.click(".modal.in .modal-footer button.btn-primary")
    legal = user.rpc("legal.case", "search_read", [("contract_id", "=", case["contract_id"][0])],
                     ["stage", "partner_id"])
    assert len(legal) == 1 and legal[0]["stage"] == "preparation", legal
    assert user.rpc("collection.case", "read", [case["id"]], ["stage"])[0]["stage"] == "legal"
    # The collection case shows its stage 已移交法务.
    user.open_record("collection.case", case["id"])
    assert user.page.locator(".o_statusbar_status .btn-primary").inner_text().strip() == "已移交法务"


def test_transfer_to_legal_assigns_and_notifies_the_lawyer(client, odoo_server):
    user = client("zhangwei")
    case = _transferable(user)
    user.rpc("collection.case", "action_transfer_to_legal", [case["id"]])
    legal = user.rpc("legal.case", "search_read", [("contract_id", "=", case["contract_id"][0])], ["lawyer_id"])
    assert len(legal) == 1 and legal[0]["lawyer_id"], legal
    activities = user.rpc("mail.activity", "search_count", [("res_model", "=", "legal.case"),
                                                            ("res_id", "=", legal[0]["id"]),
                                                            ("user_id", "=", legal[0]["lawyer_id"][0])])
    assert activities


def test_dashboard_shows_todays_figures(client, odoo_server):
    user = client("zhangwei")
    user.open_menu(odoo_server.ref("loan_collection.collection_dashboard_menu"), wait_new=False)
    page = user.page
    assert "催收看板" in page.locator(".o_form_view").inner_text()
    open_cases = user.rpc("collection.case", "search_count", [("stage", "not in", ["settled", "legal", "written_off"])])
    assert page.locator(".o_form_view [name=open_case_count] .o_stat_value").inner_text().strip() == str(open_cases)


def test_dashboard_figures_open_the_records_behind_them(client, odoo_server):
    user = client("zhangwei")
    user.open_menu(odoo_server.ref("loan_collection.collection_dashboard_menu"), wait_new=False)
    figure = user.page.locator(".o_form_view [name=open_case_count] .o_stat_value")
    expected = int(figure.inner_text().strip())
    assert figure.evaluate("e => !!e.closest('a, button, .o_stat_info')"), "the figure 未结案件 is not clickable"
    figure.click()
    user.wait_idle()
    rows = user.page.locator(".o_list_view tbody tr.o_data_row, .o_kanban_record:not(.o_kanban_ghost)")
    assert rows.count() == expected


def test_collector_performance_adds_up_to_what_was_recovered(client, odoo_server):
    user = client("zhangwei")
    user.open_menu(odoo_server.ref("loan_collection.collection_performance_report_menu"))
    by_collector = user.rpc("collection.performance.report", "search_read", [], ["amount_recovered"])
    recovered = user.rpc("collection.recovery", "search_read", [("state", "=", "posted")], ["amount"])
    counted = round(sum(r["amount_recovered"] for r in by_collector), 2)
    total = round(sum(r["amount"] for r in recovered), 2)
    assert counted == total, "collectors credited with %s for %s recovered" % (counted, total)


def test_list_dates_show_minutes_not_seconds(client, odoo_server):
    user = client("zhangwei")
    user.open_menu(odoo_server.ref("loan_collection.collection_contact_log_menu"))
    cells = user.page.locator(".o_list_view tbody tr.o_data_row").first.locator("td").all_inner_texts()
    dated = [c for c in cells if "年" in c and "月" in c]
    assert dated and not any("秒" in c for c in dated), cells


def test_reassign_cases_from_the_list_with_a_reason(client, odoo_server):
    """The manager selects a case of M1 电催组 in the case list, 动作 › 重新分案, gives it to 陈静 in
    M2 电催组: refused in the dialog without a reason; with one, the case is 陈静's in M2 and its
    流转记录 tab shows 手工调案 with the reason."""
    user = client("zhangwei")
    m1, m2 = (odoo_server.ref("loan_collection.collection_team_%s_demo" % team) for team in ("m1", "m2"))
    chenjing = user.rpc("res.users", "search", [("login", "=", "chenjing")])[0]
    cases = user.rpc("collection.case", "search_read", [("team_id", "=", m1), ("is_open", "=", True)],
                     ["name", "office_user_id"], order="name")
    assert cases, "the demo allocates its open cases of 1-30 days to M1 电催组"
    case = cases[0]
    user.open_action(odoo_server.ref("loan_collection.collection_case_action"))
    user.click(".o_cp_switch_list")
    row = user.page.locator(".o_list_view tbody tr.o_data_row").filter(has_text=case["name"])
    assert "M1 电催组" in row.inner_text(), row.inner_text()
    row.locator(".o_list_record_selector input").check()
    user.page.locator(".o_cp_sidebar button:has-text('动作')").click()
    user.page.locator(".o_cp_sidebar .dropdown-menu a:has-text('重新分案')").first.click()
    user.wait_idle()
    dialog = user.dialog()
    set_field(dialog, "team_id", "M2 电催组")
    set_field(dialog, "user_id", "陈静")
    # Without a reason the dialog does not send it: the field is marked, nothing moves.
    dialog.locator(".modal-footer button:has-text('重新分案')").click()
    user.wait_idle()
    assert dialog.locator(".o_field_invalid[name=reason]").count() == 1
    assert user.rpc("collection.case", "read", [case["id"]], ["team_id"])[0]["team_id"][0] == m1
    set_field(dialog, "reason", "债务人与陈静熟悉，由M2组跟进")
    dialog.locator(".modal-footer button:has-text('重新分案')").click()
    user.wait_idle()
    after = user.rpc("collection.case", "read", [case["id"]], ["team_id", "office_user_id"])[0]
    assert (after["team_id"][0], after["office_user_id"][0]) == (m2, chenjing), after
    # The case's 流转记录 tab: the move by hand, with the reason and who made it.
    user.open_record("collection.case", case["id"])
    user.click(".o_notebook a:has-text('流转记录')")
    moves = user.page.locator(".o_notebook .tab-pane.active .o_data_row")
    manual = moves.filter(has_text="债务人与陈静熟悉")
    assert manual.count() == 1, moves.all_inner_texts()
    text = manual.inner_text()
    assert "手工调案" in text and "M2 电催组" in text and "陈静" in text and "张伟" in text, text

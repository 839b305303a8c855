"""A restructuring in the browser: the office collector follows the demo's 停息挂账 plan of 何丽华 from
催收 › 分期还款 (its six instalments, the interest frozen); on the case, 申请分期 opens the request form,
and a second request while the plan runs is refused in Chinese; the manager cannot cancel the plan."""
from odoo_browser import china_today, set_field


def test_collector_follows_the_plan_and_cannot_request_a_second(client, odoo_server):
    # The collector the case has today (the allocation rules may have moved it).
    rows = odoo_server.sql("""
        SELECT s.id, u.login FROM collection_settlement s
          JOIN collection_case c ON c.id = s.case_id JOIN res_users u ON u.id = c.office_user_id
         WHERE s.kind = 'restructuring' AND s.state = 'approved'""")
    assert rows, "the demo has an approved restructuring"
    chen = client(rows[0][1])
    plan = chen.rpc("collection.settlement", "read", [rows[0][0]], ["name", "case_id", "partner_id", "plan_count"])[0]
    chen.open_menu(odoo_server.ref("loan_collection.collection_restructuring_menu"))
    row = chen.page.locator(".o_list_view tbody tr.o_data_row").filter(has_text=plan["name"])
    assert row.count() == 1 and "已批准，待还款" in row.inner_text() and "何丽华" in row.inner_text(), \
        row.all_inner_texts()
    row.click()
    chen.wait_idle()
    form = chen.page.locator(".o_form_view")
    assert form.locator("[name='freeze_interest'] input").is_checked()
    chen.click(".o_notebook .nav-tabs a:has-text('分期计划')")
    rows = form.locator(".o_notebook .tab-pane.active .o_list_view tbody tr.o_data_row")
    assert rows.count() == plan["plan_count"] == 6, rows.all_inner_texts()
    # The collector neither approves nor cancels an approved plan.
    for label in ("批准", "取消"):
        assert chen.page.locator(".o_statusbar_buttons button:visible:text-is('%s')" % label).count() == 0

    # From the case: 申请分期 opens the request; a second one while the plan runs is refused.
    chen.open_record("collection.case", plan["case_id"][0])
    chen.click_button("申请分期", ".o_form_statusbar")
    form = chen.page.locator(".o_form_view")
    assert form.locator("[name='kind'] input[type='radio']:checked").count() == 1
    set_field(form, "plan_count", "3")
    set_field(form, "plan_first_due", (china_today().replace(day=1)).strftime("%Y-%m-%d"))
    set_field(form, "hardship_reason", "family")
    set_field(form, "reason", "再次申请分期。")
    chen.click(".o_form_button_save")
    warning = chen.take_warning()
    assert "已有进行中的减免和解" in warning, warning
    chen.click(".o_form_button_cancel")
    confirm = chen.page.locator(".modal.in .modal-footer button.btn-primary, .modal.show .modal-footer button.btn-primary")
    if confirm.count():  # "your changes will be discarded"
        confirm.first.click()
        chen.wait_idle()
    assert chen.rpc("collection.settlement", "search_count", [("case_id", "=", plan["case_id"][0])]) == 1

    # The manager does not cancel an approved plan (no button; the server refuses too).
    zhang = client("zhangwei")
    zhang.open_record("collection.settlement", plan["id"])
    assert zhang.page.locator(".o_statusbar_buttons button:visible:text-is('取消')").count() == 0
    try:
        zhang.rpc("collection.settlement", "action_cancel", [plan["id"]])
    except Exception as error:  # RpcError
        assert "不能取消" in str(error), error
    else:
        raise AssertionError("an approved plan was cancelled")

"""A settlement in the browser: the office collector requests one from her case (申请减免), submits it;
she cannot approve it; the approver of its tier (张伟, or 孙丽 above his authority) approves it from
催收 › 减免和解."""
import datetime

from odoo_browser import set_field


def _china_today():
    # The server's business day (its clock is set to 10:00 in China on the Chinese date).
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).date()


def test_collector_requests_a_settlement_and_the_manager_approves_it(client, odoo_server):
    wang = client("wangfang")
    busy = {s["case_id"][0] for s in wang.rpc("collection.settlement", "search_read",
                                              [("state", "in", ["draft", "submitted", "approved"])], ["case_id"])}
    cases = [c for c in wang.rpc("collection.case", "search_read",
                                 [("is_open", "=", True), ("office_user_id", "=", wang.uid)],
                                 ["name", "penalty_interest"], order="name")
             if c["id"] not in busy and c["penalty_interest"] > 0]
    assert cases, "王芳 has an open demo case with penalty interest and no settlement in progress"
    case = cases[0]
    wang.open_record("collection.case", case["id"])
    wang.click_button("申请减免", ".o_form_statusbar")
    form = wang.page.locator(".o_form_view")
    pay_by = (_china_today() + datetime.timedelta(days=10)).strftime("%Y-%m-%d")
    set_field(form, "waive_penalty", "%.2f" % case["penalty_interest"])
    set_field(form, "date_due", pay_by)
    set_field(form, "hardship_reason", "family")
    set_field(form, "reason", "借款人家人住院，申请减免罚息，其余欠款十日内还清。附：住院证明。")
    wang.click(".o_form_button_save")
    settlement = wang.rpc("collection.settlement", "search_read", [("case_id", "=", case["id"])],
                          ["state", "owed_total", "waived_total", "amount_to_pay"], order="id desc", limit=1)[0]
    assert settlement["state"] == "draft"
    assert round(settlement["waived_total"], 2) == round(case["penalty_interest"], 2), settlement
    # The form shows what the lender gets: what is owed less the waiver.
    assert round(settlement["owed_total"] - settlement["waived_total"], 2) == round(settlement["amount_to_pay"], 2)
    wang.click_button("提交审批", ".o_form_statusbar")
    assert wang.page.locator(".o_statusbar_status .btn-primary").inner_text().strip() == "待审批"
    # The collector has no approve button; the server refuses her too.
    assert wang.page.locator(".o_statusbar_buttons button:visible:text-is('批准')").count() == 0

    # The approver of the tier it needs: the manager, or the head of risk above his authority.
    tier = wang.rpc("collection.settlement", "read", [settlement["id"]], ["tier_id"])[0]["tier_id"][0]
    zhang = client("zhangwei" if tier == odoo_server.ref("loan_collection.settlement_tier_manager") else "sunli")
    zhang.open_menu(odoo_server.ref("loan_collection.collection_settlement_menu"))
    row = zhang.page.locator(".o_list_view tbody tr.o_data_row").filter(has_text=case["name"])
    assert row.count() == 1 and "待审批" in row.inner_text(), row.all_inner_texts()
    row.click()
    zhang.wait_idle()
    zhang.click_button("批准", ".o_form_statusbar")
    zhang.click(".modal.in .modal-footer button.btn-primary, .modal.show .modal-footer button.btn-primary")
    after = zhang.rpc("collection.settlement", "read", [settlement["id"]], ["state", "approved_by_id"])[0]
    assert (after["state"], after["approved_by_id"][0]) == ("approved", zhang.uid), after
    assert zhang.page.locator(".o_statusbar_status .btn-primary").inner_text().strip() == "已批准，待还款"

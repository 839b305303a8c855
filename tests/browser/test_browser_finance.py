"""Finance in the browser: a recovery registered from the case, its split shown and applied to the
installments exactly; the reports exported to XLSX."""
import os
import re
import time

import pytest
import xlrd

from odoo_browser import ROOT, china_today, save_dialog, set_field


def _case_of(user, server, contract_xmlid):
    return user.rpc("collection.case", "search", [("contract_id", "=", server.ref(contract_xmlid))])[0]


def _residuals(user, invoice_ids):
    return {i["id"]: i["residual"] for i in user.rpc("account.invoice", "read", invoice_ids, ["residual"])}


def _amount(text):
    """'¥ 1,234.56' -> 1234.56"""
    return float(re.sub(r"[^\d.\-]", "", text) or 0)


def test_recovery_from_the_case_split_equals_the_installments(client, odoo_server):
    user = client("liuyang")
    case_id = _case_of(user, odoo_server, "loan_collection.loan_contract_c4_demo")
    contract_id = user.rpc("collection.case", "read", [case_id], ["contract_id"])[0]["contract_id"][0]
    installments = user.rpc("loan.contract", "read", [contract_id], ["invoice_ids"])[0]["invoice_ids"]
    before = _residuals(user, installments)
    due = user.rpc("collection.case", "read", [case_id], ["overdue_interest", "penalty_interest", "fees_amount"])[0]
    # Enough for the costs, interest and penalty interest, and 1,000 of principal (民法典 第561条 order).
    amount = round(due["overdue_interest"] + due["penalty_interest"] + due["fees_amount"] + 1000, 2)

    user.open_record("collection.case", case_id)
    user.click_button("登记回款", ".o_form_statusbar")
    dialog = user.dialog()
    set_field(dialog, "amount", "%.2f" % amount)
    user.wait_idle()
    shown = {name: _amount(dialog.locator("[name=%s]" % name).first.inner_text() or
                           dialog.locator("[name=%s]" % name).first.input_value())
             for name in ("amount_costs", "amount_interest", "amount_penalty", "amount_principal", "amount_excess")}
    assert round(sum(shown.values()), 2) == amount, shown
    assert shown["amount_interest"] > 0 and shown["amount_principal"] == 1000.0, shown
    save_dialog(user)  # 确认并过账 asks to confirm
    user.dialog().locator(".modal-footer button.btn-primary").click()
    user.wait_idle()

    recovery = user.rpc("collection.recovery", "search_read", [("case_id", "=", case_id)],
                        ["amount", "amount_costs", "amount_interest", "amount_penalty", "amount_principal", "state"],
                        order="id desc", limit=1)[0]
    assert recovery["state"] == "posted" and recovery["amount"] == amount
    for name, value in shown.items():
        if name != "amount_excess":
            assert recovery[name] == value, (name, recovery[name], value)
    after = _residuals(user, installments)
    paid_on_installments = round(sum(before[i] - after[i] for i in installments), 2)
    assert paid_on_installments == round(shown["amount_interest"] + shown["amount_principal"], 2)


def test_aging_report_selected_rows_exported_to_xlsx(client, odoo_server):
    """Today's path: the list, every row of the page selected, 打印 › 账龄（XLSX）."""
    user = client("liuyang")
    user.open_menu(odoo_server.ref("loan_collection.collection_aging_report_menu"))
    user.click(".o_cp_switch_list")
    rows = user.page.locator(".o_list_view tbody tr.o_data_row")
    shown = rows.count()
    assert shown
    user.page.locator(".o_list_view thead .o_list_record_selector input").check()
    user.page.locator(".o_cp_sidebar button:has-text('打印')").click()
    with user.page.expect_download() as download_info:
        user.page.locator(".o_cp_sidebar .dropdown-menu a:has-text('XLSX')").first.click()
    user.wait_idle()
    assert download_info.value.suggested_filename.endswith(".xlsx"), download_info.value.suggested_filename
    with open(download_info.value.path(), "rb") as f:
        sheet = xlrd.open_workbook(file_contents=f.read()).sheet_by_index(0)
    header = [i for i in range(sheet.nrows) if "借款合同" in sheet.row_values(i)][0]
    contract = sheet.row_values(header).index("借款合同")
    exported = [i for i in range(header + 1, sheet.nrows) if sheet.cell_value(i, contract)]
    assert len(exported) == shown, "%s rows exported of the %s selected" % (len(exported), shown)


def test_aging_report_exports_every_row_to_xlsx(client, odoo_server):
    user = client("liuyang")
    user.open_menu(odoo_server.ref("loan_collection.collection_aging_report_menu"))
    rows = user.rpc("collection.aging.report", "search_count", [])
    button = user.page.locator(".o_control_panel button:has-text('XLSX')")
    assert button.count(), "no Export XLSX button on the aging report"
    with user.page.expect_download() as download_info:
        button.first.click()
    with open(download_info.value.path(), "rb") as f:
        sheet = xlrd.open_workbook(file_contents=f.read()).sheet_by_index(0)
    assert sheet.nrows - 1 >= rows, "%s rows exported of %s" % (sheet.nrows - 1, rows)
    assert "账龄" in sheet.name, "sheet title %r" % sheet.name


def test_worklist_amount_follows_a_recovery_the_same_day(client, odoo_server):
    finance = client("liuyang")
    # 杭州恒达 (王芳's): her other call of the day, which the collector tests leave on the worklist.
    case_id = _case_of(finance, odoo_server, "loan_collection.loan_contract_c3_demo")
    values = finance.rpc("collection.recovery.register", "default_get", ["case_id", "source", "payer_id", "date",
                         "journal_id", "allocation_order"], context={"default_case_id": case_id, "lang": "zh_CN"})
    values["amount"] = 1000
    wizard = finance.rpc("collection.recovery.register", "create", values)
    finance.rpc("collection.recovery.register", "action_confirm", [wizard])
    case = finance.rpc("collection.case", "read", [case_id], ["name", "total_due"])[0]
    # What 王芳 sees on her worklist: the amount column of the case's task.
    collector = client("wangfang")
    collector.open_menu(odoo_server.ref("loan_collection.collection_task_worklist_menu"))
    page = collector.page
    headers = page.locator(".o_list_view thead th").all_inner_texts()
    column = [i for i, h in enumerate(headers) if "应还" in h][0]
    row = page.locator(".o_list_view tbody tr.o_data_row").filter(has_text=case["name"]).first
    shown = _amount(row.locator("td").nth(column).inner_text())
    assert shown == case["total_due"], "the worklist says %s, the case %s" % (shown, case["total_due"])


def test_portfolio_import_from_the_web_client_with_its_progress_bar(client, odoo_server):
    """Finance creates an import, uploads the sample book (60 rows, five contracts, one with a bad
    row), starts it and follows it on the form: the job runner of the server writes it in the
    background, the progress bar reaches 100 %, the bad contract is listed with its reason in
    Chinese and nothing of it is written."""
    user = client("liuyang")
    sample = os.path.join(ROOT, "data", "portfolio_sample.csv")
    with open(sample, encoding="utf-8-sig") as f:
        contracts = sorted({line.split(",")[0] for line in f.read().splitlines()[1:]})
    assert len(contracts) == 5
    assert not user.rpc("loan.contract", "search", [("name", "in", contracts)])
    user.open_menu(odoo_server.ref("loan_collection.loan_portfolio_import_menu"))
    user.click(".o_list_button_add")
    user.page.set_input_files(".o_form_view .o_field_widget[name=file] input.o_input_file", sample)
    user.wait_idle()
    user.click(".o_form_button_save")
    user.click_button("开始导入", ".o_form_statusbar")
    import_id = user.rpc("loan.portfolio.import", "search", [("user_id", "=", user.uid)], order="id desc", limit=1)[0]
    bar = user.page.locator(".o_form_view .o_field_widget[name=progress]")
    assert bar.count(), "no progress bar on the import form"
    # The user reloads the form to follow the import, as its text says.
    deadline = time.time() + 180
    while True:
        user.page.reload()
        user.page.wait_for_selector(".o_form_view")
        user.wait_idle()
        state = user.page.locator(".o_form_statusbar .o_statusbar_status button.btn-primary").inner_text().strip()
        if state in ("已完成", "失败") or time.time() > deadline:
            break
        time.sleep(2)
    assert state == "已完成", "the import is still '%s' after 3 minutes (is the job runner running?)" % state
    assert "100" in bar.inner_text(), "the progress bar shows %r" % bar.inner_text()
    values = user.rpc("loan.portfolio.import", "read", [import_id],
                      ["imported_contracts", "imported_installments", "rejected_contracts", "rejected_rows"])[0]
    assert (values["imported_contracts"], values["rejected_contracts"]) == (4, 1), values
    rejected_page = user.page.locator(".o_notebook a:has-text('被拒行')")
    rejected_page.click()
    rows = user.page.locator(".o_notebook .tab-pane.active tbody tr.o_data_row")
    assert rows.count() == values["rejected_rows"] == 12, (rows.count(), values)
    reasons = rows.all_inner_texts()
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in reasons), reasons
    imported = user.rpc("loan.contract", "search_read", [("name", "in", contracts)], ["name", "invoice_ids"])
    assert len(imported) == 4 and all(c["invoice_ids"] for c in imported), imported
    rejected = set(contracts) - {c["name"] for c in imported}
    assert len(rejected) == 1 and any(rejected.pop() in text for text in reasons), reasons


def test_bank_statement_imported_matched_and_confirmed_from_the_list(client, odoo_server, tmp_path):
    """Finance imports the day's statement in 财务 › 导入银行对账单 (an ICBC export naming 王建国's
    contract), sees it in 待匹配银行流水 as 建议 with its case and reason, selects it and confirms it from
    动作 › 确认建议匹配: a recovery of his case for the line's amount, and the line 已确认."""
    user = client("liuyang")
    contract = user.rpc("loan.contract", "read", [odoo_server.ref("loan_collection.loan_contract_c1_demo")],
                        ["name"])[0]["name"]
    day = china_today().strftime("%Y%m%d")
    statement = tmp_path / "工商银行账户明细.csv"
    statement.write_bytes((
        "交易日期,交易流水号,对方户名,对方账号,借方发生额,贷方发生额,余额,摘要,附言\r\n"
        "%s,BROWSER0001,王建国,6222021202009990001,,1234.56,,转账,还款 %s\r\n"
        "%s,BROWSER0002,某某商贸有限公司,6222021202009990002,,800.00,,转账,货款\r\n" % (day, contract, day)
    ).encode("gb18030"))
    user.open_menu(odoo_server.ref("loan_collection.loan_bank_statement_import_menu"))
    dialog = user.dialog()
    user.page.set_input_files(".modal .o_field_widget[name=data_file] input.o_input_file", str(statement))
    user.wait_idle()
    dialog.locator(".modal-footer button:has-text('导入')").click()
    user.wait_idle()
    # The imported lines, in the list of lines to match.
    rows = user.page.locator(".o_list_view tbody tr.o_data_row")
    user.page.wait_for_selector(".o_list_view tbody tr.o_data_row")
    assert rows.count() == 2, rows.all_inner_texts()
    mine = rows.filter(has_text="BROWSER0001")
    assert "建议" in mine.inner_text() and "附言中有合同编号" in mine.inner_text(), mine.inner_text()
    assert "未匹配" in rows.filter(has_text="BROWSER0002").inner_text()
    mine.locator(".o_list_record_selector input").check()
    user.page.locator(".o_cp_sidebar button:has-text('动作')").click()
    user.page.locator(".o_cp_sidebar .dropdown-menu a:has-text('确认建议匹配')").first.click()
    user.wait_idle()
    line = user.rpc("account.bank.statement.line", "search_read", [("ref", "=", "BROWSER0001")],
                    ["loan_match_state", "loan_recovery_id"])[0]
    assert line["loan_match_state"] == "confirmed", line
    recovery = user.rpc("collection.recovery", "read", [line["loan_recovery_id"][0]],
                        ["amount", "state", "contract_id", "bank_line_id"])[0]
    assert recovery["amount"] == 1234.56 and recovery["state"] == "posted", recovery
    assert recovery["contract_id"][1] == contract, recovery

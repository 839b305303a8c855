"""The legal team in the browser: filing refused with the missing data named, supplied, then the
complaint generated and downloaded."""
import zipfile

import pytest

from odoo_browser import china_today, set_field


def test_a_refusal_reads_as_a_message_not_a_crash(client, odoo_server):
    user = client("zhaomin")
    user.open_record("legal.case", odoo_server.ref("loan_legal.legal_case_chen_demo"))
    user.click_button("已向法院立案", ".o_form_statusbar")
    title = user.page.locator(".modal:has(.o_dialog_warning) .modal-title").last.inner_text()
    user.take_warning()
    assert "Odoo" not in title and "Error" not in title, title


def test_filing_refused_then_supplied_and_complaint_downloaded(client, odoo_server):
    user = client("zhaomin")
    case_id = odoo_server.ref("loan_legal.legal_case_chen_demo")  # in preparation, evidence still missing
    user.open_record("legal.case", case_id)
    page = user.page
    assert page.locator(".o_statusbar_status .btn-primary").inner_text().strip() == "诉前准备"

    # Filing without the filing date and the evidence: refused, every missing item named, as a message.
    user.click_button("已向法院立案", ".o_form_statusbar")
    message = user.take_warning()
    assert "尚不能进入“已立案”阶段" in message, message
    assert "立案日期" in message
    assert "收集必备证据" in message and "授权委托书" in message

    # Supplied: the filing date on the Proceedings tab (in the form) and the evidence collected
    # (the checklist lines are marked by the same user over RPC, as the Evidence tab does).
    user.click_button("编辑", ".o_cp_buttons")
    page.locator(".o_notebook .nav-tabs a:has-text('诉讼程序')").click()
    set_field(page.locator(".o_form_view"), "filing_date", china_today().isoformat())
    user.click_button("保存", ".o_cp_buttons")
    missing = user.rpc("legal.evidence", "search", [("case_id", "=", case_id), ("state", "=", "missing")])
    user.rpc("legal.evidence", "write", missing, {"state": "collected", "pages": 2})
    user.open_record("legal.case", case_id)
    user.click_button("已向法院立案", ".o_form_statusbar")
    assert not page.locator(".o_dialog_warning").count()
    assert user.rpc("legal.case", "read", [case_id], ["stage"])[0]["stage"] == "filed"
    assert page.locator(".o_statusbar_status .btn-primary").inner_text().strip() == "已立案"

    # The complaint (民事起诉状): generated from the case and downloaded as .docx.
    user.click_button("生成诉讼文书", ".o_form_statusbar")
    dialog = user.dialog()
    assert "起诉状" in dialog.locator("select[name=doc_type], [name=doc_type] select").first.evaluate(
        "s => s.options[s.selectedIndex].text")
    with page.expect_download(timeout=60000) as download_info:
        dialog.locator(".modal-footer button.btn-primary:has-text('生成')").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    path = download.path()
    with zipfile.ZipFile(path) as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    assert "民事起诉状" in text
    user.wait_idle()

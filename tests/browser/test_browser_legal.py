"""The legal team in the browser: filing refused with the missing data named, supplied, then the
complaint generated and downloaded."""
import time
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


def test_bulk_court_documents_run_in_the_background_with_their_progress(client, odoo_server):
    """The legal team selects the legal cases in the list and asks for their powers of attorney:
    more than the synchronous limit go to a background batch (queue_job) that the form shows
    queued, then done at 100 %, with the zip of one .docx per case (or the case listed with why)."""
    admin = client("admin")
    admin.rpc("ir.config_parameter", "set_param", "loan_collection.bulk_sync_limit", "1")
    try:
        user = client("zhaomin")
        user.open_menu(odoo_server.ref("loan_legal.legal_case_menu"))
        page = user.page
        user.click(".o_cp_switch_list")  # the legal cases open as a pipeline (kanban)
        page.wait_for_selector(".o_list_view tbody tr.o_data_row")
        user.wait_idle()
        cases = page.locator(".o_list_view tbody tr.o_data_row").count()
        assert cases >= 2, "the demo has %d legal cases" % cases
        page.locator(".o_list_view thead .o_list_record_selector input").check()
        page.locator(".o_cp_sidebar button:has-text('动作')").click()
        page.locator(".o_cp_sidebar .dropdown-menu a:has-text('生成诉讼文书')").first.click()
        dialog = user.dialog()
        dialog.locator("select[name=doc_type], [name=doc_type] select").first.select_option(label="授权委托书")
        dialog.locator(".modal-footer button.btn-primary:has-text('生成')").click()
        # Not held in the request: the batch form opens at once, and the server's job runner works.
        page.wait_for_selector(".o_form_view .o_field_widget[name=progress]")
        user.wait_idle()
        batch_id = user.rpc("loan.document.batch", "search", [("user_id", "=", user.uid)], order="id desc", limit=1)[0]
        deadline = time.time() + 120
        while True:
            page.reload()
            page.wait_for_selector(".o_form_view")
            user.wait_idle()
            state = page.locator(".o_form_statusbar .o_statusbar_status button.btn-primary").inner_text().strip()
            if state in ("已完成", "失败") or time.time() > deadline:
                break
            time.sleep(2)
        assert state == "已完成", "the batch is still '%s' after 2 minutes (is the job runner running?)" % state
        assert "100" in page.locator(".o_form_view .o_field_widget[name=progress]").inner_text()
        batch = user.rpc("loan.document.batch", "read", [batch_id],
                         ["total", "generated_count", "refused_count", "refusals"])[0]
        assert batch["total"] == cases and batch["generated_count"] + batch["refused_count"] == cases, batch
        assert batch["generated_count"], batch
        if batch["refused_count"]:  # each refused case listed with its reason, in Chinese
            assert page.locator(".o_form_view .o_field_widget[name=refusals]").inner_text().count("\n") + 1 \
                == batch["refused_count"], batch
        with page.expect_download(timeout=60000) as download_info:
            user.click_button("下载", ".o_form_statusbar")
        with zipfile.ZipFile(download_info.value.path()) as archive:
            names = archive.namelist()
        assert len(names) == batch["generated_count"] and all(n.endswith(".docx") for n in names), names
        user.wait_idle()
    finally:
        admin.rpc("ir.config_parameter", "set_param", "loan_collection.bulk_sync_limit", "20")

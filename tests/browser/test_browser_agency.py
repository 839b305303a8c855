"""Agency placement (委外) in the browser: the agency's collector 高峰 sees in 催收案件 only the cases
placed with her agency and works one (its form, the contact log's form); she has no menu of the
lender's batches; the manager follows the batches (委外批次) and compares the agencies (委外回收率);
finance's 生成佣金账单 refuses, in Chinese, a month with nothing to bill."""


def _placed(odoo_server, agency_ref):
    return odoo_server.sql("""
        SELECT c.id, c.name, p.name FROM collection_case c JOIN res_partner p ON p.id = c.partner_id
         WHERE c.agency_id = %s ORDER BY c.id""" % odoo_server.ref(agency_ref))


def test_the_agency_collector_sees_only_the_cases_placed_with_her_agency(client, odoo_server):
    placed = _placed(odoo_server, "loan_collection.partner_agency_chengxin_demo")
    assert {row[2] for row in placed} == {"邓建华", "卢晓梅"}, placed
    gao = client("gaofeng")
    gao.open_menu(odoo_server.ref("loan_collection.collection_case_menu"))
    gao.click(".o_cp_switch_list")  # the cases open as cards (kanban)
    rows = gao.page.locator(".o_list_view tbody tr.o_data_row")
    texts = rows.all_inner_texts()
    # Her own (the cases are shared between the agency's two collectors), and nothing of the lender's book.
    mine = [row for row in placed if any(row[1] in text for text in texts)]
    assert mine and len(texts) == len(mine), texts
    assert not any(name in " ".join(texts) for name in ("李秀英", "王建国", "何丽华", "蒋伟")), texts
    assert gao.rpc("collection.case", "search_count", []) == len(mine)
    assert gao.rpc("res.partner", "search_count", [("name", "=", "李秀英")]) == 0
    # Her case opens, with its installments; Log Contact opens the contact log's form.
    gao.open_record("collection.case", mine[0][0])
    form = gao.page.locator(".o_form_view")
    assert mine[0][2] in form.inner_text()
    assert "杭州诚信商务咨询有限公司" in form.inner_text()
    gao.click_button("登记催记", ".o_form_statusbar")
    assert gao.page.locator(".o_form_view [name='channel']").count() >= 1
    gao.home()
    # The lender's placement batches, reports and finance are not hers.
    for ref in ("loan_collection.collection_placement_batch_menu", "loan_collection.collection_agency_report_menu",
                "loan_collection.menu_finance"):
        assert gao.page.locator("a[data-menu='%d']" % odoo_server.ref(ref)).count() == 0, ref


def test_the_manager_follows_the_batches_and_compares_the_agencies(client, odoo_server):
    zhang = client("zhangwei")
    zhang.open_menu(odoo_server.ref("loan_collection.collection_placement_batch_menu"))
    rows = zhang.page.locator(".o_list_view tbody tr.o_data_row")
    texts = " ".join(rows.all_inner_texts())
    assert "杭州诚信商务咨询有限公司" in texts and "宁波远达信息咨询有限公司" in texts, texts
    assert "已委外" in texts and "已召回" in texts, texts
    rows.filter(has_text="杭州诚信商务咨询有限公司").first.click()
    zhang.wait_idle()
    form = zhang.page.locator(".o_form_view")
    lines = form.locator(".o_field_one2many[name='placement_ids'] tbody tr.o_data_row")
    assert lines.count() == 2, lines.all_inner_texts()
    assert "450.00" in form.inner_text()  # 3,000 recovered at 15%
    assert zhang.page.locator(".o_statusbar_buttons button:visible:has-text('全部召回')").count() == 1
    zhang.open_menu(odoo_server.ref("loan_collection.collection_agency_report_menu"))
    pivot = zhang.page.locator(".o_pivot")
    assert "杭州诚信商务咨询有限公司" in pivot.inner_text() and "宁波远达信息咨询有限公司" in pivot.inner_text()
    assert "回收率" in pivot.inner_text()


def test_finance_bills_a_month_only_when_there_is_commission(client, odoo_server):
    liu = client("liuyang")
    liu.open_menu(odoo_server.ref("loan_collection.collection_agency_billing_menu"))
    dialog = liu.dialog()
    assert "佣金" in dialog.inner_text()
    liu.click_button("生成账单", ".modal")
    warning = liu.take_warning()
    assert "没有可开票的佣金" in warning, warning

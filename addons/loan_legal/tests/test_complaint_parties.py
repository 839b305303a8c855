"""The element-style complaint read as a lawyer reads it, and the parties by their real roles:
a joint and a general guarantee, a third-party mortgage, a pledge, a counter-guarantee (the
lender's and the guarantee company's), a company debtor, partial repayments; the demand letters
to guarantors; contract particulars supplied on the legal case by a legal manager."""
import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.loan_collection.services import docx_render

from .common import LegalTestCase


class TestComplaintParties(LegalTestCase):

    @classmethod
    def setUpClass(cls):
        super(TestComplaintParties, cls).setUpClass()
        company = cls.env.user.company_id
        company.write({"name": "测试小额贷款有限公司", "street": "天目山路1号", "city": "杭州市",
                       "state_id": cls.env.ref("l10n_cn.state_ZJ").id, "phone": "0571-12345678",
                       "creditor_role": "lender"})
        company.partner_id.write({"identity_type": "credit_code", "identity_number": "91350100M000100Y43",
                                  "legal_representative": "钱总", "registered_place": "杭州市西湖区市场监督管理局",
                                  "enterprise_type": "limited"})
        cls.borrower.write({"street": "文三路158号", "city": "杭州市", "mobile": "13800001111",
                            "ethnicity": "汉族", "habitual_residence": "杭州市拱墅区莫干山路88号"})
        cls.guarantor.write({"identity_type": "resident_id", "identity_number": "330106197908060022",
                             "street": "莫干山路12号", "city": "杭州市", "mobile": "13900002222"})
        cls.third = cls.env["res.partner"].create({
            "name": "测试抵押人丙", "identity_type": "resident_id", "identity_number": "330106198001010013",
            "street": "西溪路5号", "city": "杭州市", "mobile": "13600004444"})
        cls.lawyer.partner_id.mobile = "13700003333"

    def contract(self, *guarantees, **kwargs):
        """A 2022 contract (all overdue by 2025) with exactly these guarantees."""
        contract = self.make_contract(disbursed="2022-03-10", maturity="2023-03-10", **kwargs)
        contract.guarantee_ids.unlink()
        for vals in guarantees:
            self.env["loan.guarantee"].create(dict(vals, contract_id=contract.id))
        contract.write({"place_signed": "杭州市西湖区", "date_signed": "2022-03-08",
                        "disbursed_amount": 119000.0, "disbursement_date": "2022-03-11"})
        return contract

    def complaint(self, contract, ledger=False, **vals):
        """The complaint of a new legal case on `contract` as of 2025-05-31: with the fixture's claim,
        or (`ledger`) with the claim the case computes from the contract's ledger."""
        if ledger:
            case = self.LegalCase.sudo(self.lawyer).create(dict(
                vals, contract_id=contract.id, court_id=self.court.id, claim_date="2025-05-31",
                lawyer_id=self.lawyer.id))
        else:
            case = self.make_legal_case(contract=contract, claim_date="2025-05-31", lawyer_id=self.lawyer.id, **vals)
        document = case.sudo(self.lawyer)._generate_documents("complaint")
        content = base64.b64decode(document.attachment_id.datas)
        self.assertEqual(docx_render.leftover_placeholders(content), [])
        return case, docx_render.document_text(content)

    # Guarantees -------------------------------------------------------------------------------

    def test_joint_guarantee(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint",
                                  "contract_number": "BZ-2022-001"})
        case, text = self.complaint(contract)
        self.assertEqual(case.sudo().party_ids.mapped("role"), ["borrower", "guarantor"])
        self.assertIn("被告（保证人）：测试担保人乙，女，1979年8月6日出生", text)
        self.assertIn("判令被告测试担保人乙对被告测试借款人甲的上述债务在担保范围内承担连带清偿责任", text)
        # The statutes per guarantee type: 第688条 for a joint guarantee, not 第687条; the suit 民诉法 第122条.
        self.assertIn("第六百六十七条、第六百七十四条、第六百七十五条、第六百七十六条、第六百八十六条、第六百八十八条"
                      "及《中华人民共和国民事诉讼法》第一百二十二条", text)
        self.assertNotIn("第六百八十七条", text)
        self.assertIn("测试担保人乙（保证人），担保合同BZ-2022-001", text)
        self.assertIn("测试担保人乙：连带责任保证", text)
        # The elements in the template's order, none invented.
        self.assertIn("委托诉讼代理人：t_lawyer，委托人的工作人员，联系电话：13700003333，代理权限：特别授权", text)
        self.assertIn("原告：测试小额贷款有限公司，住所：浙江省杭州市天目山路1号，登记地：杭州市西湖区市场监督管理局，"
                      "类型：有限责任公司", text)
        self.assertIn("被告（借款人）：测试借款人甲，男，1985年3月12日出生，汉族", text)
        self.assertIn("经常居住地：杭州市拱墅区莫干山路88号", text)
        self.assertIn("贷款人：测试小额贷款有限公司；借款人：测试借款人甲", text)
        self.assertIn("约定¥120,000.00；实际发放¥119,000.00", text)
        self.assertIn("\n2022年3月11日\n", text)  # the actual disbursement, not the signing date
        self.assertIn("2022年3月8日在杭州市西湖区签订", text)
        self.assertIn("已于2023年3月10日到期；约定期限：自2022年3月10日至2023年3月10日，共12个月", text)
        self.assertIn("1. 有无仲裁、法院管辖约定\n无", text)
        self.assertIn("2. 是否已经诉前保全\n否", text)
        self.assertIn("3. 是否要求提前还款或解除合同\n否", text)
        self.assertIn("3. 是否考虑先行调解\n暂不确定，想要了解更多内容", text)
        self.assertIn("12. 是否最高额担保（抵押、质押）\n否", text)
        self.assertIn("10. 是否签订物的担保（抵押、质押）合同\n否", text)
        # No compound interest computed: not labelled so; no invented collection facts.
        self.assertIn("复利未主张", text)
        self.assertNotIn("复利按合同约定", text)
        self.assertNotIn("多次电话及上门催收", text)
        self.assertIn("18. 其他需要说明的内容\n\n", text)
        self.assertIn("尚无一期利息还清", text)

    def test_the_elements_in_the_order_of_the_2025_form(self):
        """The sections, the eight claim elements and the nineteen facts of the element-style form
        for 金融借款合同纠纷, with the form's labels, in its order (as two independent transcriptions
        of the official form give them)."""
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"})
        _case, text = self.complaint(contract)
        labels = [
            "一、当事人信息", "原告：", "委托诉讼代理人：", "被告（借款人）：",
            "二、诉讼请求和依据", "1. 本金", "2. 利息（期内利息、复利、罚息）", "3. 是否要求提前还款或解除合同",
            "4. 是否主张担保权利", "5. 是否主张实现债权的费用", "6. 是否主张诉讼费用", "7. 其他请求", "8. 标的总额",
            "三、约定管辖和诉讼保全", "1. 有无仲裁、法院管辖约定", "2. 是否已经诉前保全",
            "四、事实与理由", "1. 合同签订情况（名称、编号、签订时间、地点）", "2. 合同主体", "3. 借款金额",
            "4. 借款期限", "5. 借款利率", "6. 借款提供时间", "7. 还款方式", "8. 还款情况", "9. 是否存在逾期还款",
            "10. 是否签订物的担保（抵押、质押）合同", "11. 担保人、担保物", "12. 是否最高额担保（抵押、质押）",
            "13. 是否办理抵押、质押登记", "14. 是否签订保证合同/保函", "15. 保证方式", "16. 其他担保方式",
            "17. 请求承担责任的依据", "18. 其他需要说明的内容", "19. 证据清单",
            "五、对纠纷解决方式的意愿", "1. 是否了解调解作为非诉讼纠纷解决方式", "2. 是否了解先行调解解决纠纷的好处",
            "3. 是否考虑先行调解", "具状人：",
        ]
        positions = [text.find(label) for label in labels]
        missing = [label for label, at in zip(labels, positions) if at < 0]
        self.assertEqual(missing, [])
        out_of_order = [(a, b) for (a, pa), (b, pb) in zip(zip(labels, positions), zip(labels[1:], positions[1:]))
                        if pb <= pa]
        self.assertEqual(out_of_order, [])
        # The legal basis is a fact (17), with the contract and the statutes; court costs are claimed.
        self.assertIn("17. 请求承担责任的依据\n合同约定：编号为%s的借款合同及上述担保合同；法律规定：《中华人民共和国民法典》"
                      % contract.name, text)
        self.assertIn("6. 是否主张诉讼费用\n是：本案诉讼费、保全费等诉讼费用由被告承担", text)
        self.assertIn("是否请求支付至实际清偿之日止：是", text)
        # What the plaintiff knows of mediation is the signatory's to tick, not invented.
        self.assertIn("好处\n了解□　不了解□", text)

    def test_general_guarantee(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor",
                                  "guarantee_type": "general"})
        _case, text = self.complaint(contract)
        self.assertIn("被告（保证人）：测试担保人乙", text)
        # 先诉抗辩权 (民法典 第687条): only what enforcement against the borrower leaves unpaid.
        self.assertIn("判令被告测试担保人乙对被告测试借款人甲的上述债务，在被告测试借款人甲的财产依法强制执行后仍不能履行的"
                      "部分在担保范围内承担补充清偿责任", text)
        self.assertIn("第六百八十六条、第六百八十七条及", text)
        self.assertNotIn("第六百八十八条", text)
        self.assertNotIn("连带", text)

    def test_third_party_mortgage_with_a_ceiling(self):
        contract = self.contract({"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "mortgage",
                                  "collateral": "杭州市西溪路5号301室", "registration_authority": "杭州市不动产登记中心",
                                  "registration_number": "浙(2022)杭州市不动产证明第0012345号",
                                  "maximum": True, "maximum_ceiling": 150000.0})
        case, text = self.complaint(contract)
        self.assertEqual(case.sudo().party_ids.mapped("role"), ["borrower", "mortgagor"])
        # A mortgagor, not a guarantor: liable within the collateral (民法典 第394、410条).
        self.assertIn("被告（抵押人）：测试抵押人丙", text)
        self.assertNotIn("保证人", text)
        self.assertIn("判令原告对被告测试抵押人丙提供的抵押物（杭州市西溪路5号301室）折价或者以拍卖、变卖该抵押物所得价款"
                      "在最高债权额¥150,000.00范围内享有优先受偿权", text)
        self.assertIn("第三百九十四条、第四百一十条、第六百六十七条", text)
        self.assertNotIn("第六百八十", text)
        self.assertIn("11. 担保人、担保物\n担保人：测试抵押人丙（抵押人），担保物：杭州市西溪路5号301室，抵押担保；", text)
        self.assertIn("是：测试抵押人丙，最高债权额¥150,000.00", text)
        self.assertIn("测试抵押人丙：已登记，杭州市不动产登记中心 浙(2022)杭州市不动产证明第0012345号", text)
        self.assertIn("14. 是否签订保证合同/保函\n否", text)

    def test_pledge_and_the_borrowers_own_mortgage(self):
        contract = self.contract(
            {"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "pledge",
             "collateral": "浙A12345号小型轿车"},
            {"partner_id": self.borrower.id, "role": "guarantor", "guarantee_type": "mortgage",
             "collateral": "杭州市文三路158号302室"})
        case, text = self.complaint(contract)
        # The borrower who mortgaged his own flat stays the borrower, listed once.
        self.assertEqual(case.sudo().party_ids.mapped("role"), ["borrower", "pledgor"])
        self.assertIn("被告（出质人）：测试抵押人丙", text)
        self.assertNotIn("代借款人", text)
        self.assertIn("判令原告对被告测试抵押人丙提供的质物（浙A12345号小型轿车）折价或者以拍卖、变卖该质物所得价款"
                      "在担保范围内享有优先受偿权", text)
        self.assertIn("判令原告对被告测试借款人甲（借款人）提供的抵押物（杭州市文三路158号302室）", text)
        self.assertIn("第三百九十四条、第四百一十条、第四百二十五条、第四百三十六条", text)

    def test_counter_guarantee(self):
        contract = self.contract(
            {"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "joint"},
            {"partner_id": self.guarantor.id, "role": "counter_guarantor", "guarantee_type": "joint"})
        # The lender sues the guarantor; the counter-guarantor answers to the guarantor only.
        case, text = self.complaint(contract)
        self.assertEqual(case.sudo().party_ids.mapped("partner_id"), self.borrower | self.third)
        self.assertNotIn("测试担保人乙", text)
        self.assertNotIn("第三百八十七条", text)
        # A guarantee company that paid sues the debtor and the counter-guarantors (民法典 第700条); a
        # contract like it (a contract has one open legal case).
        self.env.user.company_id.creditor_role = "guarantee_company"
        contract = self.contract(
            {"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "joint"},
            {"partner_id": self.guarantor.id, "role": "counter_guarantor", "guarantee_type": "joint"})
        # Its claim is recourse (追偿权纠纷), not the lender's loan claim: the lender's element-style
        # complaint is refused rather than state the company as the lender.
        with self.assertRaisesRegex(UserError, "guarantee company that paid the lender"):
            self.complaint(contract)
        case = self.env["legal.case"].search([("contract_id", "=", contract.id)])
        self.assertEqual(case.sudo().party_ids.mapped("partner_id"), self.borrower | self.guarantor)
        # Its complaint is the recourse complaint, made from the payment recorded on the case.
        lawyer_case = case.sudo(self.lawyer)
        for doc_type in ("recourse_complaint", "preservation"):
            with self.assertRaisesRegex(UserError, "states Lender Paid, Paid to the Lender On, Amount Paid to the Lender"):
                lawyer_case._generate_documents(doc_type)
        offered = [key for key, _label in self.env["loan.document.bulk"].sudo(self.lawyer).with_context(
            active_model="legal.case", active_ids=case.ids).fields_get(["doc_type"])["doc_type"]["selection"]]
        self.assertIn("recourse_complaint", offered)
        self.assertNotIn("complaint", offered)
        lawyer_case.write({"recourse_lender": "中国工商银行股份有限公司杭州西湖支行", "recourse_paid_date": "2025-01-10",
                           "recourse_paid_amount": 100000.0, "recourse_rate": 12.0,
                           "recourse_agreement": "《委托保证合同》WB2022-018号"})
        # The case's claim is the recourse (the court fees are computed on it), with how it is computed.
        self.assertEqual((case.claim_principal, case.claim_interest, case.claim_penalty, case.claim_total),
                         (100000.0, 4700.0, 0.0, 104700.0))
        self.assertIn("Interest: 4,700.00, on what is still owed at 12% a year (a 360th a day) from 2025-01-10 to "
                      "2025-05-31.", case.with_context(lang="en_US").claim_breakdown)
        document = lawyer_case._generate_documents("recourse_complaint")
        content = base64.b64decode(document.attachment_id.datas)
        self.assertEqual(docx_render.leftover_placeholders(content), [])
        text = docx_render.document_text(content)
        self.assertIn("民事起诉状\n（追偿权纠纷）", text)
        self.assertIn("被告（反担保人）：测试担保人乙", text)
        # 100,000 at 12 % a year from 2025-01-10 to the claim date 2025-05-31 (141 days, 360-day year): 4,700.
        self.assertIn("判令被告测试借款人甲向原告支付代偿款¥100,000.00及利息¥4,700.00（以未还代偿款为基数，自2025年1月10日起"
                      "按年利率12%计算", text)
        self.assertIn("判令被告测试担保人乙对被告测试借款人甲的上述债务在担保范围内承担连带清偿责任", text)
        self.assertIn("以上合计¥104,700.00（大写：人民币壹拾万肆仟柒佰元整），暂计至2025年5月31日", text)
        self.assertIn("被告测试借款人甲与中国工商银行股份有限公司杭州西湖支行签订编号为%s的借款合同" % contract.name, text)
        self.assertIn("原告依《委托保证合同》WB2022-018号为该笔借款向中国工商银行股份有限公司杭州西湖支行提供保证", text)
        self.assertIn("被告测试担保人乙以连带责任保证方式向原告提供反担保", text)
        self.assertIn("原告于2025年1月10日代其向中国工商银行股份有限公司杭州西湖支行清偿¥100,000.00", text)
        self.assertIn("《中华人民共和国民法典》第三百八十七条、第六百八十六条、第六百八十八条、第七百条", text)
        self.assertNotIn("贷款人：", text)
        self.assertNotIn("金融借款合同纠纷", text)
        # Its preservation application is for the recourse too, not for the lender's loan claim.
        text = docx_render.document_text(base64.b64decode(
            lawyer_case._generate_documents("preservation").attachment_id.datas))
        self.assertIn("追偿权纠纷一案", text)
        self.assertIn("截至2025年5月31日尚欠款项合计¥104,700.00", text)
        # Its other papers name the cause of action it sues on.
        text = docx_render.document_text(base64.b64decode(
            lawyer_case._generate_documents("power_of_attorney").attachment_id.datas))
        self.assertIn("测试担保人乙追偿权纠纷一案中", text)
        self.assertNotIn("金融借款合同纠纷", text)

    def company_debtor_contract(self):
        """A contract of the company 杭州某某贸易有限公司 with a joint guarantor."""
        debtor = self.env["res.partner"].create({
            "name": "杭州某某贸易有限公司", "is_company": True, "identity_type": "credit_code",
            "identity_number": "91330106MA2K8P4Q6N", "street": "象山路51号", "city": "杭州市",
            "phone": "0571-87651234", "legal_representative": "郑某", "registered_place": "杭州市西湖区",
            "enterprise_type": "limited"})
        return self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"},
                             borrower=debtor)

    def test_company_debtor(self):
        contract = self.company_debtor_contract()
        _case, text = self.complaint(contract)
        self.assertIn("被告（借款人）：杭州某某贸易有限公司，统一社会信用代码：91330106MA2K8P4Q6N，住所：杭州市象山路51号，"
                      "登记地：杭州市西湖区，类型：有限责任公司，法定代表人：郑某，联系电话：0571-87651234。", text)
        self.assertIn("借款人：杭州某某贸易有限公司", text)

    def test_partial_repayments_from_the_ledger(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"})
        self.run_on("2022-05-20")
        collection = contract.case_ids
        first, second = contract.invoice_ids.sorted("installment_number")[:2]
        # The first installment paid in full, then part of the second (interest first, 民法典 第561条).
        Recovery = self.env["collection.recovery"].sudo(self.finance)
        Recovery._register_recovery(collection.sudo(self.finance), "debtor", self.borrower,
                                    round(first.amount_total + second.interest_amount + 500.0, 2), "2022-05-20",
                                    self.bank_journal)
        self.run_on("2022-05-20")
        recovered = self.env["collection.recovery.line"].search([("invoice_id", "in", (first | second).ids)])
        principal = round(sum(recovered.mapped("amount_principal")), 2)
        interest = round(sum(recovered.mapped("amount_interest")), 2)
        self.assertTrue(principal and interest)
        _case, text = self.complaint(contract, collection_case_id=collection.id)
        penalty = round(sum(contract.invoice_ids.mapped("penalty_recovered")), 2)  # repaid too
        self.assertIn("已还本金{}，已还利息{}，已还罚息{}，还息至2022年5月10日".format(
            docx_render.money(principal)["figures"], docx_render.money(interest)["figures"],
            docx_render.money(penalty)["figures"]), text)
        # The ledger's one-query reader (_ledger_rows) gives what the ORM gives for every invoice.
        rows = self.env["legal.case"]._ledger_rows(contract)
        invoices = contract.invoice_ids.filtered(lambda i: i.state in ("open", "paid"))
        self.assertEqual([row.id for row in rows], invoices.sorted(lambda i: (i.date_due, i.id)).ids)
        self.assertIn("paid", [row.state for row in rows])
        for row in rows:
            invoice = self.env["account.invoice"].browse(row.id)
            lines = recovered.filtered(lambda l: l.invoice_id == invoice)
            self.assertEqual(row, row._make([
                invoice.id, invoice.type, invoice.installment_number, invoice.state, invoice.date_due,
                invoice.principal_amount, invoice.interest_amount, invoice.amount_total, invoice.residual,
                invoice.penalty_interest, invoice.penalty_date, invoice.penalty_recovered,
                round(sum(lines.mapped("amount_principal")), 2), round(sum(lines.mapped("amount_interest")), 2)]))

    def test_contact_facts_printed_as_recorded(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"})
        self.run_on("2025-05-01")
        collection = contract.case_ids
        phone = self.env["collection.contact.point"].create(
            {"partner_id": self.borrower.id, "kind": "phone", "value": "13800001111", "relation": "self"})
        self.env["collection.contact.log"].sudo(self.office).create({
            "case_id": collection.id, "channel": "phone", "party": "debtor", "contact_point_id": phone.id,
            "connected": True, "outcome": "refused", "date": "2025-05-06 02:00:00", "note": "拒绝还款"})
        _case, text = self.complaint(contract, collection_case_id=collection.id)
        self.assertIn("2025年5月6日至2025年5月6日期间通过电话方式催收并联系到被催收人1次（见催收记录）", text)

    # Data supplied on the legal case ----------------------------------------------------------

    def test_missing_particulars_named_and_supplied_by_a_legal_manager(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"})
        # The amount actually paid out is the bank's record, never assumed to be the principal.
        contract.write({"place_signed": False, "jurisdiction_clause": False, "disbursed_amount": False,
                        "disbursement_date": False})
        case = self.make_legal_case(contract=contract, claim_date="2025-05-31", lawyer_id=self.lawyer.id)
        with self.assertRaisesRegex(UserError, "The complaint states Signed At, Actually Disbursed, Actually Disbursed On "
                                               "of contract"):
            case.sudo(self.lawyer)._generate_documents("complaint")
        with self.assertRaisesRegex(UserError, "起诉状须载明签订地点、实际发放金额、实际发放日期（合同"):
            case.sudo(self.lawyer).with_context(lang="zh_CN")._generate_documents("complaint")
        with self.assertRaisesRegex(AccessError, "Only a legal manager can set"):
            case.sudo(self.lawyer).write({"contract_place_signed": "杭州市上城区"})
        with self.assertRaisesRegex(ValidationError, "not more than the principal"), self.env.cr.savepoint():
            case.sudo(self.legal_manager).write({"contract_disbursed_amount": contract.principal + 1})
        case.sudo(self.legal_manager).write({
            "contract_place_signed": "杭州市上城区", "contract_disbursed_amount": 95000.0,
            "contract_disbursement_date": "2022-03-09",
            "contract_jurisdiction": "第二十条：因本合同发生的争议，由贷款人住所地人民法院管辖",
            "preservation_status": "with_suit", "mediation_intent": "willing"})
        document = case.sudo(self.lawyer)._generate_documents("complaint")
        text = docx_render.document_text(base64.b64decode(document.attachment_id.datas))
        self.assertIn("2022年3月8日在杭州市上城区签订", text)
        self.assertIn("实际发放¥95,000.00", text)
        self.assertIn("6. 借款提供时间\n2022年3月9日", text)
        self.assertIn("有：第二十条：因本合同发生的争议，由贷款人住所地人民法院管辖", text)
        self.assertIn("否，随本起诉状申请诉讼保全", text)
        self.assertIn("3. 是否考虑先行调解\n是", text)

    # Demand letters ---------------------------------------------------------------------------

    def demands(self, contract):
        self.run_on("2022-06-20")
        collection = contract.case_ids
        collection.action_generate_guarantor_demands()
        return {n.partner_id: docx_render.document_text(base64.b64decode(n.attachment_id.datas))
                for n in collection.notice_ids}

    def test_demand_letters_by_role(self):
        self.env.user.company_id.creditor_role = "lender"
        contract = self.contract(
            {"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "general"},
            {"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "mortgage",
             "collateral": "杭州市西溪路5号301室"},
            {"partner_id": self.borrower.id, "role": "guarantor", "guarantee_type": "mortgage",
             "collateral": "杭州市文三路158号302室"})
        letters = self.demands(contract)
        # Not to the borrower for his own mortgage.
        self.assertEqual(set(letters), {self.guarantor, self.third})
        general = letters[self.guarantor]
        # A general guarantor (先诉抗辩权) is not told to pay within 7 days.
        self.assertNotIn("日内代借款人清偿", general)
        self.assertIn("贵方作为保证人，以一般保证方式", general)
        self.assertIn("第六百八十七条", general)
        self.assertIn("财产依法强制执行后仍不能履行的部分", general)
        mortgage = letters[self.third]
        self.assertIn("贵方作为抵押人", mortgage)
        self.assertIn("第三百九十四条、第四百一十条", mortgage)
        self.assertIn("就贵方提供的担保物（杭州市西溪路5号301室）折价或者以拍卖、变卖所得价款在担保范围内优先受偿", mortgage)
        self.assertNotIn("代借款人清偿", mortgage)

    def test_no_demand_to_a_counter_guarantor_of_the_lender(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "counter_guarantor",
                                  "guarantee_type": "joint"})
        with self.assertRaisesRegex(UserError, "answering to the company"):
            self.demands(contract)

    # Every court paper of a case, by role ---------------------------------------------------

    def papers(self, contract, assets=(), **vals):
        """Every court paper of one case through its procedure, as text: the complaint, the
        preservation application, the power of attorney and the evidence list when suing; the
        enforcement application after the judgment; the restriction and the listing applications
        against the borrower."""
        case, text = self.complaint(contract, **vals)
        papers = {"complaint": text}
        case = case.sudo()
        Asset = self.env["legal.asset"]
        Asset.create({"case_id": case.id, "partner_id": case.partner_id.id, "asset_type": "bank_deposit",
                      "name": "中国建设银行杭州文三路支行 6217000010001234567", "estimated_value": 20000.0})
        for asset in assets:
            Asset.create(dict(asset, case_id=case.id))
        case.evidence_ids.write({"pages": 2, "state": "collected"})
        lawyer_case = case.sudo(self.lawyer)

        def read(doc_type):
            content = base64.b64decode(lawyer_case._generate_documents(doc_type).attachment_id.datas)
            self.assertEqual(docx_render.leftover_placeholders(content), [])
            papers[doc_type] = docx_render.document_text(content)

        for doc_type in ("preservation", "power_of_attorney", "evidence_list"):
            read(doc_type)
        case.write({"filing_date": "2025-06-02", "case_number": "（2025）浙0106民初1234号"})
        case.action_file()
        case._write_checked({"stage": "judgment", "judgment_date": "2025-09-01", "judgment_served_date": "2025-09-05",
                             "awarded_principal": 100000.0, "awarded_interest": 5000.0, "performance_days": 10,
                             "enforcement_case_number": "（2025）浙0106执999号",
                             "judgment_terms": "一、被告测试借款人甲于本判决生效之日起十日内偿还原告借款本金100000元及利息5000元；"})
        case._write_checked({"effective_date": "2025-09-22", "stage": "effective"})
        read("enforcement")
        Restriction = self.env["legal.restriction"]
        Restriction.create({"case_id": case.id, "kind": "consumption", "debtor_id": case.partner_id.id,
                            "partner_id": case.partner_id.id, "application_date": "2025-11-01"})
        read("consumption_restriction")
        Restriction.create({"case_id": case.id, "kind": "dishonest", "debtor_id": case.partner_id.id,
                            "partner_id": case.partner_id.id, "ground": "able_refuses",
                            "application_date": "2025-11-01", "facts": "2025年10月20日将名下车辆无偿转让他人"})
        read("dishonest_listing")
        return case, papers

    def test_papers_of_a_joint_guarantee(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint",
                                  "contract_number": "BZ-2022-001"})
        _case, papers = self.papers(contract)
        # Preserved in full: the borrower and the joint guarantor (民法典 第688条).
        self.assertIn("被申请人（保证人）：测试担保人乙", papers["preservation"])
        self.assertIn("请求依法冻结被申请人测试借款人甲、测试担保人乙名下银行存款¥350,000.00（大写：人民币叁拾伍万元整），"
                      "或查封、扣押其名下等值的其他财产；", papers["preservation"])
        self.assertIn("在我方与测试借款人甲、测试担保人乙金融借款合同纠纷一案中", papers["power_of_attorney"])
        # The evidence names the guarantee and what it proves; its names are Chinese whatever the
        # user's language.
        self.assertIn("\n2\n保证合同（BZ-2022-001，测试担保人乙）\n被告签署，原告保存原件\n"
                      "证明被告测试担保人乙以连带责任保证方式为借款提供保证及保证范围、保证期间\n2\n", papers["evidence_list"])
        self.assertIn("\n1\n借款合同\n", papers["evidence_list"])
        self.assertNotIn("Loan Contract", papers["evidence_list"])
        # In enforcement the respondents are named by their standing there: judgment debtors.
        self.assertIn("被申请人（被执行人）：测试借款人甲", papers["enforcement"])
        self.assertIn("被申请人（被执行人）：测试担保人乙", papers["enforcement"])
        self.assertIn("（截至本申请之日尚未履行的金额为¥105,000.00", papers["enforcement"])
        # The restriction and the listing are against the one they were recorded against.
        for doc_type in ("consumption_restriction", "dishonest_listing"):
            self.assertIn("被申请人（被执行人）：测试借款人甲", papers[doc_type])
            self.assertNotIn("测试担保人乙", papers[doc_type])

    def test_papers_of_a_general_guarantee(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor",
                                  "guarantee_type": "general"})
        case, papers = self.papers(contract)
        # The borrower's known property (20,000) falls short of the 350,000: the general guarantor's
        # is preserved too, and the application says why (担保制度解释 第二十六条第三款).
        self.assertIn("请求依法冻结被申请人测试借款人甲、测试担保人乙名下银行存款¥350,000.00", papers["preservation"])
        self.assertIn("被申请人测试担保人乙为一般保证人，被申请人测试借款人甲名下已知财产（估值合计¥20,000.00）不足以清偿上述"
                      "债务，故一并申请对其财产采取保全措施（《最高人民法院关于适用〈中华人民共和国民法典〉有关担保制度的解释》"
                      "第二十六条第三款）。", papers["preservation"])
        self.assertIn("证明被告测试担保人乙以一般保证方式为借款提供保证", papers["evidence_list"])
        # When the borrower's property covers the amount, the court would refuse the general
        # guarantor's: he is not a respondent.
        case.sudo().write({"preservation_amount": 15000.0})
        text = docx_render.document_text(base64.b64decode(
            case.sudo(self.lawyer)._generate_documents("preservation").attachment_id.datas))
        self.assertNotIn("测试担保人乙", text)
        self.assertIn("请求依法冻结被申请人测试借款人甲名下银行存款¥15,000.00", text)

    def test_papers_of_a_third_party_mortgage(self):
        contract = self.contract({"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "mortgage",
                                  "collateral": "杭州市西溪路5号301室", "registration_authority": "杭州市不动产登记中心",
                                  "registration_number": "浙(2022)杭州市不动产证明第0012345号"})
        # The mortgagor's other property answers for nothing here.
        _case, papers = self.papers(contract, assets=[{"partner_id": self.third.id, "asset_type": "vehicle",
                                                       "name": "浙A99999号轿车", "estimated_value": 80000.0}])
        preservation = papers["preservation"]
        self.assertIn("被申请人（抵押人）：测试抵押人丙", preservation)
        # All of the borrower's property, the mortgagor's collateral only (民法典 第394条).
        self.assertIn("请求依法冻结被申请人测试借款人甲名下银行存款¥350,000.00", preservation)
        self.assertIn("请求依法查封、扣押或者冻结被申请人测试抵押人丙提供的抵押物（杭州市西溪路5号301室）；", preservation)
        self.assertIn("在我方与测试借款人甲、测试抵押人丙金融借款合同纠纷一案中", papers["power_of_attorney"])
        self.assertIn("\n抵押合同（测试抵押人丙）\n被告签署，原告保存原件\n证明被告测试抵押人丙以杭州市西溪路5号301室为借款提供"
                      "抵押担保及担保范围\n", papers["evidence_list"])
        self.assertIn("\n抵押登记证明（杭州市不动产登记中心 浙(2022)杭州市不动产证明第0012345号）\n登记机关登记\n"
                      "证明杭州市西溪路5号301室已办理抵押登记\n", papers["evidence_list"])
        self.assertNotIn("保证", papers["evidence_list"])
        self.assertIn("被申请人（被执行人）：测试抵押人丙", papers["enforcement"])
        for doc_type in ("preservation", "enforcement"):
            self.assertIn("测试借款人甲名下银行存款", papers[doc_type])
            self.assertNotIn("浙A99999号轿车", papers[doc_type])
        for doc_type in ("consumption_restriction", "dishonest_listing"):
            self.assertNotIn("测试抵押人丙", papers[doc_type])

    def test_papers_of_a_pledge(self):
        contract = self.contract({"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "pledge",
                                  "collateral": "浙A12345号小型轿车"})
        _case, papers = self.papers(contract)
        self.assertIn("被申请人（出质人）：测试抵押人丙", papers["preservation"])
        self.assertIn("请求依法查封、扣押或者冻结被申请人测试抵押人丙提供的质物（浙A12345号小型轿车）；", papers["preservation"])
        self.assertIn("请求依法冻结被申请人测试借款人甲名下银行存款", papers["preservation"])
        self.assertIn("\n质押合同（测试抵押人丙）\n被告签署，原告保存原件\n证明被告测试抵押人丙以浙A12345号小型轿车为借款提供"
                      "质押担保及担保范围\n", papers["evidence_list"])

    def test_papers_of_a_counter_guarantee(self):
        contract = self.contract(
            {"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "joint"},
            {"partner_id": self.guarantor.id, "role": "counter_guarantor", "guarantee_type": "joint",
             "contract_number": "FDB-2022-003"})
        _case, papers = self.papers(contract)
        # The counter-guarantor answers to the guarantor: in none of the lender's papers, nor his
        # contract in its evidence.
        for doc_type, text in papers.items():
            self.assertNotIn("测试担保人乙", text, doc_type)
            self.assertNotIn("FDB-2022-003", text, doc_type)
        self.assertIn("请求依法冻结被申请人测试借款人甲、测试抵押人丙名下银行存款", papers["preservation"])
        self.assertIn("保证合同（测试抵押人丙）", papers["evidence_list"])

    def test_papers_of_a_company_debtor(self):
        contract = self.company_debtor_contract()
        _case, papers = self.papers(contract)
        company = ("杭州某某贸易有限公司，统一社会信用代码：91330106MA2K8P4Q6N，住所：杭州市象山路51号，法定代表人：郑某，"
                   "联系电话：0571-87651234。")
        self.assertIn("被申请人（借款人）：" + company, papers["preservation"])
        self.assertIn("请求依法冻结被申请人杭州某某贸易有限公司、测试担保人乙名下银行存款", papers["preservation"])
        self.assertIn("被申请人（被执行人）：" + company, papers["enforcement"])
        # The company is restricted, and its legal representative with it (限制消费规定 第三条第二款).
        self.assertIn("被申请人（被执行人）：" + company, papers["consumption_restriction"])
        self.assertIn("请求对被申请人杭州某某贸易有限公司采取限制消费措施，限制其高消费及非生活和工作必需的消费行为，"
                      "并限制其法定代表人郑某实施上述消费行为。", papers["consumption_restriction"])
        self.assertIn("请求将被申请人杭州某某贸易有限公司纳入失信被执行人名单", papers["dishonest_listing"])

    def test_papers_of_an_accelerated_loan_with_partial_repayments(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"})
        self.run_on("2022-05-20")
        collection = contract.case_ids
        first = contract.invoice_ids.sorted("installment_number")[0]
        Recovery = self.env["collection.recovery"].sudo(self.finance)
        recovery = Recovery._register_recovery(collection.sudo(self.finance), "debtor", self.borrower,
                                               first.amount_total, "2022-05-20", self.bank_journal)
        repaid = round(sum(recovery.line_ids.mapped("amount_principal")), 2)
        self.assertTrue(repaid)
        contract.sudo(self.manager).action_record_acceleration("accelerated", "2022-07-15", "第十二条", "连续两期未还款")
        case, papers = self.papers(contract, ledger=True, collection_case_id=collection.id)
        self.assertEqual(case.claim_basis, "accelerated")
        complaint = papers["complaint"]
        self.assertIn("是，原告已于2022年7月15日宣布借款提前到期，要求被告提前归还全部借款本息", complaint)
        self.assertIn("已还本金%s" % docx_render.money(repaid)["figures"], complaint)
        # The claim is what the ledger still owes: the whole principal less what was repaid.
        self.assertAlmostEqual(case.claim_principal, contract.principal - repaid, places=2)
        self.assertIn("尚欠本金%s" % docx_render.money(case.claim_principal)["figures"], complaint)
        self.assertIn("截至2025年5月31日尚欠款项合计%s" % docx_render.money(case.claim_total)["figures"],
                      papers["preservation"])
        # Enforcement: what the judgment awarded (105,000) less only what was recovered after it; the
        # repayment of 2022 is in the claim the court judged on.
        self.assertIn("（截至本申请之日尚未履行的金额为¥105,000.00", papers["enforcement"])
        Recovery._register_recovery(collection.sudo(self.finance), "debtor", self.borrower, 5000.0,
                                    "2025-10-15", self.bank_journal)
        content = base64.b64decode(case.sudo(self.lawyer)._generate_documents("enforcement").attachment_id.datas)
        self.assertIn("（截至本申请之日尚未履行的金额为¥100,000.00", docx_render.document_text(content))
        # Paid in full since: nothing to enforce (not the award printed again).
        Recovery._register_recovery(collection.sudo(self.finance), "debtor", self.borrower, 100000.0,
                                    "2025-10-16", self.bank_journal)
        with self.assertRaisesRegex(UserError, "pays what the judgment awarded"):
            case.sudo(self.lawyer)._generate_documents("enforcement")

    def test_papers_of_a_general_guarantor_who_also_mortgaged(self):
        contract = self.contract(
            {"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "general"},
            {"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "mortgage",
             "collateral": "杭州市莫干山路12号101室"})
        case, _text = self.complaint(contract)
        case = case.sudo()
        self.env["legal.asset"].create({"case_id": case.id, "partner_id": self.borrower.id, "asset_type": "bank_deposit",
                                        "name": "中国建设银行杭州文三路支行 6217000010001234567",
                                        "estimated_value": 20000.0})
        case.write({"preservation_amount": 15000.0})
        text = docx_render.document_text(base64.b64decode(
            case.sudo(self.lawyer)._generate_documents("preservation").attachment_id.datas))
        # The borrower's property covers the amount: the general guarantor's other property is not
        # preserved, but his collateral is (priority on it knows no order).
        self.assertIn("被申请人（保证人）：测试担保人乙", text)
        self.assertIn("请求依法冻结被申请人测试借款人甲名下银行存款¥15,000.00", text)
        self.assertIn("请求依法查封、扣押或者冻结被申请人测试担保人乙提供的抵押物（杭州市莫干山路12号101室）；", text)
        self.assertNotIn("一般保证人", text)

    def test_a_defendant_entered_by_hand(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"})
        case, _text = self.complaint(contract)
        case = case.sudo()
        # As mortgagor without a mortgage of his on the contract: the collateral cannot be named.
        case.write({"party_ids": [(0, 0, {"partner_id": self.third.id, "role": "mortgagor"})]})
        with self.assertRaisesRegex(UserError, "测试抵押人丙 is a defendant of case .* as 抵押人, but the contract has no"):
            case.sudo(self.lawyer)._generate_documents("preservation")
        # As Other (a co-borrower): liable in full.
        case.party_ids.filtered(lambda p: p.partner_id == self.third).write({"role": "other"})
        text = docx_render.document_text(base64.b64decode(
            case.sudo(self.lawyer)._generate_documents("preservation").attachment_id.datas))
        self.assertIn("请求依法冻结被申请人测试借款人甲、测试担保人乙、测试抵押人丙名下银行存款", text)

    def test_enforcement_deducts_what_was_paid_after_the_claim(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"})
        self.run_on("2025-05-20")
        collection = contract.case_ids
        case, papers = self.papers(contract, collection_case_id=collection.id)
        self.assertIn("（截至本申请之日尚未履行的金额为¥105,000.00", papers["enforcement"])
        Recovery = self.env["collection.recovery"].sudo(self.finance)
        # Paid after Claim as of (2025-05-31) -- before the judgment, and on its day -- is not in the
        # claim the court judged: deducted.
        for amount, day in ((10000.0, "2025-07-15"), (5000.0, "2025-09-01")):
            Recovery._register_recovery(collection.sudo(self.finance), "debtor", self.borrower, amount, day,
                                        self.bank_journal)
        text = docx_render.document_text(base64.b64decode(
            case.sudo(self.lawyer)._generate_documents("enforcement").attachment_id.datas))
        self.assertIn("（截至本申请之日尚未履行的金额为¥90,000.00", text)
        Recovery._register_recovery(collection.sudo(self.finance), "debtor", self.borrower, 90000.0, "2025-10-10",
                                    self.bank_journal)
        with self.assertRaisesRegex(UserError, "pays what the judgment awarded"):
            case.sudo(self.lawyer)._generate_documents("enforcement")

    def test_evidence_of_a_registered_pledge(self):
        contract = self.contract({"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "pledge",
                                  "collateral": "杭州某某科技有限公司30%股权", "registration_authority": "杭州市市场监督管理局",
                                  "registration_number": "ZY-2022-0188"})
        case, _text = self.complaint(contract)
        names = case.sudo().evidence_ids.mapped("name")
        self.assertIn("质押合同（测试抵押人丙）", names)
        self.assertIn("出质登记证明（杭州市市场监督管理局 ZY-2022-0188）", names)

    def test_a_recourse_case_claims_what_the_case_states(self):
        self.env.user.company_id.creditor_role = "guarantee_company"
        contract = self.contract(
            {"partner_id": self.third.id, "role": "guarantor", "guarantee_type": "joint"},
            {"partner_id": self.guarantor.id, "role": "counter_guarantor", "guarantee_type": "joint"})
        case = self.LegalCase.sudo(self.lawyer).create({"contract_id": contract.id, "court_id": self.court.id,
                                                         "claim_date": "2025-05-31", "lawyer_id": self.lawyer.id})
        # Before the payment is recorded it claims nothing: never the bank loan's ledger.
        self.assertEqual(case.claim_total, 0.0)
        with self.assertRaisesRegex(UserError, "states Lender Paid"):
            case.action_refresh_claim()
        case.write({"recourse_lender": "中国工商银行股份有限公司杭州西湖支行", "recourse_paid_date": "2025-01-10",
                    "recourse_paid_amount": 100000.0, "recourse_rate": 12.0})
        self.assertEqual(case.claim_total, 104700.0)
        # The legal team claims less interest and adds its costs: the complaint states the case's
        # claim, the court fees are on the same total.
        case.write({"claim_interest": 4000.0, "claim_costs": 5000.0})
        self.assertEqual(case.claim_total, 109000.0)
        text = docx_render.document_text(base64.b64decode(
            case._generate_documents("recourse_complaint").attachment_id.datas))
        self.assertIn("判令被告测试借款人甲向原告支付代偿款¥100,000.00及利息¥4,000.00", text)
        self.assertIn("判令被告测试借款人甲支付原告为实现债权支出的费用¥5,000.00", text)
        self.assertIn("以上合计¥109,000.00", text)
        # A recourse particular cleared: the claim stays as it was (not the lender's ledger).
        case.sudo(self.legal_manager).write({"recourse_lender": False})
        self.assertEqual(case.claim_total, 109000.0)

    def test_the_penalty_wording_follows_the_products_day_count(self):
        contract = self.contract({"partner_id": self.guarantor.id, "role": "guarantor", "guarantee_type": "joint"})
        contract.product_id.sudo().day_count = "actual_365"
        _case, text = self.complaint(contract)
        self.assertIn("按日计算（日利率＝年利率÷365）", text)
        self.assertNotIn("年利率÷360", text)

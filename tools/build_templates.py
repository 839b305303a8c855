"""Build the default .docx templates of the court documents and letters.

Run: .venv/bin/python tools/build_templates.py   (writes addons/*/data/templates/*.docx)
The templates are committed; a legal manager can replace any of them with the company's own
.docx using the same placeholders (Configuration > Document Templates). Placeholders are Jinja2
tags filled by docxtpl (addons/loan_collection/services/docx_render.py); the names each document
type provides are listed in the models (loan.document.template._placeholders).
"""
import importlib.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location(
    "docx_layout", os.path.join(ROOT, "addons", "loan_collection", "services", "docx_layout.py"))
layout = importlib.util.module_from_spec(spec)
spec.loader.exec_module(layout)
para, title, heading, table, signature, numbered = (layout.para, layout.title, layout.heading, layout.table,
                                               layout.signature, layout.numbered)


def save(document, addon, name):
    path = os.path.join(ROOT, "addons", addon, "data", "templates", name + ".docx")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    document.save(path)
    print("wrote", os.path.relpath(path, ROOT))


# Amounts are given as {figures, upper}: 人民币 figures and capital numerals (大写金额).
AMOUNTS_LOOP = [
    "{%p for line in amounts %}",
    "{{ line.label }}：{{ line.figures }}（大写：人民币{{ line.upper }}）；",
    "{%p endfor %}",
]


# Every demand says where to pay.
REPAYMENT = ("还款账户：{{ repayment.bank }}，户名：{{ repayment.account_name }}，账号：{{ repayment.account_number }}。"
             "请通过上述账户还款，并注明借款合同编号。")


def overdue_notice():
    d = layout.new_document(layout.LETTER)
    title(d, "{{ title }}")
    para(d, "编号：{{ number }}", indent=False, align="right")
    para(d, "{{ addressee.name }}：", indent=False)
    para(d, "贵方于{{ contract.date_signed }}与我司签订编号为{{ contract.number }}的借款合同，借款本金"
            "{{ contract.principal.figures }}（大写：人民币{{ contract.principal.upper }}），借款期限自"
            "{{ contract.date_disbursed }}至{{ contract.date_maturity }}。截至本通知书发出之日，贵方已逾期"
            "{{ days_overdue }}天未按约履行还款义务，尚欠款项如下：")
    for line in AMOUNTS_LOOP:
        para(d, line)
    para(d, "合计：{{ total.figures }}（大写：人民币{{ total.upper }}）。")
    # 征信业管理条例 第十五条: a lender reports a person's negative information only after telling him
    # beforehand; the notice is that prior notice ("将依法报送", never "已报送" as a fact).
    para(d, "逾期时间越长，贵方承担的责任越大，罚息越多。根据《征信业管理条例》第十五条，我司特此事先告知：贵方的逾期"
            "信息将依法报送金融信用信息基础数据库，不良记录将影响贵方今后的融资。{% if guaranteed is defined %}贵方原享有的按期还款优惠亦不再适用。{% endif %}请贵方在收到本通知书之日起"
            "{{ pay_within_days }}日内归还上述全部欠款。逾期仍不归还的，我司将依法向人民法院提起诉讼，并主张由此"
            "产生的诉讼费、保全费、律师费等实现债权的全部费用。")
    para(d, REPAYMENT)
    para(d, "特此通知。")
    para(d, "联系地址：{{ company.address }}")
    para(d, "联系电话：{{ company.phone }}")
    signature(d, "{{ company.name }}（盖章）", "{{ date }}")
    para(d)
    para(d, "签收人：______________    签收日期：______年____月____日", indent=False)
    save(d, "loan_collection", "overdue_notice")


def guarantor_demand():
    d = layout.new_document(layout.LETTER)
    title(d, "履行担保责任催告函")
    para(d, "编号：{{ number }}", indent=False, align="right")
    para(d, "{{ addressee.name }}：", indent=False)
    para(d, "{{ debtor.name }}于{{ contract.date_signed }}与我司签订编号为{{ contract.number }}的借款合同，借款本金"
            "{{ contract.principal.figures }}（大写：人民币{{ contract.principal.upper }}）。贵方作为"
            "{{ guarantee.role }}，以{{ guarantee.kind }}方式为该笔借款提供担保（担保合同编号："
            "{{ guarantee.contract_number }}）。借款人已逾期{{ days_overdue }}天未按约还款，截至本函发出之日尚欠：")
    for line in AMOUNTS_LOOP:
        para(d, line)
    para(d, "合计：{{ total.figures }}（大写：人民币{{ total.upper }}）。")
    # The request depends on how the guarantor answers (collection_notice.DEMAND_REQUESTS): a general
    # guarantor is not told to pay within days (先诉抗辩权, 民法典 第687条).
    para(d, "根据担保合同的约定及《中华人民共和国民法典》{{ guarantee.article }}的规定，{{ guarantee.request }}")
    para(d, REPAYMENT)
    para(d, "联系地址：{{ company.address }}")
    para(d, "联系电话：{{ company.phone }}")
    signature(d, "{{ company.name }}（盖章）", "{{ date }}")
    para(d)
    para(d, "签收人：______________    签收日期：______年____月____日", indent=False)
    save(d, "loan_collection", "guarantor_demand")


def amount_lines(d, name):
    """One paragraph per amount of the list `name` (label, figures, capital numerals)."""
    for line in ["{%p for line in " + name + " %}",
                 "{{ line.label }}：{{ line.figures }}（大写：人民币{{ line.upper }}）；", "{%p endfor %}"]:
        para(d, line)


def agreement_head(owed_intro):
    """The parties, the loan contract and what is owed, as both repayment agreements open."""
    d = layout.new_document(layout.LETTER)
    title(d, "{{ title }}")
    para(d, "编号：{{ number }}", indent=False, align="right")
    para(d, "甲方（债权人）：{{ company.name }}", indent=False)
    para(d, "住所：{{ company.address }}", indent=False)
    para(d, "乙方（债务人）：{{ debtor.name }}", indent=False)
    para(d, "{{ debtor.id_label }}：{{ debtor.id_number }}", indent=False)
    para(d, "住所：{{ debtor.address }}", indent=False)
    para(d, "乙方于{{ contract.date_signed }}与甲方签订编号为{{ contract.number }}的借款合同，借款本金"
            "{{ contract.principal.figures }}（大写：人民币{{ contract.principal.upper }}）。截至{{ figures_date }}，"
            + owed_intro)
    amount_lines(d, "owed")
    para(d, "合计：{{ owed_total.figures }}（大写：人民币{{ owed_total.upper }}）。")
    return d


def settlement_agreement():
    """还款协议 (减免) / 一次性结清协议: the lender's conditional waiver agreed with the debtor
    (collection.settlement, models/collection_settlement_document.py builds the data)."""
    d = agreement_head("乙方尚欠甲方已到期款项如下：")
    para(d, "乙方因{{ hardship }}，无力一次清偿全部欠款，向甲方申请减免。甲乙双方经协商一致，依照《中华人民共和国民法典》"
            "第五百四十三条、第五百七十五条的规定，就上述欠款的清偿达成如下协议：")
    # 民法典 第158条: a juridical act with a condition takes effect when the condition is met — the
    # waiver takes effect only once the debtor has paid in full and on time.
    para(d, "一、乙方应于{{ date_due }}前（含当日）向甲方偿还{{ to_pay.figures }}（大写：人民币{{ to_pay.upper }}）"
            "{% if lump_sum is defined %}，一次性结清上述已到期欠款{% endif %}。" + REPAYMENT)
    para(d, "二、乙方按第一条约定按期足额还款的，甲方减免乙方下列款项：")
    amount_lines(d, "waived")
    para(d, "减免合计：{{ waived_total.figures }}（大写：人民币{{ waived_total.upper }}）。依照《中华人民共和国民法典》"
            "第一百五十八条，上述减免以乙方按第一条按期足额还款为生效条件，自条件成就时生效；{{ figures_date }}之后就上述"
            "款项新产生的罚息一并免除。")
    para(d, "三、乙方未按第一条约定按期足额还款的，第二条约定的减免不发生效力，甲方有权依照原借款合同主张全部债权，"
            "乙方已还款项按原借款合同的约定抵充欠款。")
    para(d, "四、本协议仅涉及截至{{ figures_date }}已到期的款项；借款合同项下尚未到期的款项，乙方仍按原借款合同约定偿还。")
    para(d, "{% if guaranteed is defined %}五、本协议减轻乙方的债务。依照《中华人民共和国民法典》第六百九十五条第一款，"
            "保证人对变更后的债务仍承担保证责任；担保物权不受影响。{% endif %}")
    para(d, "{% if guaranteed is defined %}六{% else %}五{% endif %}、本协议自双方签字或盖章之日起生效，一式两份，"
            "甲乙双方各执一份，具有同等法律效力。")
    signature(d, "甲方：{{ company.name }}（盖章）", "{{ date }}")
    para(d)
    para(d, "乙方（签字并按手印）：______________    日期：______年____月____日", indent=False)
    save(d, "loan_collection", "settlement_agreement")


def restructuring_agreement():
    """分期还款协议 / 停息挂账分期还款协议: the new plan replacing the open installments
    (collection.settlement of kind restructuring, models/collection_settlement_document.py)."""
    d = agreement_head("乙方在该合同项下尚欠甲方款项如下（含尚未到期的各期本息）：")
    # 民法典 第543条: the parties may change their contract by agreement — the plan replaces the
    # repayment schedule of the loan contract.
    para(d, "乙方因{{ hardship }}，无力按原借款合同约定还款，向甲方申请分期还款。甲乙双方经协商一致，依照《中华人民共和国"
            "民法典》第五百四十三条的规定，变更原借款合同的还款安排，达成如下协议：")
    para(d, "一、乙方按下列计划分{{ plan_count }}期偿还本金及利息，合计{{ plan_total.figures }}（大写：人民币"
            "{{ plan_total.upper }}），原借款合同约定的还款计划不再执行：")
    for line in ["{%p for p in plan %}",
                 "第{{ p.number }}期：{{ p.date }}前（含当日）偿还{{ p.figures }}（大写：人民币{{ p.upper }}），其中本金"
                 "{{ p.principal.figures }}，利息{{ p.interest.figures }}；",
                 "{%p endfor %}"]:
        para(d, line)
    para(d, REPAYMENT)
    para(d, "{% if frozen is defined %}二、自本协议生效之日起停止计息：尚未到期各期的利息{{ frozen_interest.figures }}（大写："
            "人民币{{ frozen_interest.upper }}）不再收取，乙方按期还款期间不计罚息。{% else %}二、乙方任何一期未按期足额还款的，"
            "自该期到期之次日起按原借款合同约定的逾期利率计收罚息。{% endif %}")
    # 民法典 第575条 (release) on condition of the payments (第158条): the held amounts are waived
    # only once the whole plan is paid.
    para(d, "三、截至{{ figures_date }}已产生的下列款项暂予挂账，乙方按第一条约定按期足额还清全部款项的，甲方依照《中华人民"
            "共和国民法典》第五百七十五条予以免除：")
    amount_lines(d, "held")
    para(d, "依照《中华人民共和国民法典》第一百五十八条，上述免除以乙方按期足额还清全部分期款项为生效条件，自条件成就时生效。")
    # 民法典 第577条: a party that does not perform bears liability for breach.
    para(d, "四、乙方任何一期款项逾期超过{{ grace_days }}日未足额偿还的，视为乙方违约，甲方有权依照《中华人民共和国民法典》"
            "第五百七十七条要求乙方承担违约责任，对逾期款项继续催收，并有权依照原借款合同的约定宣布全部未还款项提前到期。"
            "{% if revoked is defined %}"
            "第三条约定的挂账款项不予免除，乙方应一并偿还，各期逾期款项自该期到期之次日起计收罚息。{% else %}"
            "第三条约定的挂账款项仍予免除，各期逾期款项自违约之日起计收罚息。{% endif %}乙方已还款项按原借款合同的约定抵充欠款。")
    para(d, "{% if guaranteed is defined %}五、本协议未加重乙方的债务。依照《中华人民共和国民法典》第六百九十五条，保证人对"
            "变更后的债务仍承担保证责任；还款期限的变更未经保证人书面同意的，保证期间仍为原借款合同约定或者法律规定的期间；"
            "担保物权不受影响。{% endif %}")
    para(d, "{% if guaranteed is defined %}六{% else %}五{% endif %}、本协议自双方签字或盖章之日起生效，一式两份，"
            "甲乙双方各执一份，具有同等法律效力。")
    signature(d, "甲方：{{ company.name }}（盖章）", "{{ date }}")
    para(d)
    para(d, "乙方（签字并按手印）：______________    日期：______年____月____日", indent=False)
    save(d, "loan_collection", "restructuring_agreement")


BUILDERS = [overdue_notice, guarantor_demand, settlement_agreement, restructuring_agreement]


# Court filings of loan_legal ------------------------------------------------------------------
# Common names: company (the plaintiff / applicant: name, address, phone, legal_representative,
# credit_code), defendants (list: role, name, kind 'person'/'company', id_label, id_number,
# address, phone, legal_representative, birth, gender), court, case (number, appeal_number,
# enforcement_number), contract, guarantees, claim, claims (numbered requests), date.

PARTIES = [
    "{%p for d in defendants %}",
    "被申请人（{{ d.role }}）：{{ d.name }}{% if d.kind == 'person' %}，{{ d.gender }}，{{ d.birth }}出生{% endif %}，"
    "{{ d.id_label }}：{{ d.id_number }}，住所：{{ d.address }}{% if d.kind == 'company' %}，法定代表人："
    "{{ d.legal_representative }}{% endif %}，联系电话：{{ d.phone }}。",
    "{%p endfor %}",
]


def applicant(d, label="申请人"):
    para(d, label + "：{{ company.name }}，住所：{{ company.address }}，统一社会信用代码：{{ company.credit_code }}。", indent=False)
    para(d, "法定代表人：{{ company.legal_representative }}，联系电话：{{ company.phone }}。", indent=False)


def parties(d, label="被申请人"):
    for line in PARTIES:
        para(d, line.replace("被申请人", label), indent=False)


# The element-style complaint (民事起诉状（要素式）金融借款合同纠纷, 最高人民法院、司法部 2024, revised 2025), element
# by element in its order and with its labels: parties (plaintiff, agent, defendants), claims and their
# basis (本金; 利息（期内利息、复利、罚息）with how computed; acceleration or termination; security;
# costs of realising the claim; court costs; other claims; total), agreed jurisdiction and preservation,
# facts and reasons (19 elements, the legal basis as the 17th), the parties' view of mediation (three
# questions). The order and labels were checked against two independent transcriptions of the 2025
# form (element lists of public projects that fill the official .docx). An element the data does not
# give is left for the lawyer, never invented: the two questions of what the plaintiff knows of
# mediation are left unticked for the signatory.
COMPLAINT_PARTIES = [
    "{%p for d in defendants %}",
    "被告（{{ d.role }}）：{{ d.name }}{% if d.kind == 'person' %}，{{ d.gender }}，{{ d.birth }}出生"
    "{% if d.ethnicity is defined %}，{{ d.ethnicity }}{% endif %}{% endif %}，{{ d.id_label }}：{{ d.id_number }}，"
    "住所：{{ d.address }}{% if d.residence is defined %}，经常居住地：{{ d.residence }}{% endif %}"
    "{% if d.kind == 'company' %}{% if d.registered_place is defined %}，登记地：{{ d.registered_place }}{% endif %}"
    "{% if d.company_type is defined %}，类型：{{ d.company_type }}{% endif %}，法定代表人："
    "{{ d.legal_representative }}{% endif %}，联系电话：{{ d.phone }}。",
    "{%p endfor %}",
]


def complaint():
    d = layout.new_document()
    title(d, "民事起诉状", "（金融借款合同纠纷）")
    para(d, "说明：本起诉状按照要素式格式填写，与证据清单一并提交。", indent=False)
    heading(d, "一、当事人信息")
    para(d, "原告：{{ company.name }}，住所：{{ company.address }}{% if company.registered_place is defined %}，登记地："
            "{{ company.registered_place }}{% endif %}{% if company.company_type is defined %}，类型：{{ company.company_type }}"
            "{% endif %}，统一社会信用代码：{{ company.credit_code }}。", indent=False)
    para(d, "法定代表人：{{ company.legal_representative }}，联系电话：{{ company.phone }}。", indent=False)
    para(d, "委托诉讼代理人：{{ agent }}。", indent=False)
    for line in COMPLAINT_PARTIES:
        para(d, line, indent=False)
    heading(d, "二、诉讼请求和依据")
    table(d, ["要素", "内容"], [
        ["1. 本金", "截至{{ claim.date }}止，尚欠本金{{ claim.principal.figures }}（大写：人民币{{ claim.principal.upper }}）"],
        ["2. 利息（期内利息、复利、罚息）",
         "截至{{ claim.date }}止，欠期内利息{{ claim.interest.figures }}（大写：人民币{{ claim.interest.upper }}）、"
         "{% if claim.compound is defined %}复利{{ claim.compound.figures }}（大写：人民币{{ claim.compound.upper }}）、"
         "{% else %}复利未主张、{% endif %}"
         "罚息（违约金）{{ claim.penalty.figures }}（大写：人民币{{ claim.penalty.upper }}）；"
         "计算方式：期内利息{{ claim.interest_method }}；罚息{{ claim.penalty_method }}；{{ claim.basis }}。"
         "{% for line in claim.lines %}{{ line }}{% endfor %}"
         "是否请求支付至实际清偿之日止：是"],
        ["3. 是否要求提前还款或解除合同", "{{ contract.acceleration }}"],
        ["4. 是否主张担保权利", "{{ claim.security }}"],
        ["5. 是否主张实现债权的费用", "{% if claim.costs.figures != '¥0.00' %}是：{{ claim.costs.figures }}（大写：人民币"
                                 "{{ claim.costs.upper }}）{% else %}否{% endif %}"],
        ["6. 是否主张诉讼费用", "是：本案诉讼费、保全费等诉讼费用由被告承担"],
        ["7. 其他请求", "无"],
        ["8. 标的总额", "{{ claim.total.figures }}（大写：人民币{{ claim.total.upper }}）"],
    ], widths=[4, 11.6])
    para(d)
    heading(d, "诉讼请求：")
    para(d, "{%p for c in claims %}")
    numbered(d, "{{ c }}")
    para(d, "{%p endfor %}")
    heading(d, "三、约定管辖和诉讼保全")
    table(d, ["要素", "内容"], [
        ["1. 有无仲裁、法院管辖约定", "{{ contract.jurisdiction }}"],
        ["2. 是否已经诉前保全", "{{ preservation }}"],
    ], widths=[4, 11.6])
    heading(d, "四、事实与理由")
    table(d, ["要素", "内容"], [
        ["1. 合同签订情况（名称、编号、签订时间、地点）",
         "{{ contract.date_signed }}在{{ contract.place_signed }}签订编号为{{ contract.number }}的借款合同"],
        ["2. 合同主体", "贷款人：{{ company.name }}；借款人：{{ contract.borrower }}"],
        ["3. 借款金额", "约定{{ contract.principal.figures }}；实际发放{{ contract.disbursed.figures }}"],
        ["4. 借款期限", "{{ contract.matured }}；约定期限：自{{ contract.date_disbursed }}至{{ contract.date_maturity }}，"
                     "共{{ contract.term }}"],
        ["5. 借款利率", "年利率{{ contract.annual_rate }}；逾期罚息利率为年利率{{ contract.overdue_rate }}"
                     "{% if claim.compound is defined %}；复利按合同约定计收{% endif %}"],
        ["6. 借款提供时间", "{{ contract.disbursed_on }}"],
        ["7. 还款方式", "{{ contract.method }}"],
        ["8. 还款情况", "已还本金{{ contract.repaid_principal.figures }}，已还利息{{ contract.repaid_interest.figures }}，"
                     "已还罚息{{ contract.repaid_penalty.figures }}，"
                     "{% if contract.interest_paid_to is defined %}还息至{{ contract.interest_paid_to }}"
                     "{% else %}尚无一期利息还清{% endif %}"],
        ["9. 是否存在逾期还款", "{% if contract.overdue_since is defined %}是，自{{ contract.overdue_since }}起逾期未还款"
                          "{% else %}否{% endif %}"],
        ["10. 是否签订物的担保（抵押、质押）合同",
         "{% if collaterals %}是：{% for g in collaterals %}担保合同{{ g.contract_number }}；{% endfor %}{% else %}否{% endif %}"],
        ["11. 担保人、担保物", "{% if collaterals %}{% for g in collaterals %}担保人：{{ g.name }}（{{ g.role }}），担保物："
                           "{{ g.collateral }}，{{ g.kind }}；{% endfor %}{% else %}不适用{% endif %}"],
        ["12. 是否最高额担保（抵押、质押）", "{% if maximum %}是：{% for g in maximum %}{{ g.name }}，最高债权额"
                                       "{{ g.ceiling.figures }}；{% endfor %}{% else %}否{% endif %}"],
        ["13. 是否办理抵押、质押登记", "{% if collaterals %}{% for g in collaterals %}{{ g.name }}："
                                 "{% if g.registration is defined %}已登记，{{ g.registration }}{% else %}未登记{% endif %}；"
                                 "{% endfor %}{% else %}不适用{% endif %}"],
        ["14. 是否签订保证合同/保函", "{% if sureties %}是：{% for g in sureties %}{{ g.name }}（{{ g.role }}），担保合同"
                                "{{ g.contract_number }}；{% endfor %}{% else %}否{% endif %}"],
        ["15. 保证方式", "{% if sureties %}{% for g in sureties %}{{ g.name }}：{{ g.kind }}；{% endfor %}{% else %}不适用{% endif %}"],
        ["16. 其他担保方式", "否"],
        ["17. 请求承担责任的依据", "合同约定：编号为{{ contract.number }}的借款合同{% if sureties or collaterals %}及上述担保合同"
                               "{% endif %}；法律规定：{{ statutes }}"],
        ["18. 其他需要说明的内容", "{% if contract.demands is defined %}{{ contract.demands }}{% endif %}"],
        ["19. 证据清单", "见证据清单"],
    ], widths=[4, 11.6])
    para(d)
    para(d, "综上，被告未按约还款，已构成违约。原告根据{{ statutes }}之规定，特向贵院提起诉讼，请求依法判如所请。")
    heading(d, "五、对纠纷解决方式的意愿")
    table(d, ["问题", "回答"], [
        ["1. 是否了解调解作为非诉讼纠纷解决方式，能及时、高效、低成本、不伤和气地解决纠纷", "了解□　不了解□"],
        ["2. 是否了解先行调解解决纠纷的好处", "了解□　不了解□"],
        ["3. 是否考虑先行调解", "{{ mediation }}"],
    ], widths=[9, 6.6])
    para(d, "此致")
    para(d, "{{ court.name }}", indent=False)
    signature(d, "具状人：{{ company.name }}（盖章）", "{{ date }}")
    para(d, "附：本起诉状副本{{ defendants|length }}份；证据清单一份。", indent=False)
    save(d, "loan_legal", "complaint")


# A case number carries its own brackets (（2026）浙0106民初1234号): never put it inside another pair.


def preservation():
    d = layout.new_document()
    title(d, "财产保全申请书")
    applicant(d)
    parties(d)
    heading(d, "请求事项：")
    # Against each respondent by its role (LegalCase._preservation_groups): all the property of
    # the borrower and of the guarantors liable in full, a third party's collateral only.
    numbered(d, "请求依法冻结被申请人{{ preservation.full }}名下银行存款{{ preservation.amount.figures }}（大写：人民币"
                "{{ preservation.amount.upper }}），或查封、扣押其名下等值的其他财产；")
    para(d, "{%p for c in preservation.collaterals %}")
    numbered(d, "请求依法查封、扣押或者冻结被申请人{{ c.owner }}提供的{{ c.word }}（{{ c.collateral }}）；", restart=False)
    para(d, "{%p endfor %}")
    numbered(d, "保全费用由被申请人承担。", restart=False)
    heading(d, "事实与理由：")
    para(d, "申请人与被申请人{{ case.dispute }}一案{% if case.number is defined %}，案号{{ case.number }}{% endif %}，"
            "被申请人未按约履行还款义务，截至{{ claim.date }}尚欠款项合计{{ claim.total.figures }}。为防止被申请人转移、隐匿财产，"
            "致使将来的判决难以执行，根据《中华人民共和国民事诉讼法》第一百零三条之规定，特申请财产保全。"
            "{% if preservation.general is defined %}{{ preservation.general }}{% endif %}")
    para(d, "{% if assets %}已知被申请人财产线索如下：{% endif %}")
    para(d, "{%p for a in assets %}")
    numbered(d, "{{ a.owner }}名下{{ a.kind }}：{{ a.details }}，估值{{ a.value.figures }}。")
    para(d, "{%p endfor %}")
    para(d, "申请人愿以{{ preservation.guarantee }}提供担保，如申请错误，愿承担由此给被申请人造成的损失。")
    para(d, "此致")
    para(d, "{{ court.name }}", indent=False)
    signature(d, "申请人：{{ company.name }}（盖章）", "{{ date }}")
    save(d, "loan_legal", "preservation")


def enforcement():
    d = layout.new_document()
    title(d, "强制执行申请书")
    applicant(d)
    parties(d)
    heading(d, "执行依据：")
    para(d, "{{ judgment.basis }}，于{{ judgment.effective }}发生法律效力。")
    heading(d, "请求事项：")
    # The request is the judgment's operative terms as written (判决主文), then the doubled interest
    # for the delay (民诉法 2023 第二百六十四条) and the costs.
    numbered(d, "请求强制被申请人履行{{ judgment.basis }}确定的下列义务：")
    para(d, "{%p for line in judgment.terms %}")
    para(d, "{{ line }}")
    para(d, "{%p endfor %}")
    para(d, "（截至本申请之日尚未履行的金额为{{ enforcement.amount.figures }}，大写：人民币{{ enforcement.amount.upper }}）；")
    numbered(d, "请求强制被申请人加倍支付迟延履行期间的债务利息（《中华人民共和国民事诉讼法》第二百六十四条）；",
             restart=False)
    numbered(d, "本案执行费用由被申请人承担。", restart=False)
    heading(d, "事实与理由：")
    para(d, "{{ judgment.court }}于{{ judgment.date }}作出{{ case.number }}{{ judgment.kind }}{% if judgment.appeal is defined %}，"
            "经上诉，{{ judgment.appeal }}{% endif %}，该{{ judgment.kind }}已于"
            "{{ judgment.effective }}发生法律效力，确定的履行期限已于{{ judgment.performance_deadline }}届满，被申请人至今未履行"
            "或未全部履行。根据《中华人民共和国民事诉讼法》第二百四十七条、第二百五十条之规定，申请人在法定期限内申请强制执行。")
    para(d, "{% if assets %}已知被申请人财产线索：{% endif %}")
    para(d, "{%p for a in assets %}")
    numbered(d, "{{ a.owner }}名下{{ a.kind }}：{{ a.details }}。")
    para(d, "{%p endfor %}")
    para(d, "此致")
    para(d, "{{ enforcement.court }}", indent=False)
    signature(d, "申请人：{{ company.name }}（盖章）", "{{ date }}")
    save(d, "loan_legal", "enforcement")


def consumption_restriction():
    d = layout.new_document()
    title(d, "限制消费令申请书")
    applicant(d)
    parties(d)
    heading(d, "请求事项：")
    para(d, "请求对被申请人{{ restriction.person }}采取限制消费措施，限制其高消费及非生活和工作必需的消费行为"
            "{% if restriction.company_people is defined %}，并限制其{{ restriction.company_people }}实施上述消费行为"
            "{% endif %}。")
    heading(d, "事实与理由：")
    para(d, "申请人与被申请人{{ case.dispute }}一案，{{ judgment.basis }}已发生法律效力，"
            "申请人已申请强制执行，执行案号{{ case.enforcement_number }}。被申请人未按执行通知书指定的期间履行生效法律文书确定的"
            "给付义务。根据《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第一条、第三条之规定，特申请对被申请人"
            "限制消费：不得乘坐飞机、列车软卧、轮船二等以上舱位，不得在星级以上宾馆、酒店、夜总会、高尔夫球场等场所进行高消费，"
            "不得购买不动产或者新建、扩建、高档装修房屋，不得租赁高档写字楼、宾馆、公寓等场所办公，不得购买非经营必需车辆，"
            "不得旅游、度假，子女不得就读高收费私立学校，不得支付高额保费购买保险理财产品，不得乘坐G字头动车组列车全部座位、"
            "其他动车组列车一等以上座位等其他非生活和工作必需的消费行为。{% if restriction.company_people is defined %}"
            "被申请人为单位，依照该规定第三条第二款，其{{ restriction.company_people }}亦不得实施上述行为。{% endif %}")
    para(d, "此致")
    para(d, "{{ court.name }}", indent=False)
    signature(d, "申请人：{{ company.name }}（盖章）", "{{ date }}")
    save(d, "loan_legal", "consumption_restriction")


def dishonest_listing():
    d = layout.new_document()
    title(d, "纳入失信被执行人名单申请书")
    applicant(d)
    parties(d)
    heading(d, "请求事项：")
    para(d, "请求将被申请人{{ restriction.person }}纳入失信被执行人名单，并依法予以信用惩戒。")
    heading(d, "事实与理由：")
    para(d, "{{ judgment.basis }}已发生法律效力，申请人已申请强制执行，"
            "执行案号{{ case.enforcement_number }}。被申请人至今未履行生效法律文书确定的义务，且{{ restriction.facts }}，"
            "属于《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（{{ restriction.ground_item }}）项规定的"
            "“{{ restriction.ground }}”情形。根据该规定第一条之规定，特申请将被申请人纳入失信被执行人名单。")
    para(d, "此致")
    para(d, "{{ court.name }}", indent=False)
    signature(d, "申请人：{{ company.name }}（盖章）", "{{ date }}")
    save(d, "loan_legal", "dishonest_listing")


def power_of_attorney():
    d = layout.new_document()
    title(d, "授权委托书")
    para(d, "委托人：{{ company.name }}，住所：{{ company.address }}。", indent=False)
    para(d, "法定代表人：{{ company.legal_representative }}。", indent=False)
    para(d, "受托人：{{ lawyer.name }}，{{ lawyer.position }}，联系电话：{{ lawyer.phone }}。", indent=False)
    para(d, "现委托上列受托人在我方与{{ defendant_names }}{{ case.dispute }}一案中，作为我方诉讼代理人。")
    para(d, "代理权限为：特别授权，包括代为起诉、应诉，代为承认、放弃、变更诉讼请求，进行和解，提起反诉或者上诉，"
            "代为申请财产保全、申请强制执行，代为签收法律文书，代为领取执行款项（《中华人民共和国民事诉讼法》第六十二条）。")
    para(d, "代理期限：自本委托书签署之日起至本案执行终结之日止。")
    para(d, "此致")
    para(d, "{{ court.name }}", indent=False)
    signature(d, "委托人：{{ company.name }}（盖章）", "{{ date }}")
    para(d, "法定代表人（签字）：______________", indent=False, align="right")
    save(d, "loan_legal", "power_of_attorney")


def evidence_list():
    d = layout.new_document()
    title(d, "证据清单")
    para(d, "案由：{{ case.dispute }}    原告：{{ company.name }}    被告：{{ defendant_names }}", indent=False)
    t = table(d, ["序号", "证据名称", "证据来源", "证明对象", "页数"], [
        ["{%tr for e in evidence %}", "", "", "", ""],
        ["{{ loop.index }}", "{{ e.name }}", "{{ e.source }}", "{{ e.purpose }}", "{{ e.pages }}"],
        ["{%tr endfor %}", "", "", "", ""],
    ], widths=[1.5, 4.5, 3, 5.5, 1.5])
    para(d)
    para(d, "提交人：{{ company.name }}（盖章）", indent=False, align="right")
    para(d, "{{ date }}", indent=False, align="right")
    save(d, "loan_legal", "evidence_list")


def recourse_complaint():
    """The complaint of a guarantee company that paid the lender (追偿权纠纷, 民法典 第七百条): what it
    paid, when, what the debtor paid back since, the agreed interest on the rest, and the
    counter-guarantees claimed on (第三百八十七条第二款)."""
    d = layout.new_document()
    title(d, "民事起诉状", "（追偿权纠纷）")
    para(d, "原告：{{ company.name }}，住所：{{ company.address }}，统一社会信用代码：{{ company.credit_code }}。", indent=False)
    para(d, "法定代表人：{{ company.legal_representative }}，联系电话：{{ company.phone }}。", indent=False)
    para(d, "委托诉讼代理人：{{ agent }}。", indent=False)
    for line in COMPLAINT_PARTIES:
        para(d, line, indent=False)
    heading(d, "诉讼请求：")
    para(d, "{%p for c in claims %}")
    numbered(d, "{{ c }}；")
    para(d, "{%p endfor %}")
    para(d, "以上合计{{ recourse.total.figures }}（大写：人民币{{ recourse.total.upper }}），暂计至{{ recourse.claim_date }}。")
    heading(d, "事实与理由：")
    para(d, "{% if contract.date_signed is defined %}{{ contract.date_signed }}，{% endif %}被告{{ contract.borrower }}与"
            "{{ recourse.lender }}签订编号为{{ contract.number }}的借款合同，借款{{ contract.principal.figures }}。原告"
            "{% if recourse.agreement is defined %}依{{ recourse.agreement }}{% endif %}为该笔借款向{{ recourse.lender }}"
            "提供保证。{% for g in counter %}{{ g }}。{% endfor %}因被告{{ contract.borrower }}未按约还款，原告于"
            "{{ recourse.paid_date }}代其向{{ recourse.lender }}清偿{{ recourse.paid.figures }}（大写：人民币"
            "{{ recourse.paid.upper }}）{% if recourse.repaid is defined %}，其后被告向原告归还{{ recourse.repaid.figures }}"
            "{% endif %}，尚欠代偿款{{ recourse.outstanding.figures }}未还。")
    para(d, "原告承担保证责任后，有权在其承担保证责任的范围内向债务人追偿。根据{{ statutes }}之规定，特向贵院提起诉讼，"
            "请求判如所请。")
    para(d, "此致")
    para(d, "{{ court.name }}", indent=False)
    signature(d, "具状人：{{ company.name }}（盖章）", "{{ date }}")
    save(d, "loan_legal", "recourse_complaint")


BUILDERS += [complaint, recourse_complaint, preservation, enforcement, consumption_restriction, dishonest_listing, power_of_attorney,
             evidence_list]

if __name__ == "__main__":
    for build in BUILDERS:
        build()

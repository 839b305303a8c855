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
para, title, heading, table, signature = layout.para, layout.title, layout.heading, layout.table, layout.signature


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


def overdue_notice():
    d = layout.new_document()
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
    para(d, "逾期时间越长，贵方承担的责任越大，罚息越多；逾期记录已报送金融信用信息基础数据库，将影响贵方今后的"
            "融资。{% if guaranteed %}贵方原享有的按期还款优惠亦不再适用。{% endif %}请贵方在收到本通知书之日起"
            "{{ pay_within_days }}日内归还上述全部欠款。逾期仍不归还的，我司将依法向人民法院提起诉讼，并主张由此"
            "产生的诉讼费、保全费、律师费等实现债权的全部费用。")
    para(d, "特此通知。")
    para(d, "联系地址：{{ company.address }}")
    para(d, "联系电话：{{ company.phone }}")
    signature(d, "{{ company.name }}（盖章）", "{{ date }}")
    para(d)
    para(d, "签收人：______________    签收日期：______年____月____日", indent=False)
    save(d, "loan_collection", "overdue_notice")


def guarantor_demand():
    d = layout.new_document()
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
    para(d, "根据担保合同的约定及《中华人民共和国民法典》{{ guarantee.article }}的规定，请贵方在收到本函之日起"
            "{{ pay_within_days }}日内代借款人清偿上述欠款。逾期未清偿的，我司将依法向人民法院起诉，追究贵方的担保责任。")
    para(d, "联系地址：{{ company.address }}")
    para(d, "联系电话：{{ company.phone }}")
    signature(d, "{{ company.name }}（盖章）", "{{ date }}")
    para(d)
    para(d, "签收人：______________    签收日期：______年____月____日", indent=False)
    save(d, "loan_collection", "guarantor_demand")


BUILDERS = [overdue_notice, guarantor_demand]

if __name__ == "__main__":
    for build in BUILDERS:
        build()

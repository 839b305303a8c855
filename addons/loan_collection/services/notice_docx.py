"""The overdue collection notice and the demand letter to a guarantor as .docx (python-docx).

Pure: a dict of particulars in, the bytes of the document out. Laid out as Chinese official
letters are: A4, title centred and bold, body in 仿宋 (with the East Asian font set, so Word
and WPS both use it), amounts in figures and in capital numerals (大写金额).
"""
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .amount_words import rmb_figures, rmb_upper

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"

TITLES = {
    # The guaranteed/entrusted-loan wording of the practice (担保贷款（委托贷款）逾期催收通知书).
    ("overdue_notice", "guaranteed"): "担保贷款逾期催收通知书",
    ("overdue_notice", "entrusted"): "委托贷款逾期催收通知书",
    ("overdue_notice", None): "贷款逾期催收通知书",
    ("guarantor_demand", None): "履行担保责任催告函",
}


def set_font(run, name, size, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    # Word reads the East Asian font from w:eastAsia; without it Chinese falls back to the default.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def new_document():
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(3.7 - 1.2)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    style = document.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    return document


def add_title(document, text):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run(text), TITLE_FONT, 22, bold=True)
    return paragraph


def add_body(document, text, indent=True, align=None):
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    if align:
        paragraph.alignment = align
    paragraph.paragraph_format.line_spacing = Pt(28)
    set_font(paragraph.add_run(text), BODY_FONT, 16)
    return paragraph


def money(amount):
    return "%s（大写：人民币%s）" % (rmb_figures(amount), rmb_upper(amount))


def build_notice(data):
    """The notice or demand letter for `data` (keys: kind, number, product_type, company,
    company_address, company_phone, addressee, debtor, contract, date_signed, principal,
    date_disbursed, date_maturity, overdue_principal, overdue_interest, penalty_interest, fees,
    total, days_overdue, pay_within_days, date). Returns the .docx bytes."""
    kind = data["kind"]
    title = TITLES.get((kind, data.get("product_type"))) or TITLES[(kind, None)]
    document = new_document()
    add_title(document, title)
    add_body(document, "编号：%s" % data["number"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add_body(document, "%s：" % data["addressee"], indent=False)
    if kind == "overdue_notice":
        add_body(document, "贵方于%s与我司签订编号为%s的借款合同，借款本金%s，借款期限自%s至%s。"
                 "截至本通知书发出之日，贵方已逾期%s天未按约履行还款义务。" % (
                     data["date_signed"], data["contract"], money(data["principal"]), data["date_disbursed"],
                     data["date_maturity"], data["days_overdue"]))
    else:
        add_body(document, "%s于%s与我司签订编号为%s的借款合同，借款本金%s，贵方为该笔借款提供担保。"
                 "借款人已逾期%s天未按约还款。" % (
                     data["debtor"], data["date_signed"], data["contract"], money(data["principal"]),
                     data["days_overdue"]))
    add_body(document, "截至本通知书发出之日，逾期欠款如下：")
    for label, key in (("逾期本金", "overdue_principal"), ("逾期利息", "overdue_interest"),
                       ("罚息", "penalty_interest"), ("实现债权的费用", "fees")):
        if data.get(key):
            add_body(document, "%s：%s；" % (label, money(data[key])))
    add_body(document, "合计：%s。" % money(data["total"]))
    if kind == "overdue_notice":
        add_body(document, "逾期时间越长，贵方承担的责任越大，罚息越多，逾期记录已报送金融信用信息基础数据库，"
                 "将影响贵方今后的融资。请贵方在收到本通知书之日起%s日内归还上述全部欠款。逾期不还，"
                 "我司将依法向人民法院提起诉讼，并依法主张由此产生的全部费用。" % data["pay_within_days"])
    else:
        add_body(document, "根据担保合同的约定，请贵方在收到本函之日起%s日内代借款人清偿上述欠款，"
                 "否则我司将依法追究贵方的担保责任。" % data["pay_within_days"])
    add_body(document, "联系地址：%s    联系电话：%s" % (data.get("company_address", ""), data.get("company_phone", "")))
    add_body(document, "")
    add_body(document, data["company"] + "（盖章）", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add_body(document, str(data["date"]), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add_body(document, "")
    add_body(document, "签收人：____________    签收日期：____年____月____日", indent=False)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()

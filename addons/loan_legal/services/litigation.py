# -*- coding: utf-8 -*-
"""What a legal case needs before it may enter a stage, and the order of its dates.

Pure Python, no ``odoo`` import: the model gathers the case's data into a plain
dict, asks these functions what is wrong, and turns the answer (codes) into
translated messages.  Dates are compared as ``datetime.date`` or as ISO strings
('YYYY-MM-DD', as Odoo 11 stores them): both sort in calendar order, as long as
one case does not mix the two.
"""
import datetime
import re

from . import deadlines

# 最高人民法院关于人民法院案件案号的若干规定 (法〔2015〕137号) 第四条: a case number is 收案年度 in
# full-width brackets, 法院代字, 类型代字, 案件编号 and 号 — （2026）浙0106民初1234号, （2026）浙01民终567号,
# （2023）最高法民再12号; a number split off another takes 之一, 之二 (（2025）浙0106执999号之一).
CASE_NUMBER = re.compile(r"^（(19|20)[0-9]{2}）[\u4e00-\u9fff]{1,3}[0-9]{0,4}[\u4e00-\u9fff]{1,6}[0-9]{1,6}号"
                         r"(之[一二三四五六七八九十]+)?$")

# 民法典 第17条: 十八周岁以上的自然人为成年人.
AGE_OF_MAJORITY = 18

PREPARATION = 'preparation'
FILED = 'filed'
TRIAL = 'trial'
JUDGMENT = 'judgment'
APPEAL = 'appeal'
EFFECTIVE = 'effective'
ENFORCEMENT = 'enforcement'
ASSET_CONTROL = 'asset_control'
RESTRICTION = 'restriction'
CLOSED = 'closed'

# The path of a case.  Appeal is optional: a case may go from judgment straight to
# effective.  Closed can be reached from any stage (withdrawal, settlement ...).
STAGES = (PREPARATION, FILED, TRIAL, JUDGMENT, APPEAL, EFFECTIVE, ENFORCEMENT,
          ASSET_CONTROL, RESTRICTION, CLOSED)

CLOSING_TERMINATED = 'terminated'  # 终结本次执行程序 (终本), only in enforcement

# The dates of a case in the order in which they must fall; a missing date is
# skipped, so filing <= served is still checked when the judgment date is blank.
# 立案 -> 判决 -> 送达 -> (上诉) -> 生效 -> 申请执行.  Equal dates are allowed.
DATE_ORDER = ('filing_date', 'judgment_date', 'judgment_served_date', 'appeal_date',
              'effective_date', 'enforcement_date')

# Stage -> data it needs, for the stages of the path.  Requirements accumulate:
# a stage needs its own data and that of every mandatory stage before it.
_OWN_REQUIREMENTS = {
    PREPARATION: (),
    FILED: ('court', 'filing_date'),
    TRIAL: (),
    JUDGMENT: ('judgment_date',),
    APPEAL: ('judgment_served_date', 'appeal_date'),
    EFFECTIVE: ('judgment_served_date', 'effective_date'),
    ENFORCEMENT: ('enforcement_date',),
    ASSET_CONTROL: (),
    RESTRICTION: (),
}
# Appeal is optional: later stages do not need an appeal date.
_OPTIONAL_STAGES = (APPEAL,)


def stage_index(stage):
    """Position of ``stage`` on the path (ValueError for an unknown stage)."""
    if stage not in STAGES:
        raise ValueError("Unknown stage %r; accepted values: %s." % (stage, ", ".join(STAGES)))
    return STAGES.index(stage)


def is_after_filing(stage):
    """True for the stages that exist only once the claim is filed (not closed)."""
    return stage != CLOSED and stage_index(stage) >= stage_index(FILED)


def missing_for_stage(stage, case, check_evidence=False):
    """Return the codes of the data ``case`` lacks to be in ``stage``, in a stable order.

    :param case: a dict with the keys of ``DATE_ORDER`` (a date or a false value),
        ``court`` (truthy when a court is set), ``missing_evidence`` (names of the
        required evidence not yet collected), ``closing_reason``.
    :param check_evidence: also require the evidence (when the claim is being
        filed: 民诉法 第124条 wants the evidence and its sources in the complaint).
    :returns: a list of codes: the keys of ``case`` that are missing, plus
        ``'evidence'`` when required evidence is not collected.
    """
    index = stage_index(stage)
    needed = []
    if stage == CLOSED:
        needed.append('closing_reason')
        if case.get('closing_reason') == CLOSING_TERMINATED:
            # 终本 ends an enforcement: there must have been one.
            needed.append('enforcement_date')
    else:
        for earlier in STAGES[:index + 1]:
            if earlier in _OPTIONAL_STAGES and earlier != stage:
                continue
            for key in _OWN_REQUIREMENTS[earlier]:
                if key not in needed:
                    needed.append(key)
    missing = [key for key in needed if not case.get(key)]
    if check_evidence and is_after_filing(stage) and case.get('missing_evidence'):
        missing.append('evidence')
    return missing


def furthest_stage(case):
    """The last stage of the path whose data ``case`` has (appeal and the stages that
    need no data of their own are skipped): where a reopened case resumes."""
    for stage in (ENFORCEMENT, EFFECTIVE, JUDGMENT, FILED):
        if not missing_for_stage(stage, case):
            return stage
    return PREPARATION


def dates_out_of_order(case):
    """Return the pairs ``(earlier_key, later_key)`` of dates of ``case`` in the wrong order.

    Every pair of dates present in ``case`` is compared along ``DATE_ORDER``
    (not only neighbours), so a gap in the chain hides no error.
    """
    present = [(key, case[key]) for key in DATE_ORDER if case.get(key)]
    wrong = []
    for i, (earlier_key, earlier) in enumerate(present):
        for later_key, later in present[i + 1:]:
            if later < earlier:
                wrong.append((earlier_key, later_key))
    return wrong


def is_minor(birth_date, on_date):
    """True when a person born on ``birth_date`` is a minor on ``on_date``.

    民法典 第17条: adult at 18.  The 18th birthday itself still counts as a minor here:
    age in full years (周岁) is reckoned from the day after the birthday (最高法 practice
    in criminal matters), and a listing of a minor is forbidden outright (失信名单规定
    第四条), so the safe reading is used.  A 29 February birthday falls on 28 February
    in common years (民法典 第202条, see ``deadlines.add_years``).
    """
    if not isinstance(birth_date, datetime.date) or not isinstance(on_date, datetime.date):
        raise TypeError("birth_date and on_date must be datetime.date values.")
    return on_date <= deadlines.add_years(birth_date, AGE_OF_MAJORITY)


def case_number(text):
    """``(number, ok)``: ``text`` as a court writes it — no spaces, the year's brackets full-width
    ((2026) → （2026）) — and whether it has the form of CASE_NUMBER. Empty stays empty (ok)."""
    if not text:
        return text, True
    number = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")
    return number, bool(CASE_NUMBER.match(number))

"""Who answers to the company for a loan, and as what (pure rules, no Odoo).

The company is the lender, or the guarantee company that paid the lender and claims back
(creditor_role on res.company). A guarantor answers to the lender (民法典 第681条); a
counter-guarantor answers to the guarantor (民法典 第387条第二款), so to the company only when the
company is that guarantee company, which then claims from the debtor and the counter-guarantors
(民法典 第700条).
"""
LENDER = "lender"
GUARANTEE_COMPANY = "guarantee_company"


def answers_to_company(role, creditor_role):
    """Whether a guarantee of `role` ('guarantor' / 'counter_guarantor') is owed to the company:
    its giver is then a defendant of the company's suit and gets the company's demand letter."""
    if creditor_role == GUARANTEE_COMPANY:
        return role == "counter_guarantor"
    return role == "guarantor"


def liability(guarantee_type):
    """How the giver of a guarantee of `guarantee_type` answers:

    - 'collateral': a mortgagor or pledgor answers with the collateral only, the creditor being
      paid first from its value (优先受偿: 民法典 第394、410条 mortgage, 第425、436条 pledge);
    - 'supplementary': a general guarantor pays only what enforcement against the debtor's
      property leaves unpaid (先诉抗辩权, 民法典 第687条);
    - 'joint': a joint and several guarantor pays on demand like the debtor (民法典 第688条);
      a counter-guarantee is given in one of these forms and is joint unless agreed otherwise.
    """
    if guarantee_type in ("mortgage", "pledge"):
        return "collateral"
    if guarantee_type == "general":
        return "supplementary"
    return "joint"


def party_word(role, guarantee_type):
    """The party's title in a court document: 抵押人 / 出质人 for a third-party mortgagor or
    pledgor (not 保证人), 反担保人 for a counter-guarantor, 保证人 otherwise."""
    if role == "counter_guarantor":
        return "反担保人"
    return {"mortgage": "抵押人", "pledge": "出质人"}.get(guarantee_type, "保证人")

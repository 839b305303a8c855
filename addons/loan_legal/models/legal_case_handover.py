# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One open legal case per loan contract, and who takes a transferred case.

A contract is litigated once at a time: a second suit on the same claim between the same parties
is refused by the court (重复起诉, 民诉法解释 第247条), so a second open legal case for the same
contract would only split the evidence, the deadlines and the costs. It is refused on every path
(the transfer, a direct create or write over RPC, reopening a closed case), and a partial unique
index keeps two simultaneous transfers from both getting through."""
import logging

import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.addons.loan_collection.models.res_company import business_today

from .legal_evidence import EVIDENCE_NAMES

_logger = logging.getLogger(__name__)

LEGAL_USER_GROUP = "loan_legal.group_legal_user"
# The contract of each kind of guarantee, and what it proves (证明目的), as the evidence list states
# them: document content, Chinese whatever the user's language.
GUARANTEE_EVIDENCE = {
    "joint": ("保证合同", "证明被告%(name)s以连带责任保证方式为借款提供保证及保证范围、保证期间"),
    "general": ("保证合同", "证明被告%(name)s以一般保证方式为借款提供保证及保证范围、保证期间"),
    "mortgage": ("抵押合同", "证明被告%(name)s以%(collateral)s为借款提供抵押担保及担保范围"),
    "pledge": ("质押合同", "证明被告%(name)s以%(collateral)s为借款提供质押担保及担保范围"),
}


def guarantee_evidence(guarantee):
    """The evidence items of one guarantee: its contract, and its registration when recorded (an
    immovable's mortgage is created by registration, 民法典 第四百零二条, a movable's set up against
    third parties by it, 第四百零三条; a pledge of shares, receivables or other rights is created by
    registration, 第四百四十三条至第四百四十五条)."""
    kind = guarantee.guarantee_type if guarantee.guarantee_type in GUARANTEE_EVIDENCE else "joint"
    word, purpose = GUARANTEE_EVIDENCE[kind]
    values = {"name": guarantee.partner_id.name, "collateral": guarantee.collateral or "担保合同所列财产"}
    items = [{"kind": "guarantee_contract", "source": "signed", "purpose": purpose % values,
              "name": "%s（%s）" % (word, "，".join(filter(None, [guarantee.contract_number, values["name"]])))}]
    if kind in ("mortgage", "pledge") and (guarantee.registration_number or guarantee.registration_authority):
        word = "抵押" if kind == "mortgage" else "出质"
        items.append({"kind": "guarantee_contract", "source": "registry",
                      "name": "%s登记证明（%s）" % (word, " ".join(filter(None, [guarantee.registration_authority,
                                                                                guarantee.registration_number]))),
                      "purpose": "证明%s已办理%s登记" % (values["collateral"], word)})
    return items
LEGAL_MANAGER_GROUP = "loan_legal.group_legal_manager"


class ResCompany(models.Model):
    _inherit = "res.company"

    legal_default_lawyer_id = fields.Many2one(
        "res.users", string="Lawyer for Transferred Cases",
        domain=lambda self: [("groups_id", "in", self.env.ref(LEGAL_USER_GROUP).id)],
        help="Every case transferred to the legal team goes to this lawyer. Empty: to the legal user with the "
             "fewest open legal cases (legal managers only when there is no other legal user).")


class LegalCase(models.Model):
    _inherit = "legal.case"

    @api.model_cr
    def init(self):
        # The backstop of _check_one_open_per_contract for two transfers at the same moment. A
        # database that already holds duplicates keeps working (the constraint still refuses new
        # ones): the index is created once they are resolved.
        cr = self.env.cr
        try:
            with cr.savepoint():
                cr.execute("""CREATE UNIQUE INDEX IF NOT EXISTS legal_case_one_open_per_contract
                              ON legal_case (contract_id) WHERE stage != 'closed' AND contract_id IS NOT NULL""")
        except psycopg2.Error:
            _logger.warning("Some loan contracts have more than one open legal case: close the duplicates, "
                            "then upgrade loan_legal to add the index legal_case_one_open_per_contract.")

    @api.model
    def create(self, vals):
        # Checked before the row is written: the unique index would refuse it with a database error.
        if vals.get("contract_id") and vals.get("stage", "preparation") != "closed":
            self._refuse_second_open_case(self.env["loan.contract"].browse(vals["contract_id"]))
        return super(LegalCase, self).create(vals)

    @api.multi
    def _write_checked(self, vals):
        # Every write and every stage button (reopening included) comes through here.
        if "contract_id" in vals or "stage" in vals:
            for case in self:
                contract = self.env["loan.contract"].browse(vals["contract_id"]) if "contract_id" in vals \
                    else case.sudo().contract_id
                if contract and vals.get("stage", case.stage) != "closed":
                    self._refuse_second_open_case(contract, exclude=case)
        return super(LegalCase, self)._write_checked(vals)

    @api.model
    def _refuse_second_open_case(self, contract, exclude=None):
        other = self._open_legal_case_of(contract, exclude=exclude)
        if other:
            raise ValidationError(self._duplicate_message(other))

    @api.model
    def _open_legal_case_of(self, contract, exclude=None):
        """The open (not closed) legal case of `contract`, other than `exclude`, if any."""
        domain = [("contract_id", "=", contract.id), ("stage", "!=", "closed")]
        if exclude:
            domain.append(("id", "not in", [case.id for case in exclude if isinstance(case.id, int)]))
        return self.sudo().search(domain, order="id", limit=1)

    @api.multi
    def _duplicate_message(self, existing):
        """The refusal naming the existing legal case of the contract."""
        stages = dict(existing._fields["stage"]._description_selection(self.env))
        return _("Loan contract %s already has an open legal case, %s (stage: %s, lawyer: %s). A contract is "
                 "litigated in one legal case: open that case instead, or close it before opening another.") % (
            existing.contract_id.name, existing.name, stages[existing.stage],
            existing.lawyer_id.name or _("none"))

    @api.model
    def _pick_lawyers(self, companies):
        """The lawyer for each new transferred case, one per company in `companies` (a list, in the
        order of the cases): the company's *Lawyer for Transferred Cases* when set (and still a legal
        user), else the legal user with the fewest open legal cases, then the one with the lowest id
        — each case given counts for the next, so a batch is spread evenly. Legal managers take
        cases only when the company has no other legal user. Returns a list of res.users (maybe empty)."""
        Users = self.env["res.users"].sudo()
        # The superuser (admin) is in every group but is nobody's lawyer.
        legal_users = self.env.ref(LEGAL_USER_GROUP).sudo().users.filtered(
            lambda u: u.active and u.id != SUPERUSER_ID)
        managers = self.env.ref(LEGAL_MANAGER_GROUP).sudo().users
        loads = {}
        if legal_users:
            # One query for the open cases of every candidate.
            self.env.cr.execute("""
                SELECT lawyer_id, count(*) FROM legal_case
                 WHERE stage != 'closed' AND lawyer_id = ANY(%s) GROUP BY lawyer_id
            """, (legal_users.ids,))
            loads = dict(self.env.cr.fetchall())
        chosen = []
        for company in companies:
            default = company.sudo().legal_default_lawyer_id
            if default and default in legal_users:
                chosen.append(default)
                continue
            in_company = legal_users.filtered(lambda u: company in u.company_ids)
            candidates = (in_company - managers) or in_company
            if not candidates:
                chosen.append(Users.browse())
                continue
            lawyer = min(candidates, key=lambda u: (loads.get(u.id, 0), u.id))
            loads[lawyer.id] = loads.get(lawyer.id, 0) + 1
            chosen.append(lawyer)
        return chosen

    @api.multi
    def _notify_lawyer_of_handover(self, collection):
        """An activity for the case's lawyer: a case came from collection, to prepare for filing."""
        activity_type = self.env.ref("loan_legal.mail_activity_type_legal_handover")
        model = self.env["ir.model"]._get(self._name)
        for case in self.sudo().filtered("lawyer_id"):
            # The activity's texts in the lawyer's language.
            in_lawyer_lang = case.with_context(lang=case.lawyer_id.lang)
            self.env["mail.activity"].sudo().create({
                "res_model_id": model.id, "res_id": case.id, "activity_type_id": activity_type.id,
                "user_id": case.lawyer_id.id, "date_deadline": business_today(self),
                "summary": in_lawyer_lang._handover_summary(),
                "note": "<p>%s</p>" % tools.html_escape(in_lawyer_lang._handover_note(collection, self.env.user)),
            })
        return True

    @api.multi
    def _handover_note(self, collection, user):
        self.ensure_one()
        return _("Transferred from collection case %s by %s on %s, claiming %.2f. Check the defendants, the "
                 "evidence and the claim, then file.") % (collection.name, user.name, business_today(self),
                                                          self.claim_total)

    @api.multi
    def _handover_summary(self):
        self.ensure_one()
        return _("New legal case %s: %s") % (self.name, self.partner_id.name)

    @api.model
    def _values_from_collection_case(self, collection, with_parties=True):
        """The values of a new legal case for the collection case `collection`: its contract and
        debtor, and the claim as of today from its amounts (民诉法 第124条: the claims with the
        facts; the 要素式 complaint gives the principal, interest and penalty as of a date)."""
        collection = collection.sudo()
        vals = {
            "collection_case_id": collection.id,
            "contract_id": collection.contract_id.id,
            "partner_id": collection.partner_id.id,
            "company_id": collection.company_id.id,
            "claim_date": business_today(self),
            "claim_principal": collection.overdue_principal,
            "claim_interest": collection.overdue_interest,
            "claim_penalty": collection.penalty_interest,
            "claim_costs": collection.fees_amount,
            "handover_fees": collection.fees_amount,
        }
        if with_parties:
            vals["party_ids"] = self._party_commands(collection.contract_id, collection.partner_id)
        return vals

    @api.model
    def _default_evidence_commands(self, contract):
        """The evidence of the lending relationship a loan case needs (domain.md, Litigation:
        民诉法 第124条 wants the evidence and its sources in the complaint): one contract of each
        guarantee claimed on (none for a counter-guarantee the lender has no claim on), named for
        its giver, with what it proves by the kind of guarantee, and a mortgage's registration."""
        labels = EVIDENCE_NAMES
        guarantees = contract.sudo().guarantee_ids._answers_to_company() if contract else None
        items = [{"kind": "loan_contract", "name": labels["loan_contract"]}]
        if guarantees is None:  # no contract yet: the checklist names the kind
            items.append({"kind": "guarantee_contract", "name": labels["guarantee_contract"]})
        for guarantee in guarantees or ():
            items.extend(guarantee_evidence(guarantee))
        items.extend({"kind": kind, "name": labels[kind]}
                     for kind in ("disbursement", "repayment", "notice", "identity", "power_of_attorney"))
        return [(0, 0, dict(item, sequence=(index + 1) * 10, required=True)) for index, item in enumerate(items)]

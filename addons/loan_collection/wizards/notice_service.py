# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from ..models.collection_notice import SERVICE_METHODS
from ..models.res_company import business_today


class CollectionNoticeService(models.TransientModel):
    _name = "collection.notice.service"
    _description = "Record Service of a Notice"

    notice_id = fields.Many2one("collection.notice", required=True)
    date_served = fields.Date(required=True, default=business_today)
    service_method = fields.Selection(SERVICE_METHODS, required=True, default="in_person")
    tracking_number = fields.Char()
    receipt = fields.Binary(string="Signed Receipt / Proof of Delivery")
    receipt_name = fields.Char()

    @api.multi
    def action_confirm(self):
        """Record the service through the notice's own action (which checks who may and when).
        The proof is uploaded as an attachment of the notice while it is still unserved; once the
        notice is served, the proof cannot be replaced or deleted (models/ir_attachment.py)."""
        self.ensure_one()
        self.notice_id._check_service_right()
        receipts = []
        if self.receipt:
            receipts.append(self.env["ir.attachment"].create({
                "name": self.receipt_name or "receipt", "datas_fname": self.receipt_name or "receipt",
                "datas": self.receipt, "res_model": "collection.notice", "res_id": self.notice_id.id}).id)
        self.notice_id.action_record_service(self.date_served, self.service_method, receipts, self.tracking_number)
        return {"type": "ir.actions.act_window_close"}

# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Loan Legal",
    "summary": "Litigation and enforcement of overdue loans: stages, court deadlines, court fees, "
               "evidence, assets, restrictions and court-document drafts",
    "version": "11.0.1.0.0",
    "category": "Accounting",
    "website": "https://github.com/loan-back-office/loan-back-office",
    "author": "Loan Back Office",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["loan_collection"],
    "external_dependencies": {"python": ["docx"]},
    "data": [
        "security/loan_legal_security.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
}

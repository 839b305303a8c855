# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Loan Collection",
    "summary": "Overdue-loan collection: debtor profiles, loan contracts and installments, "
               "policy-driven collection cases, the daily run and collectors' worklists",
    "version": "11.0.1.0.0",
    "category": "Accounting",
    "website": "https://github.com/loan-back-office/loan-back-office",
    "author": "Loan Back Office",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "account_invoicing",
        "mail",
        # Chinese provinces and account types; the chart itself comes with the company's country.
        "l10n_cn",
    ],
    "external_dependencies": {"python": ["docx", "xlrd"]},
    "data": [
        "security/loan_collection_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_activity_type_data.xml",
        "data/collection_policy_data.xml",
        "data/loan_product_data.xml",
        "data/ir_cron_data.xml",
        "wizards/installment_import_views.xml",
        "views/collection_contact_point_views.xml",
        "views/res_partner_views.xml",
        "views/loan_product_views.xml",
        "views/loan_contract_views.xml",
        "views/account_invoice_views.xml",
        "views/collection_policy_views.xml",
        "views/collection_task_views.xml",
        "views/collection_contact_log_views.xml",
        "views/collection_case_views.xml",
        "views/collection_run_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/loan_contract_demo.xml",
    ],
}

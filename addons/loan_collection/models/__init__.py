# Every model: NUL characters and over-long texts refused with a message (issue 11).
from . import base_input_guard
from . import ir_model_access  # access refusals in the reader's language
from . import res_company
from . import collection_contact_point
from . import base_field_groups_guard
from . import loan_identity_access_log
from . import loan_debtor_profile
from . import res_partner
from . import loan_product
from . import loan_contract
from . import loan_contract_acceleration
from . import loan_lpr_rate
from . import loan_contract_rates
from . import loan_guarantee
from . import account_invoice
from . import collection_policy
from . import collection_case
from . import collection_contact_log
from . import collection_promise
from . import collection_notice
from . import loan_document
from . import loan_document_batch
from . import collection_task
from . import collection_run
from . import mail_activity
from . import mail_thread
# Evidence files (contact logs, served notices, posted recoveries) are sealed.
from . import ir_attachment
from . import res_config_settings
# Finance: recoveries, write-offs, month-end snapshots; then the reports, which read their tables.
from . import loan_contract_allocation
from . import loan_product_accounts
from . import account_invoice_recovery
from . import collection_legal_figures
from . import collection_case_finance
from . import collection_recovery
from . import collection_writeoff
from . import collection_snapshot
from . import collection_run_finance
from . import collection_aging_report
from . import collection_roll_rate_report
from . import collection_performance_report
from . import collection_recovery_rate_report
from . import collection_reconciliation_report
from . import collection_dashboard
from . import collection_report_xlsx

# Odoo's own test runner (odoo-bin --test-enable) runs the test modules imported here; pytest-odoo
# (make test) collects the same files by path.
from . import test_address
from . import test_aging
from . import test_allocation
from . import test_allocation_orders
from . import test_amortization
from . import test_amount_words
from . import test_business_clock
from . import test_case_conduct_security
from . import test_collection_run
from . import test_conduct
from . import test_contact_log
from . import test_documents
from . import test_evidence_money_security
from . import test_i18n
from . import test_identity
from . import test_input_guard
from . import test_installment_import
from . import test_log_attachments
from . import test_policy
from . import test_private_data
from . import test_promise_notice
from . import test_recovery
from . import test_reports
from . import test_template_security
from . import test_writeoff
from . import test_xlsx_formulas

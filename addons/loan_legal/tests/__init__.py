# Odoo's own test runner (odoo-bin --test-enable) runs the test modules imported here; pytest-odoo
# (make test) collects the same files by path.
from . import test_access_table
from . import test_court_calendar
from . import test_claim
from . import test_contract_rules
from . import test_complaint_parties
from . import test_complaint_rules
from . import test_court_fees
from . import test_deadlines
from . import test_i18n
from . import test_legal_case
from . import test_legal_deadlines
from . import test_legal_documents
from . import test_legal_enforcement
from . import test_legal_handover
from . import test_legal_procedure
from . import test_legal_private_data
from . import test_legal_rates
from . import test_legal_reports
from . import test_legal_security
from . import test_legal_template_security
from . import test_litigation
from . import test_roles
from . import test_chinese_deadlines
from . import test_bank_court_payout

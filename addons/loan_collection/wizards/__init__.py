from . import installment_import
from . import notice_service
from . import document_bulk
from . import recovery_register
from . import contract_acceleration
from . import bank_statement_import
from . import bank_line_split
from . import case_reassign

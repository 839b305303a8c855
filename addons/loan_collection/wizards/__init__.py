from . import installment_import
from . import notice_service

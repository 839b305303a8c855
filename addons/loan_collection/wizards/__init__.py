from . import installment_import

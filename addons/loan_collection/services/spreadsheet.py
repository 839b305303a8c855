# Copyright 2026 Loan Back Office
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The first sheet of an .xlsx/.xls file as rows of cells (pure Python, xlrd)."""
import datetime

import xlrd


def read_first_sheet(content):
    """(rows, to_date) of the workbook `content`; to_date turns an Excel date serial into a date.
    ValueError when the bytes are not a workbook."""
    try:
        book = xlrd.open_workbook(file_contents=content)
    except Exception as error:  # xlrd raises its own errors, and others, on bytes that are not a workbook
        raise ValueError(str(error))
    sheet = book.sheet_by_index(0)

    def to_date(value):
        return datetime.datetime(*xlrd.xldate_as_tuple(value, book.datemode)).date()
    return [sheet.row_values(i) for i in range(sheet.nrows)], to_date

"""The Odoo server the browser tests drive: tools/odoo_db.py's server, with the product's
clock set to 10:00 in China on today's Chinese date (and running on from there).

The conduct rules refuse calls between 22:00 and 08:00 on the debtor's clock; a test run at
night in China (any time between 14:00 and 24:00 UTC) would see every call refused. Only the
time of day is moved, not the date: the demo data is dated relative to the day it was
installed, and the browser, the database and Odoo itself keep the real date.

Usage: odoo_server.py CONFIG [odoo server options...]
"""
import datetime
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import odoo  # noqa: E402
import odoo_db  # noqa: E402

CHINA_MORNING = datetime.time(10, 0)


def set_clock_to_china_morning():
    from odoo.addons.loan_collection.services import clock

    real = clock.utcnow
    now = real()
    target = clock.to_utc(datetime.datetime.combine(clock.local_today("Asia/Shanghai", now), CHINA_MORNING),
                          "Asia/Shanghai")
    offset = target - now
    clock.utcnow = lambda: real() + offset


def main(config_file, rest):
    odoo_db._load_config(config_file, rest)
    odoo.modules.module.initialize_sys_path()
    set_clock_to_china_morning()
    odoo_db.serve(config_file, rest)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

"""The README's screenshots: the office collector's worklist and a collection case, in Chinese, 1366x768.

Start the product with its demo data first (`make run`), then:

    .venv/bin/python tools/screenshots.py [--url http://localhost:8069] [--db loan_demo]

It logs in as 王芳 (wangfang, office collector) in headless Chromium (Debian's /usr/bin/chromium,
through playwright, as the browser tests do) and writes docs/worklist.png and docs/case_form.png.
"""
import argparse
import os
import sys
from contextlib import closing

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "browser"))

from odoo_browser import CHROMIUM, CHROMIUM_ARGS, Client  # noqa: E402


class Server:
    """What odoo_browser.Client needs of a server: its URL and the demo records' ids."""

    def __init__(self, url, db):
        self.url, self.db = url.rstrip("/"), db

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        with closing(psycopg2.connect(dbname=self.db)) as conn, conn.cursor() as cr:
            cr.execute("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", (module, name))
            row = cr.fetchone()
        if not row:
            raise SystemExit("error: %s is not in the database %s: is it the demo database of `make run`?"
                             % (xmlid, self.db))
        return row[0]


def settle(user):
    """Idle, and the systray's late requests done too (no 加载中 badge in the picture)."""
    for _ in range(2):
        user.page.wait_for_timeout(700)
        user.wait_idle()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="loan_demo")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = Server(args.url, args.db)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        user = Client(browser, server, "wangfang")
        user.open_menu(server.ref("loan_collection.collection_task_worklist_menu"))
        settle(user)
        user.page.screenshot(path=os.path.join(args.out, "worklist.png"))
        case_id = user.rpc("collection.case", "search", [["contract_id", "=",
                                                          server.ref("loan_collection.loan_contract_c1_demo")]])[0]
        user.open_record("collection.case", case_id)
        settle(user)
        user.page.screenshot(path=os.path.join(args.out, "case_form.png"))
        errors = user.take_errors()
        browser.close()
    if errors:
        raise SystemExit("error: the web client reported errors:\n" + "\n".join(errors))
    print("wrote %s and %s" % (os.path.join(args.out, "worklist.png"), os.path.join(args.out, "case_form.png")))


if __name__ == "__main__":
    main()

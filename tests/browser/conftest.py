"""Browser end-to-end tests: the day's work of each role in headless Chromium, in Chinese.

The session starts its own Odoo HTTP server on a copy of the test database (the copy is taken
when the first browser test starts and dropped at the end, with its filestore, so nothing the
browser does stays behind for the other tests, nor in a kept TEST_DB), and one Chromium
(Debian's `chromium`, driven by Python `playwright` through its executable path: no browser
download). Each demo user logs in once per session; each test reloads the web client.

A test fails on any JavaScript error (console error or uncaught exception), on Odoo's crash
dialog (a server traceback or a client error: `.o_dialog_error`), and on a traceback in the
server's log while it ran. A refusal (UserError, ValidationError) is a warning dialog
(`.o_dialog_warning`): tests that expect one read it with `Client.take_warning()`.
"""
import configparser
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from odoo_browser import (CHROMIUM, CHROMIUM_ARGS, ROOT, Client, OdooServer, _copy_database, _free_port,
                          _terminate_and_drop)


@pytest.fixture(scope="session")
def odoo_server(request):
    config_file = request.config.getoption("--odoo-config", None)
    if not config_file:
        pytest.skip("the browser tests need the Odoo test database: run them with make test")
    parser = configparser.ConfigParser()
    parser.read(config_file)
    options = parser["options"]
    source = options["db_name"]
    db = source + "_browser"
    data_dir = options["data_dir"]
    _copy_database(source, db, data_dir)

    port = _free_port()
    odoo_dir = os.path.dirname(os.path.abspath(config_file))
    config_copy = os.path.join(odoo_dir, "test-%s.cfg" % db)
    log = os.path.join(odoo_dir, "%s.log" % db)
    options["db_name"] = db
    options["dbfilter"] = "^%s$" % db
    options["http_port"] = str(port)
    options["longpolling_port"] = str(_free_port())
    options["max_cron_threads"] = "0"  # the tests start what they need; no daily run firing mid-test
    options["logfile"] = log
    with open(config_copy, "w") as f:
        parser.write(f)
    if os.path.exists(log):
        os.remove(log)
    env = dict(os.environ, PATH=os.path.join(ROOT, ".node", "node_modules", ".bin") + os.pathsep + os.environ["PATH"])
    process = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "browser", "odoo_server.py"),
                                config_copy], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    server = OdooServer("http://127.0.0.1:%d" % port, db, log, process)
    try:
        deadline = time.time() + 180
        while True:
            if process.poll() is not None:
                pytest.fail("the Odoo server of the browser tests stopped while starting: see %s" % log)
            try:
                if urllib.request.urlopen(server.url + "/web/login", timeout=10).status == 200:
                    break
            except Exception:
                pass
            if time.time() > deadline:
                pytest.fail("the Odoo server of the browser tests did not answer within 3 minutes: see %s" % log)
            time.sleep(1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        _terminate_and_drop(db)
        shutil.rmtree(os.path.join(data_dir, "filestore", db), ignore_errors=True)
        os.remove(config_copy)


@pytest.fixture(scope="session")
def chromium():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail("Chromium not found at %s: `make test` installs Debian's chromium with apt "
                    "(or set CHROMIUM=/path/to/chromium)" % CHROMIUM)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def clients(chromium, odoo_server):
    """login -> Client, each user logged in once per session."""
    opened = {}

    def get(login):
        if login not in opened:
            opened[login] = Client(chromium, odoo_server, login)
        return opened[login]

    yield get
    for client in opened.values():
        client.context.close()


@pytest.fixture(autouse=True)
def no_errors(request, odoo_server, clients):
    """Every browser test fails on a JavaScript error or a server traceback while it ran."""
    offset = odoo_server.log_size()
    started = []

    def client(login):
        c = clients(login)
        if c not in started:
            c.take_errors()
            started.append(c)
            c.home()
        return c

    yield client
    errors = [e for c in started for e in c.take_errors()]
    for c in started:
        if c.page.locator(".modal .o_dialog_warning:visible").count():
            errors.append("a refusal was left unread: %s" % c.page.locator(".modal .o_dialog_warning").last.inner_text())
    log = odoo_server.log_since(offset)
    if "Traceback" in log:
        errors.append("server traceback:\n" + log[log.index("Traceback") - 300:][:4000])
    assert not errors, "\n".join(errors)


@pytest.fixture
def client(no_errors):
    """client(login): that demo user's tab, reloaded at the web client's home."""
    return no_errors

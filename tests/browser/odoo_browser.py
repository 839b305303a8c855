"""The browser tests' helpers: the Odoo server on a copy of the test database, a logged-in
user's tab (Client), and filling forms as a user does. See conftest.py."""
import datetime
import os
import shutil
import socket
import time
from contextlib import closing

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# What platform.md says headless Chromium needs here (root in a container: no sandbox).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Odoo's exception types of a refusal (UserError, ValidationError, AccessError, MissingError, Warning).
REFUSALS = ("user_error", "validation_error", "access_error", "missing_error", "warning", "except_orm")
VIEWPORT = {"width": 1366, "height": 768}
TIMEOUT_MS = 60000  # the first page of a fresh database compiles the asset bundles

# The demo staff (addons/*/demo/res_users_demo.xml), password = login.
ROLES = {
    "wangfang": "office collector",
    "chenjing": "office collector",
    "liqiang": "field collector",
    "zhangwei": "collection manager",
    "liuyang": "finance",
    "zhaomin": "legal user",
    "sunlei": "legal manager",
}


def _free_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pg(dbname="postgres"):
    import odoo

    return odoo.sql_db.db_connect(dbname)


def _terminate_and_drop(db):
    import odoo

    odoo.sql_db.close_db(db)
    with closing(_pg().cursor()) as cr:
        cr.autocommit(True)
        cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"
                   " AND pid <> pg_backend_pid()", (db,))
        cr.execute('DROP DATABASE IF EXISTS "%s"' % db.replace('"', ""))


def _copy_database(source, copy, data_dir):
    """CREATE DATABASE copy TEMPLATE source, and the filestore (asset bundles, templates, files)."""
    import odoo

    _terminate_and_drop(copy)
    shutil.rmtree(os.path.join(data_dir, "filestore", copy), ignore_errors=True)
    error = None
    for attempt in range(20):
        # pytest-odoo's registry in this process keeps pooled connections to the source: a
        # template must have none. Only this test run uses the test database: after a few tries,
        # its other sessions (a cursor an earlier test left open) are ended.
        odoo.sql_db.close_db(source)
        if attempt >= 5:
            with closing(_pg().cursor()) as cr:
                cr.autocommit(True)
                cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"
                           " AND pid <> pg_backend_pid()", (source,))
        try:
            with closing(_pg().cursor()) as cr:
                cr.autocommit(True)
                cr.execute('CREATE DATABASE "%s" WITH TEMPLATE "%s"' % (copy.replace('"', ""), source.replace('"', "")))
            break
        except Exception as e:  # "source database ... is being accessed by other users"
            error = e
            time.sleep(1)
    else:
        pytest.fail("could not copy the test database %s for the browser tests: %s" % (source, error))
    filestore = os.path.join(data_dir, "filestore", source)
    if os.path.isdir(filestore):
        shutil.copytree(filestore, os.path.join(data_dir, "filestore", copy))


class OdooServer:
    """The Odoo HTTP server of the browser tests, on the copy ``db`` of the test database."""

    def __init__(self, url, db, log, process):
        self.url, self.db, self.log, self.process = url, db, log, process

    def log_size(self):
        return os.path.getsize(self.log) if os.path.exists(self.log) else 0

    def log_since(self, offset):
        if not os.path.exists(self.log):
            return ""
        with open(self.log, encoding="utf-8", errors="replace") as f:
            f.seek(offset)
            return f.read()

    def sql(self, query, params=()):
        """Read the copy database directly (what the test looks up, never what it asserts on)."""
        with closing(_pg(self.db).cursor()) as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.sql("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", (module, name))
        assert rows, "no record %s in the demo data" % xmlid
        return rows[0][0]


# Resolves to "idle" once the web client has been quiet for 250 ms, or to the crash dialog's text.
IDLE_JS = """() => {
    const crash = document.querySelector('.modal .o_dialog_error');
    if (crash) {
        const modal = crash.closest('.modal');
        return ((modal.querySelector('.modal-title') || {}).innerText || '') + '\\n' + crash.innerText;
    }
    const client = document.querySelector('.o_web_client');
    const loading = document.querySelector('.o_loading');
    const busy = !client || client.classList.contains('oe_wait')
        || (loading && loading.offsetParent !== null) || !!document.querySelector('.blockUI, .o_blockUI');
    const now = performance.now();
    if (busy) { window.__loanQuietSince = null; return false; }
    if (!window.__loanQuietSince) { window.__loanQuietSince = now; }
    return now - window.__loanQuietSince >= 250 ? 'idle' : false;
}"""


class Client:
    """One demo user's browser tab, logged in."""

    def __init__(self, browser, server, login):
        self.server, self.login = server, login
        self.context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport=VIEWPORT,
                                           accept_downloads=True)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors = []
        self.refusals = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.errors.append("uncaught JavaScript error: %s" % error))
        self.page.goto(server.url + "/web/login")
        self.page.fill("input[name=login]", login)
        self.page.fill("input[name=password]", login)
        self.page.click("button[type=submit]")
        self.page.wait_for_selector(".o_web_client")
        self.wait_idle()
        self.uid = self.page.evaluate("odoo.session_info.uid")
        self.home()

    def _on_console(self, message):
        if message.type != "error":
            return
        text = message.text
        # Odoo logs every refused RPC to the console; a refusal shows as a warning dialog (checked
        # by the tests), a traceback as the crash dialog and in the server's log.
        if text.startswith("Server application error") and any(
                '"exception_type":"%s"' % kind in text for kind in REFUSALS):
            self.refusals.append(text)
            return
        url = (message.location or {}).get("url")
        self.errors.append("console error: %s%s" % (text, " (%s)" % url if url else ""))

    # Waiting -------------------------------------------------------------------------------

    def wait_idle(self, timeout=TIMEOUT_MS / 1000.0):
        """Until the web client has no RPC in flight (its Loading indicator and blockUI are
        gone) for a quarter of a second; fails at once on a crash dialog. Polled in the page."""
        self.page.evaluate("() => { window.__loanQuietSince = null; }")
        try:
            state = self.page.wait_for_function(IDLE_JS, polling=50, timeout=timeout * 1000).json_value()
        except Exception:
            raise AssertionError("the web client of %s was still busy after %ss" % (self.login, timeout))
        if state != "idle":
            raise AssertionError("Odoo's crash dialog for %s: %s" % (self.login, state))

    # Navigation ----------------------------------------------------------------------------

    def home(self):
        """A fresh web client on the app 催收与诉讼 (its first menu opened), as after logging in and
        clicking it."""
        self.page.goto("%s/web#menu_id=%d" % (self.server.url, self.server.ref("loan_collection.menu_root")))
        self.page.wait_for_selector(".o_main_content .o_content > *", state="attached")
        self.wait_idle()

    def _navigate(self, script, arg, wait_new=True):
        """Run ``script`` (which opens something in the main area) and wait until it is shown."""
        self.close_dialogs()
        self.page.evaluate("() => document.querySelectorAll('.o_main_content .o_content > *').forEach("
                           "e => e.setAttribute('data-loan-old', '1'))")
        self.page.evaluate(script, arg)
        if wait_new:
            # A new view in the main area, or a dialog (a wizard, target new).
            self.page.wait_for_selector(".o_main_content .o_content > :not([data-loan-old]), .modal.in",
                                        state="attached")
        else:
            time.sleep(0.2)
        self.wait_idle()

    def open_menu(self, menu_id, wait_new=True):
        """Click a menu item (also one of a folded section: the web client's own click handler)."""
        self._navigate("id => $('a[data-menu=' + id + ']').click()", menu_id, wait_new)

    def open_action(self, action_id, wait_new=True):
        """Open an action by its URL (#action=...), as a bookmark does."""
        self._navigate("h => { window.location.hash = h; }", "action=%d" % action_id, wait_new)

    def open_record(self, model, res_id):
        """The form of one record, by its URL (reloaded if it is the one shown)."""
        if self.page.evaluate("() => location.hash").find("model=%s" % model) >= 0:
            self.home()
        self._navigate("h => { window.location.hash = h; }", "id=%d&model=%s&view_type=form" % (res_id, model))

    def click(self, selector):
        self.page.click(selector)
        time.sleep(0.2)
        self.wait_idle()

    def click_button(self, text, scope=""):
        """A button by its (Chinese) label, in ``scope`` (a CSS selector, e.g. '.modal')."""
        self.click("%s button:visible:has-text('%s')" % (scope, text))

    def dialog(self):
        return self.page.locator(".modal.in, .modal.show").last

    def close_dialogs(self):
        for _ in range(5):
            closers = self.page.locator(".modal .modal-header .close:visible")
            if not closers.count():
                return
            closers.last.click()
            time.sleep(0.2)

    def take_warning(self):
        """The text of the refusal dialog shown (and close it); fails if there is none."""
        warning = self.page.locator(".modal .o_dialog_warning").last
        warning.wait_for(state="visible", timeout=10000)
        modal = self.page.locator(".modal:has(.o_dialog_warning)").last
        text = modal.inner_text()
        modal.locator(".modal-header .close").click()
        time.sleep(0.2)
        return text

    # RPC as this user ----------------------------------------------------------------------

    def rpc(self, model, method, *args, **kwargs):
        """model.method(*args, **kwargs) over JSON-RPC with this user's session, as the web client calls it."""
        kwargs.setdefault("context", {"lang": "zh_CN", "tz": "Asia/Shanghai", "uid": self.uid})
        answer = self.page.evaluate("""([model, method, args, kwargs]) => fetch(
                '/web/dataset/call_kw/' + model + '/' + method, {method: 'POST', credentials: 'same-origin',
                headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({jsonrpc: '2.0', method: 'call', params: {model, method, args, kwargs}})})
            .then(r => r.json())""", _jsonable([model, method, list(args), kwargs]))
        if "error" in answer:
            raise RpcError(answer["error"]["data"].get("message") or answer["error"]["message"])
        return answer["result"]

    def take_errors(self):
        errors, self.errors = self.errors, []
        return errors


def _jsonable(value):
    """Lists for tuples (playwright passes a tuple to the page as null)."""
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


class RpcError(Exception):
    pass


def china_today():
    """The business date the server uses (its clock is moved to 10:00 China time, the date kept)."""
    import pytz

    return datetime.datetime.now(pytz.timezone("Asia/Shanghai")).date()


def field(scope, name):
    """The input of field ``name`` in ``scope`` (a page or a locator), whatever its widget."""
    widget = scope.locator("[name='%s']:not(button)" % name).first
    tag = widget.evaluate("e => e.tagName")
    if tag in ("INPUT", "SELECT", "TEXTAREA"):
        return widget
    return widget.locator("input, select, textarea").first


def set_field(scope, name, value):
    """Type ``value`` into field ``name``: a selection's technical value, a many2one's name
    (the first suggestion is taken), a date as YYYY-MM-DD, or text."""
    widget = scope.locator("[name='%s']:not(button)" % name).first
    classes = widget.get_attribute("class") or ""
    element = field(scope, name)
    tag = element.evaluate("e => e.tagName")
    if tag == "SELECT":
        element.select_option(value='"%s"' % value)
    elif "o_field_many2one" in classes:
        element.fill(value)
        suggestion = element.page.locator(".ui-autocomplete:visible li a").filter(has_text=value).first
        suggestion.click()
    else:
        element.fill(value)
        element.dispatch_event("change")
    time.sleep(0.3)  # onchanges


def save_dialog(user, expect_refusal=False):
    """保存 in the footer of the dialog on top."""
    user.dialog().locator(".modal-footer button.btn-primary").first.click()
    time.sleep(0.3)
    if expect_refusal:
        user.page.locator(".modal .o_dialog_warning").last.wait_for(state="visible", timeout=20000)
    else:
        user.wait_idle()

"""Database set-up for `make run`, `make test` and `make bench`.

Creates an Odoo 11 database the way a Chinese lender needs it: company in China
(so `account` installs the Chinese chart of accounts, l10n_cn), Simplified Chinese
loaded and set on admin, Shanghai time, then our addons installed. Unlike
odoo.service.db._initialize_db, failures are raised, not swallowed.

Usage:
    odoo_db.py create CONFIG DB [--demo] [--modules a,b]
    odoo_db.py update CONFIG DB --modules a,b
    odoo_db.py drop CONFIG DB
    odoo_db.py server CONFIG [odoo server options...]
"""
import argparse
import logging
import sys
from contextlib import closing

import psycopg2

import odoo
import odoo.cli
import odoo.http
import odoo.service.server
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service import db as db_service

_logger = logging.getLogger("odoo_db")

LANG = "zh_CN"
COUNTRY = "CN"
TZ = "Asia/Shanghai"


def _load_config(config_file, extra=()):
    odoo.tools.config.parse_config(["-c", config_file] + list(extra))


def _module_states(db_name, modules):
    with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
        cr.execute("SELECT name, state FROM ir_module_module WHERE name IN %s", (tuple(modules),))
        return dict(cr.fetchall())


def create(db_name, demo, modules):
    """Create DB (if absent) and make sure `modules` are installed in it."""
    config = odoo.tools.config
    config["without_demo"] = "" if demo else "all"
    if not db_service.exp_db_exist(db_name):
        db_service._create_empty_database(db_name)
        with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
            odoo.modules.db.initialize(cr)
            cr.commit()
        config["load_language"] = LANG
        Registry.new(db_name, demo, None, update_module=True)
        with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            china = env.ref("base.cn")
            # The country must be set before `account` is installed: its post-init hook
            # picks the chart of accounts from it (l10n_cn -> l10n_cn_small_business).
            env["res.company"].browse(1).write({"country_id": china.id, "currency_id": env.ref("base.CNY").id})
            env.ref("base.user_root").write({"lang": LANG, "tz": TZ})
            env.ref("base.user_root").partner_id.write({"lang": LANG, "tz": TZ, "country_id": china.id})
            env.ref("base.user_root").write({"password": "admin"})
            cr.commit()
        config["load_language"] = None
    # The module list is refreshed so that addons (ours or their new dependencies) added since
    # the database was created are known.
    _update_module_list(db_name, modules)
    states = _module_states(db_name, modules)
    missing = [m for m in modules if m not in states]
    if missing:
        raise SystemExit("error: addon(s) %s not found in the addons path" % ", ".join(missing))
    to_install = [m for m in modules if states[m] != "installed"]
    if to_install:
        with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.module.module"].search([("name", "in", to_install)]).button_install()
            cr.commit()
        Registry.new(db_name, demo, None, update_module=True)
        states = _module_states(db_name, modules)
        broken = [m for m in modules if states[m] != "installed"]
        if broken:
            raise SystemExit("error: addon(s) %s failed to install: see the log above" % ", ".join(broken))


def _update_module_list(db_name, modules=()):
    """Refresh the module list. When the addons' new code adds a column to a table the refresh
    reads (a field on res.users: the refresh logs who made it), the installed addons are upgraded
    first, which adds the column, and the refresh made again."""
    try:
        with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.module.module"].update_list()
            cr.commit()
    except psycopg2.ProgrammingError:
        installed = modules and [m for m, state in _module_states(db_name, modules).items() if state == "installed"]
        if not installed:
            raise
        logging.getLogger(__name__).info("upgrading %s before refreshing the module list", ", ".join(installed))
        odoo.tools.config["update"] = dict.fromkeys(installed, 1)
        Registry.new(db_name, update_module=True)
        odoo.tools.config["update"] = {}
        with closing(odoo.sql_db.db_connect(db_name).cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.module.module"].update_list()
            cr.commit()


def update(db_name, modules):
    _update_module_list(db_name, modules)
    config = odoo.tools.config
    config["update"] = dict.fromkeys(modules, 1)
    Registry.new(db_name, update_module=True)


def drop(db_name):
    if not db_service.exp_db_exist(db_name):
        return
    odoo.sql_db.close_db(db_name)
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr.autocommit(True)
        cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                   " WHERE datname = %s AND pid <> pg_backend_pid()", (db_name,))
        cr.execute('DROP DATABASE "%s"' % db_name.replace('"', ''))


def serve(config_file, rest):
    """Odoo's server, with the addons imported before it accepts a request.

    Odoo 11 imports every addon on disk on the first HTTP request (http.Root.load_addons), in the
    request's thread, while the main thread may still be loading the registry: a request that
    arrives just after the server starts listening can leave a half-built registry that answers
    500 to every request (``KeyError: 'res.partner'`` after "loading 1 modules"; Odoo's own comment
    in load_addons describes the race). `make run` polls the server as soon as it starts, so the
    import is done here first, in the only thread there is.
    """
    _load_config(config_file, rest)
    odoo.modules.module.initialize_sys_path()
    odoo.service.server.load_server_wide_modules()
    odoo.http.root.load_addons()
    odoo.http.root._loaded = True
    sys.argv = ["odoo", "-c", config_file] + rest
    odoo.cli.main()


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["create", "update", "drop", "server"])
    parser.add_argument("config")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.command == "server":
        serve(args.config, args.rest)
        return
    sub = argparse.ArgumentParser()
    sub.add_argument("db")
    sub.add_argument("--demo", action="store_true")
    sub.add_argument("--modules", default="")
    opts = sub.parse_args(args.rest)
    _load_config(args.config)
    modules = [m for m in opts.modules.split(",") if m]
    with api.Environment.manage():
        if args.command == "create":
            create(opts.db, opts.demo, modules)
        elif args.command == "update":
            update(opts.db, modules)
        elif args.command == "drop":
            drop(opts.db)


if __name__ == "__main__":
    main(sys.argv[1:])

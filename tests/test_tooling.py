"""`make run` and `make test` stop with one clear line, not a traceback, when the machine lacks
what they need: Python 3.7, PostgreSQL, or a free port. The set-up steps are the functions of
tools/lib.sh, run here in a bash with a reduced PATH."""
import os
import shutil
import socket
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASH = shutil.which("bash")


def minimal_path(tmp_path, *tools):
    """A PATH holding only these tools (and what lib.sh itself uses)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("cat", "sha256sum", "cut", "dirname", "id") + tools:
        os.symlink(shutil.which(tool), str(bin_dir / tool))
    return str(bin_dir)


def bash(script, **env):
    full_env = {"HOME": os.environ.get("HOME", "/root"), "PATH": os.environ["PATH"]}
    full_env.update(env)
    return subprocess.run([BASH, "-c", "source tools/lib.sh\n" + script], cwd=ROOT, env=full_env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120)


def one_clear_line(result, expected):
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and expected in lines[0], lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_no_python_37(tmp_path):
    # A PATH with bash and coreutils only, no pyenv and no python3.7, and no virtualenv yet.
    result = bash('VENV="%s/venv"; PY="$VENV/bin/python"; ensure_venv' % tmp_path, PATH=minimal_path(tmp_path))
    one_clear_line(result, "CPython 3.7 not found")
    assert "pyenv install 3.7" in result.stderr


def test_no_postgresql_and_no_way_to_install_one(tmp_path):
    # No PostgreSQL at that socket directory, and no apt-get on the PATH.
    result = bash("ensure_postgres", PATH=minimal_path(tmp_path), PGHOST=str(tmp_path), PGPORT="5999")
    one_clear_line(result, "PostgreSQL does not answer and cannot be installed here")


def test_port_taken():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        result = subprocess.run([BASH, "tools/run.sh"], cwd=ROOT, env=dict(os.environ, PORT=str(port)),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                                timeout=60)
    one_clear_line(result, "port %s is already in use" % port)
    assert "make run PORT=" in result.stderr


def serve_500(port):
    """A server answering 500 to every request, as Odoo does when its registry failed to load."""
    code = ("import http.server\n"
            "class H(http.server.BaseHTTPRequestHandler):\n"
            "    def do_GET(self):\n"
            "        self.send_response(500); self.end_headers()\n"
            "    def log_message(self, *a): pass\n"
            "http.server.HTTPServer(('127.0.0.1', %d), H).serve_forever()\n" % port)
    return subprocess.Popen([shutil.which("python3"), "-c", code])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_server_answering_500_stops_make_run_at_once(tmp_path):
    port = free_port()
    log = tmp_path / "odoo.log"
    log.write_text("2026-12-01 18:40:02,114 1 INFO loan_demo odoo.modules.loading: loading 1 modules...\n"
                   "2026-12-01 18:40:02,301 1 ERROR loan_demo odoo.modules.registry: Failed to load registry\n"
                   "Traceback (most recent call last):\n  ...\nKeyError: 'res.partner'\n")
    server = serve_500(port)
    try:
        result = bash('PY=python3; wait_for_odoo %d %d "%s" loan_demo' % (server.pid, port, log))
    finally:
        server.kill()
        server.wait()
    one_clear_line(result, "cannot load the database loan_demo and answers 500 (KeyError: 'res.partner')")


def test_server_that_stops_while_starting(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text("psycopg2.OperationalError: FATAL:  database \"loan_demo\" does not exist\n")
    dead = subprocess.Popen(["true"])
    dead.wait()
    result = bash('PY=python3; wait_for_odoo %d %d "%s" loan_demo' % (dead.pid, free_port(), log))
    one_clear_line(result, "Odoo stopped while starting (psycopg2.OperationalError")

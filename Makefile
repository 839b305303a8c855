# Two commands set everything up on a fresh machine: `make run` and `make test`.
# The work is in tools/*.sh; see README.md.
.PHONY: run test bench setup clean

PORT ?= 8069

run:            ## the product with demo data on http://localhost:$(PORT) (admin / admin)
	@PORT=$(PORT) bash tools/run.sh

test:           ## the whole suite in a throwaway database; non-zero on any failure (AT=17:30: at that UTC time)
	@AT="$(AT)" bash tools/test.sh $(ARGS)

bench:          ## daily-run benchmark on generated portfolios (N=10,000 and 100,000)
	@bash tools/bench.sh $(ARGS)

setup:          ## only the virtualenv, lessc and PostgreSQL
	@bash tools/setup.sh

clean:          ## remove the virtualenv, node modules, Odoo data and the demo database
	@bash tools/clean.sh

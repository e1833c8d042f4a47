# Two entry points: `make run` opens the dashboard on the demo province, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := data/dashboard.duckdb
# Debian packages: Chromium draws chart images (kaleido) and runs the browser tests, LibreOffice turns the Word
# report into PDF and reads old .doc files (python3-uno lets a server keep one LibreOffice running between
# reports), poppler-utils reads PDF text and pages, Tesseract with its Vietnamese model reads scans, the fonts carry
# every Vietnamese letter.
SYSTEM_PACKAGES := chromium libreoffice-writer-nogui python3-uno poppler-utils fonts-dejavu-core fonts-liberation2 \
	tesseract-ocr tesseract-ocr-vie curl
# plotly.js's cartesian bundle, the version plotly.py carries (analytics/images.py looks for this very file name):
# the chart renderer's tab loads it in half the time of the whole bundle. From the npm registry, checked against its
# SHA-256; when plotly is upgraded in requirements.txt, the version and hash here change with it.
PLOTLYJS_VERSION := 4.1.1
CARTESIAN := $(VENV)/share/plotly/plotly-cartesian-$(PLOTLYJS_VERSION).min.js
CARTESIAN_PACKAGE := plotly.js-cartesian-dist-min-$(PLOTLYJS_VERSION).tgz
CARTESIAN_SHA256 := c5f9a84666b97e571a04de689e09319869e60900e265c89eac2f71d0b5a0de88

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(CARTESIAN): | system $(BIN)/.installed
	mkdir -p $(@D)
	curl -fsSL --retry 3 -o $@.tgz https://registry.npmjs.org/plotly.js-cartesian-dist-min/-/$(CARTESIAN_PACKAGE)
	echo "$(CARTESIAN_SHA256)  $@.tgz" | sha256sum -c --quiet
	tar -xzOf $@.tgz package/plotly-cartesian.min.js > $@.part
	mv $@.part $@
	rm $@.tgz

$(DB): $(BIN)/.installed
	$(BIN)/python -m etl init --demo

.DELETE_ON_ERROR:
.PHONY: run test bench system
system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then echo "Cần cài (quyền root): apt-get install $$missing"; exit 1; fi; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

# the first start asks, on the terminal, for the password of the first admin (there is no default password)
# serve.py: the dashboard behind ui/guard.py, which lets only logged-in accounts that may upload send files
run: system $(DB) $(CARTESIAN)
	$(BIN)/python -m etl account first-admin
	$(BIN)/streamlit run serve.py

test: system $(BIN)/.installed $(CARTESIAN)
	$(BIN)/python -m pytest -q tests

bench: system $(BIN)/.installed $(CARTESIAN)
	$(BIN)/python -m bench.load_reports
	$(BIN)/python -m bench.national
	$(BIN)/python -m bench.export_report
	$(BIN)/python -m bench.sessions

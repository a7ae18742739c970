# Một Cửa — two commands: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SYSTEM_PACKAGES := chromium fonts-liberation2 fonts-noto-core poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

# First Python >= 3.12 found: python3.13, python3.12, python3.14, python3, then pyenv's.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.14 python3 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3; do \
	if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v "$$p" || echo "$$p"; break; fi; done)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run serve test lint format check-deploy messages worker demo clean system-packages

help:
	@echo "make run    — cài đặt, tạo CSDL SQLite, nạp dữ liệu mẫu Nam Từ Liêm, chạy tại http://$(HOST):$(PORT)"
	@echo "make test   — cài những gì bộ kiểm thử cần (cả chromium của Debian) và chạy toàn bộ kiểm thử"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Không tìm thấy Python >= 3.12 (No Python >= 3.12 found)."; \
		echo "Cài đặt: sudo apt-get install python3 python3-venv  (Debian 13 / Ubuntu 24.04 có Python 3.12+),"; \
		echo "hoặc pyenv install 3.13, rồi chạy lại make. Có thể chỉ định: make run PYTHON=/đường/dẫn/python3.12"; \
		exit 1; fi
	@echo "Dùng Python: $(PYTHON)"
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		echo "Thiếu mô-đun venv; cài gói python3-venv…"; \
		ver=$$($(PYTHON) -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")'); \
		$(SUDO) apt-get install -y python3-venv "python$$ver-venv" || { echo "Hãy cài python$$ver-venv rồi chạy lại."; exit 1; }; \
		rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	DEBUG=1 $(BIN)/motcua migrate --no-input
	DEBUG=1 $(BIN)/motcua demo
	@echo "Một Cửa đang chạy tại http://$(HOST):$(PORT)/ (máy chủ phát triển của Django; production: xem docs/)"
	@echo "Tác vụ nền (thư thông báo, tính lại hạn): motcua db_worker, nhật ký ở worker.log"
	@DEBUG=1 $(BIN)/motcua db_worker >worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/motcua runserver $(HOST):$(PORT)

worker: $(VENV)/.installed
	$(BIN)/motcua db_worker

# Production-style server (granian, WSGI); needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL: see docs/.
WORKERS ?= 2
serve: $(VENV)/.installed
	$(BIN)/motcua migrate --no-input
	$(BIN)/motcua collectstatic --no-input -v0
	$(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) \
		--blocking-threads 8 --static-path-route /static --static-path-mount $${STATIC_ROOT:-staticfiles} \
		motcua.wsgi:application

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Cài gói hệ thống:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/motcua makemigrations --check --dry-run
	DEBUG=1 $(BIN)/motcua check

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: $(VENV)/.installed
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=motcua.example.gov.vn $(BIN)/motcua check --deploy --fail-level WARNING

messages: $(VENV)/.installed-dev
	cd src/motcua && DEBUG=1 ../../$(BIN)/motcua makemessages -l en --no-obsolete && DEBUG=1 ../../$(BIN)/motcua compilemessages

# The whole suite on SQLite and, when DATABASE_URL points to one, on PostgreSQL alongside
# (tests/suites.sh says how).
test: system-packages $(VENV)/.installed-dev lint check-deploy
	BIN=$(BIN) bash tests/suites.sh

clean:
	rm -rf $(VENV) db.sqlite3 media

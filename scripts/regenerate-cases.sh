#!/usr/bin/env bash
# Regenerates the shipped cases inputs/krimpregios (the default case) and inputs/nederland
# from the raw CBS files in data/raw/, the region lists in data/regions/ and the
# assumptions in data/assumptions.toml (built into restock). Run from anywhere; it works
# in the project folder. tests/import_cbs.rs runs exactly these commands (through the
# library) and checks that the result is byte-identical to the folders in inputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
restock() { ./target/release/restock "$@"; }

restock import-cbs data/raw/cbs/kwb2019_gemeenten_raw.csv \
    --regions data/regions/krimpregios_2019.csv \
    --kwb-later data/raw/cbs/kwb2024_85984NED_gemeenten.csv \
    --mapping data/regions/herindelingen_2019_2024.csv \
    --geojson data/raw/geo/gemeente_2019.geojson \
    --notes data/cases/krimpregios.md \
    --leesmij data/cases/krimpregios.leesmij.md \
    --title 'Krimpregio’s 2019: woningvoorraad en huishoudens tot 2050' \
    --subtitle 'Plan voor sloop, transformatie en nieuwbouw in 34 gemeenten van 8 krimpregio’s (CBS-cijfers 2019; huishoudens na 2019 en budgetten zijn aannames)' \
    --out inputs/krimpregios

restock import-cbs data/raw/cbs/kwb2019_gemeenten_raw.csv \
    --regions data/raw/regions/gemeenten_2019_provincie.csv \
    --kwb-later data/raw/cbs/kwb2024_85984NED_gemeenten.csv \
    --mapping data/regions/herindelingen_2019_2024.csv \
    --geojson data/raw/geo/gemeente_2019.geojson \
    --notes data/cases/nederland.md \
    --leesmij data/cases/nederland.leesmij.md \
    --title 'Nederland 2019: woningvoorraad en huishoudens tot 2050' \
    --subtitle 'Plan voor sloop, transformatie en nieuwbouw in alle gemeenten, per provincie (CBS-cijfers 2019; huishoudens na 2019 en budgetten zijn aannames)' \
    --out inputs/nederland

//! report.xlsx: every output table as a worksheet, for planners who continue in Excel —
//! a summary with the key figures per region and a native chart of budget against
//! spending, the plan, transformation, balance and budget tables, and the totals per
//! year with a native chart of stock against demand.
//!
//! Each sheet has a bold, frozen header row with an autofilter, readable column names in
//! the run's language, the municipality's name beside its code, and number formats
//! (`#,##0` for dwellings, `"€ "#,##0` for euros); Excel shows them with the separators
//! of the reader's locale. Values are the same rounded numbers as in the CSV files.
//! The workbook's creation date is fixed, so the same input gives the same bytes.

use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use crate::case::Case;
use crate::chart::FundersData;
use crate::labels::{self, Label};
use crate::lang::Lang;
use crate::numfmt::round6;
use crate::plan::Plan;
use crate::report::summary::Summary;
use crate::report::tables::{
    year_of, Column, Kind, Tables, BALANCE_COLUMNS, BUDGET_COLUMNS, PLAN_COLUMNS, REGION_COLUMNS,
    SUMMARY_FIGURES, TRANSFORMATION_COLUMNS,
};
use crate::{Error, Result};

/// A cell value.
pub(crate) enum Cell {
    Text(String),
    Number(f64),
}

/// One sheet: columns (header, kind, width) and rows.
pub(crate) struct Sheet {
    pub(crate) name: &'static str,
    pub(crate) columns: Vec<SheetColumn>,
    pub(crate) rows: Vec<Vec<Cell>>,
    /// Columns frozen at the left besides the header row.
    pub(crate) frozen_columns: u16,
}

/// The formats of the workbook.
pub(crate) struct Formats {
    header: Format,
    year: Format,
    dwellings: Format,
    euro: Format,
    decimal: Format,
    shadow: Format,
    bold: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_border_bottom(FormatBorder::Thin),
            year: Format::new().set_num_format("0"),
            dwellings: Format::new().set_num_format("#,##0"),
            euro: Format::new().set_num_format("\"€ \"#,##0"),
            decimal: Format::new().set_num_format("#,##0.000"),
            // Shadow prices like every page and chart: whole from 100 on, one decimal
            // below (the cell keeps its decimals).
            shadow: Format::new().set_num_format("[>=100]#,##0;[<=-100]-#,##0;#,##0.0"),
            bold: Format::new().set_bold(),
        }
    }

    /// The format of a number of `kind` (text and plain numbers: the decimal format).
    fn number(&self, kind: Kind) -> &Format {
        self.of(kind).unwrap_or(&self.decimal)
    }

    fn of(&self, kind: Kind) -> Option<&Format> {
        match kind {
            Kind::Text => None,
            Kind::Year => Some(&self.year),
            Kind::Dwellings => Some(&self.dwellings),
            Kind::Euro => Some(&self.euro),
            Kind::Decimal => Some(&self.decimal),
            Kind::ShadowPrice => Some(&self.shadow),
        }
    }
}

/// The sheet names in `lang`: summary, plan, transformations, balance, budget, totals.
pub fn sheet_names(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Nl => [
            "samenvatting",
            "plan",
            "transformaties",
            "balans",
            "budget",
            "totalen",
        ],
        Lang::En => [
            "summary",
            "plan",
            "transformations",
            "balance",
            "budget",
            "totals",
        ],
    }
}

/// Writes report.xlsx to `path`.
pub fn write(
    path: &Path,
    plan: &Plan,
    summary: &Summary,
    tables: &Tables<'_>,
    lang: Lang,
) -> Result<()> {
    let bytes = build(plan, summary, tables, lang)
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// The workbook's bytes.
pub fn build(
    plan: &Plan,
    summary: &Summary,
    tables: &Tables<'_>,
    lang: Lang,
) -> std::result::Result<Vec<u8>, XlsxError> {
    build_with_row_limit(plan, summary, tables, lang, SHEET_ROW_LIMIT)
}

/// [`build`] with another row limit than [`SHEET_ROW_LIMIT`] (for tests).
#[doc(hidden)]
pub fn build_with_row_limit(
    plan: &Plan,
    summary: &Summary,
    tables: &Tables<'_>,
    lang: Lang,
    row_limit: usize,
) -> std::result::Result<Vec<u8>, XlsxError> {
    build_variants(
        plan,
        summary,
        &[(None, tables)],
        lang,
        (row_limit, Vec::new(), Vec::new()),
    )
}

/// The workbook of a plan with extra sheets: the summary sheet of `summary`, the sheets
/// `extra` (a robust plan's, spec v2 §6b), the table sheets of every variant in
/// `variants` (a robust plan's with a projection column; a plain plan is one unnamed
/// variant), the funders sheet, the sheets `last` (the "Waarom" sheet) and the warnings sheet.
pub(crate) fn build_with_last(
    plan: &Plan,
    summary: &Summary,
    variants: &[(Option<&str>, &Tables<'_>)],
    lang: Lang,
    (extra, last): (Vec<Sheet>, Vec<Sheet>),
) -> std::result::Result<Vec<u8>, XlsxError> {
    build_variants(
        plan,
        summary,
        variants,
        lang,
        (SHEET_ROW_LIMIT, extra, last),
    )
}

/// A sheet of every variant's rows, each under its name in a first column (a single
/// unnamed variant: its sheet as it is).
fn merged(
    variants: &[(Option<&str>, &Tables<'_>)],
    lang: Lang,
    name: &'static str,
    builder: fn(&'static str, &Tables<'_>, Lang) -> Sheet,
) -> Sheet {
    let mut sheets = variants.iter().map(|(v, t)| (*v, builder(name, t, lang)));
    let Some((first_name, sheet)) = sheets.next() else {
        return Sheet {
            name,
            columns: Vec::new(),
            rows: Vec::new(),
            frozen_columns: 0,
        };
    };
    let Some(first_name) = first_name else {
        return sheet;
    };
    let mut sheet = with_projection(sheet, first_name, lang);
    for (v, other) in sheets {
        let other = with_projection(other, v.unwrap_or_default(), lang);
        sheet.rows.extend(other.rows);
    }
    sheet
}

/// `sheet` with a first column "Projectie" saying on every row which projection (a
/// robust plan's households variant) its figures are of.
fn with_projection(mut sheet: Sheet, projection: &str, lang: Lang) -> Sheet {
    for row in &mut sheet.rows {
        row.insert(0, text(projection));
    }
    sheet
        .columns
        .insert(0, (lang.get(labels::PROJECTION_COL), Kind::Text, 22.0));
    sheet.frozen_columns += 1;
    sheet
}

fn build_variants(
    plan: &Plan,
    summary: &Summary,
    variants: &[(Option<&str>, &Tables<'_>)],
    lang: Lang,
    (row_limit, extra, last): (usize, Vec<Sheet>, Vec<Sheet>),
) -> std::result::Result<Vec<u8>, XlsxError> {
    let tables = variants[0].1;
    let formats = Formats::new();
    let names = sheet_names(lang);
    let mut workbook = Workbook::new();
    // A fixed creation date: the same input gives the same bytes.
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(tables.case.title(lang))
            .set_subject(tables.case.subtitle(lang))
            .set_creation_datetime(&date),
    );

    summary_sheet(
        workbook.add_worksheet(),
        (
            names[0],
            &tables.case.title(lang),
            &tables.case.subtitle(lang),
        ),
        plan,
        summary,
        &formats,
        lang,
    )?;
    for sheet in &extra {
        write_sheet(workbook.add_worksheet(), sheet, &formats)?;
    }
    let count = |f: fn(&Tables<'_>) -> usize| -> usize { variants.iter().map(|(_, t)| f(t)).sum() };
    type Builder = fn(&'static str, &Tables<'_>, Lang) -> Sheet;
    let sheets: [(&'static str, usize, &str, Builder); 4] = [
        (names[1], count(|t| t.plan.len()), "plan.csv", plan_sheet),
        (
            names[2],
            count(|t| t.transformations.len()),
            "transformations.csv",
            transformation_sheet,
        ),
        (
            names[3],
            count(|t| t.balance.len()),
            "balance.csv",
            balance_sheet,
        ),
        (
            names[4],
            count(|t| t.budget.len()),
            "budget.csv",
            budget_sheet,
        ),
    ];
    // One sheet at a time: its cells are dropped once written.
    for (name, rows, file, builder) in sheets {
        let worksheet = workbook.add_worksheet();
        if rows > row_limit {
            too_long_sheet(worksheet, name, rows, file, row_limit, &formats, lang)?;
        } else {
            write_sheet(worksheet, &merged(variants, lang, name, builder), &formats)?;
        }
    }
    let totals = merged(variants, lang, names[5], totals_sheet);
    let worksheet = workbook.add_worksheet();
    write_sheet(worksheet, &totals, &formats)?;
    if variants.len() == 1 {
        // One chart of one variant's totals (a robust workbook has a row per projection).
        totals_chart(worksheet, &totals, lang)?;
    }
    // A case with funders: who pays what (a case without keeps its six sheets).
    if let Some(data) = FundersData::new(tables.case, plan) {
        let worksheet = workbook.add_worksheet();
        // A robust plan: the first projection's payments, and the sheet says so.
        let sheet = funders_sheet(&data, lang);
        let sheet = match variants[0].0 {
            Some(projection) => with_projection(sheet, projection, lang),
            None => sheet,
        };
        write_sheet(worksheet, &sheet, &formats)?;
    }
    for sheet in &last {
        write_sheet(workbook.add_worksheet(), sheet, &formats)?;
    }
    // Warnings about the input, when there are any (a case without keeps its sheets).
    if !tables.case.warnings.is_empty() {
        let worksheet = workbook.add_worksheet();
        write_sheet(worksheet, &warnings_sheet(tables.case, lang), &formats)?;
    }
    workbook.save_to_buffer()
}

/// The name of the funders sheet.
pub fn funders_sheet_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "wie betaalt wat",
        Lang::En => "who pays what",
    }
}

/// The key columns of the funders sheet before the period: region and funder.
const FUNDER_KEY_COLUMNS: [LabelColumn; 2] = [
    (labels::REGION, Kind::Text, 20.0),
    (labels::FUNDER_COL, Kind::Text, 16.0),
];

/// The money columns of the funders sheet, after the period.
#[rustfmt::skip]
const FUNDER_MONEY_COLUMNS: [LabelColumn; 5] = [
    (labels::FUNDER_BUDGET_EUR_COL, Kind::Euro, 16.0),
    (labels::PAID_EUR_COL, Kind::Euro, 16.0),
    (labels::RECEIVED_EUR_COL, Kind::Euro, 22.0),
    (labels::NET_PAID_EUR_COL, Kind::Euro, 16.0),
    (labels::SHADOW_PRICE_SHEET_COL, Kind::ShadowPrice, 24.0),
];

/// "Wie betaalt wat": per region, funder and period the budget, what the funder paid,
/// what it received from sales, the net and the shadow price of its budget.
fn funders_sheet(data: &FundersData, lang: Lang) -> Sheet {
    let mut columns = label_columns(&FUNDER_KEY_COLUMNS, lang);
    columns.extend(period_columns(lang));
    columns.extend(label_columns(&FUNDER_MONEY_COLUMNS, lang));
    let mut rows = Vec::new();
    for region in &data.regions {
        for (g, series) in region.funders.iter().enumerate() {
            for (p, &(start, end)) in data.periods.iter().enumerate() {
                rows.push(vec![
                    text(&region.name),
                    text(data.funder_name(g, lang)),
                    number(f64::from(start)),
                    number(f64::from(end)),
                    number(series.budget_eur[p]),
                    number(series.paid_eur[p]),
                    number(series.received_eur[p]),
                    number(series.paid_eur[p] - series.received_eur[p]),
                    number(series.shadow_price_per_meur[p]),
                ]);
            }
        }
    }
    Sheet {
        name: funders_sheet_name(lang),
        columns,
        rows,
        frozen_columns: 2,
    }
}

/// The name of the warnings sheet.
pub fn warnings_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Waarschuwingen", "Warnings")
}

/// The warnings found while reading the case: file, line, column and message, in `lang`.
fn warnings_sheet(case: &Case, lang: Lang) -> Sheet {
    let columns = vec![
        (lang.pick("bestand", "file"), Kind::Text, 22.0),
        (lang.pick("regel", "line"), Kind::Year, 8.0),
        (lang.pick("kolom", "column"), Kind::Text, 18.0),
        (lang.pick("melding", "message"), Kind::Text, 120.0),
    ];
    let rows = case
        .warnings
        .iter()
        .map(|w| {
            vec![
                text(&w.at.file),
                w.at.line.map_or_else(|| text(""), |l| number(l as f64)),
                text(w.at.column.clone().unwrap_or_default()),
                text(w.message(lang)),
            ]
        })
        .collect();
    Sheet {
        name: warnings_sheet_name(lang),
        columns,
        rows,
        frozen_columns: 0,
    }
}

/// The most rows a table may have to get its own sheet in report.xlsx. report.xlsx is
/// for reading and filtering in Excel, which becomes unworkably slow well before its
/// hard limit of 1,048,576 rows; a longer table gets a sheet that points to its CSV file
/// instead (the CSV files always hold every row). It also keeps writing report.xlsx
/// from dominating a very large run (docs/performance.md).
pub const SHEET_ROW_LIMIT: usize = 100_000;

/// A sheet in place of a table too long for a sheet: how long it is and where the whole
/// table is.
fn too_long_sheet(
    worksheet: &mut Worksheet,
    name: &'static str,
    rows: usize,
    file: &str,
    limit: usize,
    formats: &Formats,
    lang: Lang,
) -> std::result::Result<(), XlsxError> {
    worksheet.set_name(name)?;
    let n = lang.int(rows as f64);
    let max = lang.int(limit as f64);
    let note = match lang {
        Lang::Nl => format!(
            "Deze tabel heeft {n} rijen, te veel om in Excel vlot te werken (meer dan \
             {max}). De hele tabel staat in {file}; open die met Gegevens > Uit tekst/CSV \
             (Power Query)."
        ),
        Lang::En => format!(
            "This table has {n} rows, too many to work with smoothly in Excel (more than \
             {max}). The whole table is in {file}; open it with Data > From Text/CSV \
             (Power Query)."
        ),
    };
    worksheet.write_string_with_format(0, 0, note, &formats.header)?;
    worksheet.set_column_width(0, 120.0)?;
    Ok(())
}

pub(crate) fn write_sheet(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    worksheet.set_name(sheet.name)?;
    for (c, (header, _, width)) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        worksheet.write_string_with_format(0, c, *header, &formats.header)?;
        worksheet.set_column_width(c, *width)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let kind = sheet.columns[c].1;
            let c = c as u16;
            match (cell, formats.of(kind)) {
                (Cell::Text(t), _) => {
                    worksheet.write_string(r, c, t)?;
                }
                (Cell::Number(x), Some(f)) => {
                    worksheet.write_number_with_format(r, c, round6(*x), f)?;
                }
                (Cell::Number(x), None) => {
                    worksheet.write_number(r, c, round6(*x))?;
                }
            }
        }
    }
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    worksheet.autofilter(0, 0, sheet.rows.len() as u32, last_col)?;
    worksheet.set_freeze_panes(1, sheet.frozen_columns)?;
    Ok(())
}

pub(crate) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub(crate) fn number(x: f64) -> Cell {
    Cell::Number(x)
}

fn period_cells(case: &Case, p: usize) -> [Cell; 2] {
    let period = case.periods[p];
    [
        number(f64::from(period.start)),
        number(f64::from(period.end)),
    ]
}

pub(crate) fn municipality_cells(case: &Case, m: usize) -> [Cell; 3] {
    let muni = &case.municipalities[m];
    [
        text(&muni.code),
        text(&muni.name),
        text(&case.regions[muni.region]),
    ]
}

/// A workbook column: header, kind, width.
pub(crate) type SheetColumn = (&'static str, Kind, f64);

/// A workbook column whose header is a label: header, kind, width.
type LabelColumn = (Label, Kind, f64);

/// The workbook columns of `columns` with their headers in `lang`.
fn label_columns(columns: &[LabelColumn], lang: Lang) -> Vec<SheetColumn> {
    columns
        .iter()
        .map(|&(label, kind, width)| (label.pick(lang), kind, width))
        .collect()
}

/// The workbook columns of `columns` in `lang`.
fn value_columns<R>(columns: &[Column<R>], lang: Lang) -> Vec<SheetColumn> {
    columns
        .iter()
        .map(|c| (c.sheet.pick(lang), c.kind, c.width))
        .collect()
}

/// The cells of `row` under `columns`.
fn values<'r, R>(columns: &'r [Column<R>], row: &'r R) -> impl Iterator<Item = Cell> + 'r {
    columns.iter().map(move |c| number((c.value)(row)))
}

/// The columns that name a municipality: code, name, region.
pub(crate) fn municipality_columns(lang: Lang) -> [SheetColumn; 3] {
    [
        (lang.get(labels::CODE), Kind::Text, 10.0),
        (lang.get(labels::MUNICIPALITY), Kind::Text, 22.0),
        (lang.get(labels::REGION), Kind::Text, 20.0),
    ]
}

/// The columns of a period: its first and last year.
fn period_columns(lang: Lang) -> [SheetColumn; 2] {
    [
        (lang.get(labels::PERIOD_START), Kind::Year, 10.0),
        (lang.get(labels::PERIOD_END), Kind::Year, 10.0),
    ]
}

/// A sheet of `rows`: the `keys` columns, filled by `key_cells`, then `columns`.
fn table_sheet<R>(
    (name, frozen_columns): (&'static str, u16),
    mut keys: Vec<SheetColumn>,
    (columns, lang): (&[Column<R>], Lang),
    rows: &[R],
    key_cells: impl Fn(&R) -> Vec<Cell>,
) -> Sheet {
    keys.extend(value_columns(columns, lang));
    let rows = rows
        .iter()
        .map(|r| {
            let mut row = key_cells(r);
            row.extend(values(columns, r));
            row
        })
        .collect();
    Sheet {
        name,
        columns: keys,
        rows,
        frozen_columns,
    }
}

/// A sheet of rows keyed by municipality (code, name, region), then by the `more` key
/// columns; `key_cells` gives a row's municipality and the cells of its `more` keys.
fn municipality_sheet<R>(
    name: &'static str,
    (case, lang): (&Case, Lang),
    more: Vec<SheetColumn>,
    (columns, rows): (&[Column<R>], &[R]),
    key_cells: impl Fn(&R) -> (usize, Vec<Cell>),
) -> Sheet {
    let mut keys: Vec<SheetColumn> = municipality_columns(lang).into();
    keys.extend(more);
    table_sheet((name, 2), keys, (columns, lang), rows, |r| {
        let (m, more) = key_cells(r);
        let mut row: Vec<Cell> = municipality_cells(case, m).into();
        row.extend(more);
        row
    })
}

fn plan_sheet(name: &'static str, t: &Tables<'_>, lang: Lang) -> Sheet {
    let case = t.case;
    let mut keys = vec![("Segment", Kind::Text, 22.0)];
    keys.extend(period_columns(lang));
    let table = (&PLAN_COLUMNS[..], &t.plan[..]);
    municipality_sheet(name, (case, lang), keys, table, |r| {
        let mut more = vec![text(&case.segments[r.segment].label)];
        more.extend(period_cells(case, r.period));
        (r.municipality, more)
    })
}

fn transformation_sheet(name: &'static str, t: &Tables<'_>, lang: Lang) -> Sheet {
    let case = t.case;
    let mut keys = vec![
        (lang.get(labels::TRANSFORMATION), Kind::Text, 18.0),
        (lang.get(labels::FROM_SEGMENT), Kind::Text, 22.0),
        (lang.get(labels::TO_SEGMENT), Kind::Text, 22.0),
    ];
    keys.extend(period_columns(lang));
    let table = (&TRANSFORMATION_COLUMNS[..], &t.transformations[..]);
    municipality_sheet(name, (case, lang), keys, table, |r| {
        let k = &case.transformations[r.transformation];
        let mut more = vec![
            text(&k.label),
            text(&case.segments[k.from].label),
            text(&case.segments[k.to].label),
        ];
        more.extend(period_cells(case, r.period));
        (r.municipality, more)
    })
}

fn balance_sheet(name: &'static str, t: &Tables<'_>, lang: Lang) -> Sheet {
    let case = t.case;
    let keys = vec![
        ("Segment", Kind::Text, 22.0),
        (lang.get(labels::YEAR), Kind::Year, 8.0),
    ];
    let table = (&BALANCE_COLUMNS[..], &t.balance[..]);
    municipality_sheet(name, (case, lang), keys, table, |r| {
        let segment = match r.segment {
            Some(s) => text(&case.segments[s].label),
            None => text(lang.get(labels::TOTAL)),
        };
        let year = number(f64::from(year_of(case, r.time)));
        (r.municipality, vec![segment, year])
    })
}

fn budget_sheet(name: &'static str, t: &Tables<'_>, lang: Lang) -> Sheet {
    let case = t.case;
    let mut keys = vec![(lang.get(labels::REGION), Kind::Text, 22.0)];
    keys.extend(period_columns(lang));
    table_sheet((name, 1), keys, (&BUDGET_COLUMNS, lang), &t.budget, |r| {
        let mut row = vec![text(&case.regions[r.region])];
        row.extend(period_cells(case, r.period));
        row
    })
}

/// The municipalities' totals per year (the `*`/total rows of the balance, summed).
fn totals_sheet(name: &'static str, t: &Tables<'_>, lang: Lang) -> Sheet {
    let case = t.case;
    // The same columns as the balance, the demand a little wider.
    let mut columns = vec![(lang.get(labels::YEAR), Kind::Year, 8.0)];
    columns.extend(BALANCE_COLUMNS.iter().map(|c| {
        let width = if c.key == "demand" { 13.0 } else { c.width };
        (c.sheet.pick(lang), c.kind, width)
    }));
    let times = case.periods.len() + 1;
    let mut sums = vec![[0.0f64; BALANCE_COLUMNS.len()]; times];
    for r in t.balance.iter().filter(|r| r.segment.is_none()) {
        let s = &mut sums[r.time];
        for (acc, c) in s.iter_mut().zip(&BALANCE_COLUMNS) {
            *acc += (c.value)(r);
        }
    }
    let rows = sums
        .iter()
        .enumerate()
        .map(|(time, s)| {
            std::iter::once(number(f64::from(year_of(case, time))))
                .chain(s.iter().map(|&v| number(v)))
                .collect()
        })
        .collect();
    Sheet {
        name,
        columns,
        rows,
        frozen_columns: 1,
    }
}

/// A line chart of demand and both stocks per year, beside the totals.
fn totals_chart(
    worksheet: &mut Worksheet,
    totals: &Sheet,
    lang: Lang,
) -> std::result::Result<(), XlsxError> {
    let last = totals.rows.len() as u32;
    let mut chart = Chart::new(ChartType::Line);
    for (column, colour) in [(2u16, 0x141414), (3, 0x969696), (4, 0x1F66AA)] {
        chart
            .add_series()
            .set_name((totals.name, 0, column))
            .set_categories((totals.name, 1, 0, last, 0))
            .set_values((totals.name, 1, column, last, column))
            .set_format(
                rust_xlsxwriter::ChartFormat::new().set_line(
                    rust_xlsxwriter::ChartLine::new()
                        .set_color(Color::RGB(colour))
                        .set_width(2.25),
                ),
            );
    }
    chart
        .title()
        .set_name(lang.get(labels::HOUSING_STOCK_AND_DEMAND_ALL_MUNICIPALITIES));
    chart.y_axis().set_name(lang.get(labels::DWELLINGS));
    chart.y_axis().set_num_format("#,##0");
    chart.x_axis().set_name(lang.get(labels::YEAR_2));
    chart.set_width(720).set_height(400);
    worksheet.insert_chart(last + 3, 0, &chart)?;
    Ok(())
}

/// The summary sheet: key figures, the regions, a chart of budget against spending per
/// region, and the facts of the run.
/// The demand mode of a summary.
fn plan_mode(s: &Summary) -> crate::case::Mode {
    if s.mode == crate::case::Mode::Segment.as_str() {
        crate::case::Mode::Segment
    } else {
        crate::case::Mode::Total
    }
}

fn summary_sheet(
    worksheet: &mut Worksheet,
    (name, title, subtitle): (&'static str, &str, &str),
    plan: &Plan,
    s: &Summary,
    f: &Formats,
    lang: Lang,
) -> std::result::Result<(), XlsxError> {
    worksheet.set_name(name)?;
    worksheet.set_column_width(0, 46.0)?;
    for c in 1..=7u16 {
        worksheet.set_column_width(c, 16.0)?;
    }
    worksheet.write_string_with_format(0, 0, title, &f.bold)?;
    worksheet.write_string(1, 0, subtitle)?;
    let mut figures: Vec<(&str, f64, &Format)> = vec![
        (
            lang.get(labels::MISMATCH_DO_NOTHING_WEIGHTED_DWELLING_YEARS),
            s.mismatch_do_nothing,
            &f.dwellings,
        ),
        (
            lang.get(labels::MISMATCH_PLAN_WEIGHTED_DWELLING_YEARS),
            s.mismatch,
            &f.dwellings,
        ),
    ];
    for c in &SUMMARY_FIGURES {
        figures.push((c.sheet.pick(lang), (c.value)(s), f.number(c.kind)));
    }
    for (i, (label, value, format)) in figures.iter().enumerate() {
        let r = 3 + i as u32;
        worksheet.write_string(r, 0, *label)?;
        worksheet.write_number_with_format(r, 1, round6(*value), format)?;
    }

    let head_row = 3 + figures.len() as u32 + 1;
    let mut headers = vec![lang.get(labels::REGION)];
    headers.extend(REGION_COLUMNS.iter().map(|c| c.sheet.pick(lang)));
    for (c, h) in headers.iter().enumerate() {
        worksheet.write_string_with_format(head_row, c as u16, *h, &f.header)?;
    }
    for (i, r) in s.regions_detail.iter().enumerate() {
        let row = head_row + 1 + i as u32;
        worksheet.write_string(row, 0, &r.region)?;
        for (c, column) in REGION_COLUMNS.iter().enumerate() {
            let value = round6((column.value)(r));
            let format = f.number(column.kind);
            worksheet.write_number_with_format(row, c as u16 + 1, value, format)?;
        }
    }
    let last_region = head_row + s.regions_detail.len() as u32;
    worksheet.autofilter(head_row, 0, last_region, headers.len() as u16 - 1)?;

    let mut row = last_region + 2;
    let mut facts: Vec<(&str, String)> = vec![
        (lang.get(labels::SOLVER), plan.solver.clone()),
        (
            "Status",
            labels::plan_status(lang, &plan.status).to_string(),
        ),
        (
            lang.get(labels::WHOLE_DWELLINGS_MIP),
            labels::yes_no(lang, plan.integer).to_string(),
        ),
        (
            lang.get(labels::MODE),
            labels::mode_words(lang, plan_mode(s)).to_string(),
        ),
        (
            lang.get(labels::HOUSEHOLDS_VARIANT),
            s.households_variant.clone(),
        ),
        (lang.get(labels::BASE_YEAR), s.base_year.to_string()),
        (
            lang.get(labels::MILESTONES),
            s.milestones
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("restock", s.version.clone()),
        (lang.get(labels::INPUTS_SHA_256), s.inputs_sha256.clone()),
    ];
    let integer_facts = s
        .integer_run
        .as_ref()
        .map(|run| run.facts(lang))
        .unwrap_or_default();
    facts.extend(integer_facts.iter().map(|(l, v)| (l.as_str(), v.clone())));
    for (label, value) in facts {
        worksheet.write_string(row, 0, label)?;
        worksheet.write_string(row, 1, value)?;
        row += 1;
    }

    // Budget against spending per region: a native clustered column chart.
    if !s.regions_detail.is_empty() {
        let mut chart = Chart::new(ChartType::Column);
        for (column, colour) in [(7u16, 0xA6C8E4), (6, 0x184880)] {
            chart
                .add_series()
                .set_name((name, head_row, column))
                .set_categories((name, head_row + 1, 0, last_region, 0))
                .set_values((name, head_row + 1, column, last_region, column))
                .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                    rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(colour)),
                ));
        }
        chart
            .title()
            .set_name(lang.get(labels::BUDGET_AND_SPENDING_PER_REGION_WHOLE));
        chart.y_axis().set_num_format("\"€ \"#,##0");
        chart.set_width(720).set_height(400);
        worksheet.insert_chart(row + 1, 0, &chart)?;
    }
    worksheet.set_freeze_panes(1, 0)?;
    Ok(())
}

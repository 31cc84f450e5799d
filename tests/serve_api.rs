//! `restock serve`'s JSON API on a real server: started inside the test on a free
//! loopback port (port 0), spoken to over TCP with a few lines of HTTP/1.1.
//!
//! - POST scenarios/budget-min20.toml's text: the same mismatch as the library pipeline
//!   (what `restock plan --scenario scenarios/budget-min20.toml` computes);
//! - a bad scenario: 400 with the command line's message (file, line, key);
//! - `..`, absolute paths and a symlink out of the case folder: refused;
//! - parallel requests: each answer is its own scenario's optimum, and its files are its own;
//! - a body above 1 MiB: 413; the case list; a run's files and zip;
//! - a budget change after a first plan is solved warm (from the first plan's bases) and
//!   answers the command line's mismatch, as one model and region by region.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};

use restock::pipeline;
use restock::scenario::Scenario;
use restock::serve::{ServeOptions, Server};
use restock::solve::SolveOptions;
use serde_json::Value;

/// The conformance tolerance on the objective (spec §8): relative 1e-6.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn start(cases: &Path) -> Server {
    Server::start(&ServeOptions {
        port: 0,
        cases_dir: cases.to_path_buf(),
        ..ServeOptions::default()
    })
    .expect("the server starts")
}

/// One HTTP/1.1 request; the status and the body.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("sends");
    // A server may answer (413) before reading a large body; a failed write is fine.
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&answer[..split]).to_string();
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let mut body = answer[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 4 + size..];
    }
}

fn post_plan(addr: SocketAddr, text: &str) -> (u16, Value) {
    let (status, body) = request(
        addr,
        "POST",
        "/api/plan",
        "application/toml",
        text.as_bytes(),
    );
    (
        status,
        serde_json::from_slice(&body).expect("a JSON answer"),
    )
}

fn get(addr: SocketAddr, path: &str) -> (u16, Vec<u8>) {
    request(addr, "GET", path, "text/plain", b"")
}

/// The library's mismatch of a scenario text whose base is a case of inputs/.
fn reference(text: &str) -> f64 {
    let scenario = Scenario::from_text(Path::new("reference.toml"), text, &|written| {
        let name = Path::new(written).file_name().unwrap().to_owned();
        Ok(PathBuf::from("inputs").join(name))
    })
    .expect("a valid scenario");
    let case = scenario.build_case().expect("the case reads");
    pipeline::run(&case, &SolveOptions::default())
        .expect("it solves")
        .summary
        .mismatch
}

fn messages(answer: &Value) -> Vec<String> {
    answer["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn budget_min20_answers_the_command_lines_mismatch() {
    let server = start(Path::new("inputs"));
    let text = std::fs::read_to_string("scenarios/budget-min20.toml").unwrap();
    let (status, answer) = post_plan(server.addr(), &text);
    assert_eq!(status, 200, "{answer}");
    // What `restock plan --scenario scenarios/budget-min20.toml` computes.
    let scenario = Scenario::load(Path::new("scenarios/budget-min20.toml")).unwrap();
    let case = scenario.build_case().unwrap();
    let expected = pipeline::run(&case, &SolveOptions::default())
        .unwrap()
        .summary;
    let got = answer["mismatch"].as_f64().unwrap();
    assert!(
        close(got, expected.mismatch),
        "{got} vs {}",
        expected.mismatch
    );
    assert_eq!(
        answer["mismatch_do_nothing"].as_f64().unwrap(),
        expected.mismatch_do_nothing
    );
    assert_eq!(answer["budget_eur"].as_f64().unwrap(), expected.budget_eur);
    assert_eq!(answer["case"], "krimpregios");
    assert_eq!(answer["scenario"]["name"], "Budget 20 % lager");
    assert_eq!(answer["regions_detail"].as_array().unwrap().len(), 8);
    // A case name as base gives the same plan.
    let by_name = text.replace("../inputs/krimpregios", "krimpregios");
    let (status, again) = post_plan(server.addr(), &by_name);
    assert_eq!(status, 200, "{again}");
    assert!(close(
        again["mismatch"].as_f64().unwrap(),
        expected.mismatch
    ));

    // The run's files: summary.json (the same numbers), a chart, report.html, the zip.
    let run = answer["run"].as_u64().unwrap();
    let (status, body) = get(server.addr(), &format!("/runs/{run}/summary.json"));
    assert_eq!(status, 200);
    let written: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(written["mismatch"], answer["mismatch"]);
    let (status, body) = get(server.addr(), &format!("/runs/{run}/files"));
    assert_eq!(status, 200);
    let files: Value = serde_json::from_slice(&body).unwrap();
    let chart = files["charts"][0].as_str().unwrap().to_string();
    let (status, svg) = get(server.addr(), &chart);
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&svg).contains("<svg"));
    let (status, html) = get(server.addr(), answer["links"]["report"].as_str().unwrap());
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&html).contains("<html"));
    let (status, toml) = get(server.addr(), answer["links"]["scenario"].as_str().unwrap());
    assert_eq!(
        (status, String::from_utf8(toml).unwrap()),
        (200, text.clone())
    );
    let (status, zip) = get(server.addr(), answer["links"]["zip"].as_str().unwrap());
    assert_eq!(status, 200);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    let names: Vec<String> = archive
        .file_names()
        .flatten()
        .map(|n| n.to_string())
        .collect();
    for name in [
        "summary.json",
        "scenario.toml",
        "plan.csv",
        "report.html",
        "charts/1_stock_demand.svg",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    let mut json = String::new();
    archive
        .by_name("summary.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    assert!(json.contains("\"mismatch\""));
    server.stop().unwrap();
}

#[test]
fn a_bad_scenario_is_a_400_with_the_command_lines_message() {
    let server = start(Path::new("inputs"));
    let text = "base = \"../inputs/example\"\n[factors]\nbudget = -1\n";
    let (status, answer) = post_plan(server.addr(), text);
    assert_eq!(status, 400, "{answer}");
    // The command line on the same text, saved as a file.
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("scenarios");
    std::fs::create_dir(&scenarios).unwrap();
    std::os::unix::fs::symlink(
        std::fs::canonicalize("inputs").unwrap(),
        dir.path().join("inputs"),
    )
    .unwrap();
    let file = scenarios.join("scenario.toml");
    std::fs::write(&file, text).unwrap();
    let Err(restock::Error::Input(cli)) = Scenario::load(&file) else {
        panic!("the command line refuses it too")
    };
    let label = file.display().to_string();
    let cli: Vec<String> = cli
        .iter()
        .map(|e| e.to_string().replacen(&label, "scenario.toml", 1))
        .collect();
    assert_eq!(messages(&answer), cli);
    assert!(
        cli[0].starts_with("scenario.toml, line 3, column factors.budget: "),
        "{cli:?}"
    );

    // Not TOML, an unknown key, a region the case does not have: 400s naming the line.
    for (text, wanted) in [
        ("base = \"example\"\n[factors\n", "scenario.toml, line 2"),
        ("base = \"example\"\nbudgt = 1\n", "unknown key 'budgt'"),
        (
            "base = \"example\"\n[factors.budget_region]\nAtlantis = 0.5\n",
            "no region 'Atlantis'",
        ),
        (
            "base = \"example\"\n[settings]\nfriction_vacancy = 1.5\n",
            "line 3",
        ),
        ("name = \"x\"\n", "the key base is missing"),
    ] {
        let (status, answer) = post_plan(server.addr(), text);
        assert_eq!(status, 400, "{text}: {answer}");
        let all = messages(&answer).join("\n");
        assert!(all.contains(wanted), "{wanted} in {all}");
    }
    // Not UTF-8, and not TOML's content type.
    let (status, _) = request(
        server.addr(),
        "POST",
        "/api/plan",
        "application/toml",
        b"base = \"\xff\"",
    );
    assert_eq!(status, 400);
    let (status, _) = request(
        server.addr(),
        "POST",
        "/api/plan",
        "application/json",
        b"{}",
    );
    assert_eq!(status, 415);
    server.stop().unwrap();
}

#[test]
fn cases_outside_the_case_folder_are_refused() {
    // A case folder with one real case and a symlink to a case outside it.
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&cases).unwrap();
    copy_dir(Path::new("inputs/example"), &cases.join("example"));
    copy_dir(Path::new("inputs/example"), &outside);
    std::os::unix::fs::symlink(&outside, cases.join("escape")).unwrap();
    let server = start(&cases);
    let absolute = std::fs::canonicalize("inputs/example").unwrap();
    let outside_abs = outside.display().to_string();
    let absolute = absolute.display().to_string();
    for base in [
        "../outside",
        "../../inputs/example",
        "example/../../outside",
        "../cases/../outside",
        absolute.as_str(),
        outside_abs.as_str(),
        "escape",
        "../cases/escape",
        "nosuchcase",
        "",
    ] {
        let (status, answer) = post_plan(server.addr(), &format!("base = {base:?}\n"));
        assert_eq!(status, 400, "{base}: {answer}");
        let all = messages(&answer).join("\n");
        assert!(all.contains("column base"), "{base}: {all}");
    }
    // The symlink's message says where it leads; the real case plans.
    let (_, answer) = post_plan(server.addr(), "base = \"escape\"\n");
    assert!(
        messages(&answer)[0].contains("leads out of the case folder"),
        "{answer}"
    );
    let (status, answer) = post_plan(server.addr(), "base = \"../cases/example\"\n");
    assert_eq!(status, 200, "{answer}");
    // The case list shows the real case only.
    let (status, body) = get(server.addr(), "/api/cases");
    assert_eq!(status, 200);
    let list: Value = serde_json::from_slice(&body).unwrap();
    let names: Vec<&str> = list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["example"]);
    // A run's files: nothing outside its folder.
    let run = answer["run"].as_u64().unwrap();
    for path in [
        format!("/runs/{run}/../../etc/passwd"),
        format!("/runs/{run}/%2e%2e/%2e%2e/etc/passwd"),
        format!("/runs/{run}/charts/../../scenario.toml"),
        format!("/runs/{run}//etc/passwd"),
        "/runs/999/summary.json".to_string(),
    ] {
        let (status, _) = get(server.addr(), &path);
        assert!(status == 404 || status == 400, "{path}: {status}");
    }
    server.stop().unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn parallel_requests_each_get_their_own_answer() {
    let server = start(Path::new("inputs"));
    let addr = server.addr();
    let factors = [0.5, 0.7, 0.9, 1.1, 1.3, 1.6];
    let texts: Vec<String> = factors
        .iter()
        .map(|f| format!("name = \"b{f}\"\nbase = \"example\"\n[factors]\nbudget = {f}\n"))
        .collect();
    let answers: Vec<(u16, Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .iter()
            .map(|t| s.spawn(move || post_plan(addr, t)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut runs = Vec::new();
    let mut mismatches = Vec::new();
    for ((status, answer), text) in answers.iter().zip(&texts) {
        assert_eq!(*status, 200, "{answer}");
        let got = answer["mismatch"].as_f64().unwrap();
        assert!(close(got, reference(text)), "{text}: {got}");
        runs.push(answer["run"].as_u64().unwrap());
        mismatches.push(got);
    }
    // Each run's files are its own: its summary.json and scenario, fetched in parallel.
    std::thread::scope(|s| {
        for ((run, text), mismatch) in runs.iter().zip(&texts).zip(&mismatches) {
            s.spawn(move || {
                let (_, toml) = get(addr, &format!("/runs/{run}/scenario.toml"));
                assert_eq!(&String::from_utf8(toml).unwrap(), text);
                let (status, body) = get(addr, &format!("/runs/{run}/summary.json"));
                assert_eq!(status, 200);
                let written: Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(written["mismatch"].as_f64().unwrap(), *mismatch);
            });
        }
    });
    let mut distinct = runs.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), runs.len());
    // Less money never plans less mismatch.
    assert!(
        mismatches.windows(2).all(|w| w[0] >= w[1] - 1e-6),
        "{mismatches:?}"
    );
    server.stop().unwrap();
}

#[test]
fn a_body_above_one_mib_is_a_413_and_the_page_and_cases_are_served() {
    let server = start(Path::new("inputs"));
    let big = vec![b'#'; restock::serve::BODY_LIMIT + 1];
    let (status, body) = request(server.addr(), "POST", "/api/plan", "application/toml", &big);
    assert_eq!(status, 413);
    let answer: Value = serde_json::from_slice(&body).unwrap();
    assert!(messages(&answer)[0].contains("larger than"));

    let (status, body) = get(server.addr(), "/api/cases");
    assert_eq!(status, 200);
    let list: Value = serde_json::from_slice(&body).unwrap();
    let krimp = list["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "krimpregios")
        .expect("krimpregios is listed");
    assert_eq!(krimp["regions"].as_array().unwrap().len(), 8);
    assert_eq!(krimp["figures"]["municipalities"], 34);
    assert!(krimp["variants"].as_array().unwrap().len() >= 2);
    assert_eq!(krimp["base"], "../inputs/krimpregios");

    let (status, page) = get(server.addr(), "/");
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"nl\"") && page.contains("id=\"bereken\""));
    let (_, page) = get(server.addr(), "/?lang=en");
    assert!(String::from_utf8(page)
        .unwrap()
        .contains("<html lang=\"en\""));
    let (status, js) = get(server.addr(), "/assets/app.js");
    assert_eq!(status, 200);
    assert!(
        !String::from_utf8(js).unwrap().contains("http://"),
        "no outside addresses"
    );
    server.stop().unwrap();
}

#[test]
fn a_changed_case_file_is_read_again_and_robust_mode_plans() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    copy_dir(Path::new("inputs/example"), &cases.join("example"));
    let server = start(&cases);
    let (status, first) = post_plan(server.addr(), "base = \"example\"\n");
    assert_eq!(status, 200, "{first}");
    // The cached case is used while the files are unchanged; a changed budgets.csv
    // (every amount doubled, and a different size) is read again.
    let budgets = cases.join("example/budgets.csv");
    let text = std::fs::read_to_string(&budgets).unwrap();
    let mut lines = text.lines();
    let mut doubled = format!("{}\n", lines.next().unwrap());
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        let last = cells.len() - 1;
        let amount: f64 = cells[last]
            .trim()
            .parse()
            .expect("an amount in the last column");
        cells[last] = format!("{}", amount * 2.0);
        doubled.push_str(&cells.join(","));
        doubled.push('\n');
    }
    std::fs::write(&budgets, doubled).unwrap();
    let (status, second) = post_plan(server.addr(), "base = \"example\"\n");
    assert_eq!(status, 200, "{second}");
    assert_eq!(
        second["budget_eur"].as_f64().unwrap(),
        2.0 * first["budget_eur"].as_f64().unwrap()
    );
    // Robust mode over the case's two variants, with the regret criterion.
    let (status, robust) = post_plan(
        server.addr(),
        "base = \"example\"\n[settings.robust]\ncriterion = \"regret\"\n",
    );
    assert_eq!(status, 200, "{robust}");
    assert_eq!(robust["robust"]["criterion"], "regret", "{robust}");
    let run = robust["run"].as_u64().unwrap();
    let (status, _) = get(server.addr(), &format!("/runs/{run}/commitment.csv"));
    assert_eq!(status, 200);
    server.stop().unwrap();
}

/// The mismatch of `restock plan --scenario` of a scenario text whose base is a case
/// under `cases` (its summary: what the command line writes), solved cold.
fn reference_in(cases: &Path, text: &str) -> pipeline::Outcome {
    let scenario = Scenario::from_text(Path::new("reference.toml"), text, &|written| {
        Ok(cases.join(written))
    })
    .expect("a valid scenario");
    let case = scenario.build_case().expect("the case reads");
    pipeline::run(&case, &SolveOptions::default()).expect("it solves")
}

#[test]
fn a_budget_change_is_solved_warm_to_the_command_lines_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    copy_dir(Path::new("inputs/krimpregios"), &cases.join("krimpregios"));
    // 150 municipalities: the server solves it region by region.
    let generated = restock::generate::synthetic_case(&restock::generate::GenerateOptions {
        municipalities: 150,
        seed: 11,
        ..restock::generate::GenerateOptions::default()
    })
    .unwrap();
    assert!(generated.municipalities.len() >= restock::serve::api::BY_REGION_FROM);
    restock::generate::write_case(&generated, &cases.join("generated")).unwrap();
    let server = start(&cases);
    for name in ["krimpregios", "generated"] {
        let (status, first) = post_plan(server.addr(), &format!("base = \"{name}\"\n"));
        assert_eq!(status, 200, "{first}");
        let facts = &first["warm_start"];
        assert!(
            facts["stages_cold"].as_u64().unwrap() >= 1,
            "{name}: {facts}"
        );
        let text = format!("base = \"{name}\"\n[factors]\nbudget = 0.8\n");
        let (status, second) = post_plan(server.addr(), &text);
        assert_eq!(status, 200, "{second}");
        let facts = &second["warm_start"];
        assert_eq!(facts["stages_cold"], 0, "{name}: {facts}");
        assert_eq!(facts["bases_refused"], 0, "{name}: {facts}");
        assert!(
            facts["stages_warm"].as_u64().unwrap() >= 2,
            "{name}: {facts}"
        );
        let expected = reference_in(&cases, &text).summary;
        for key in ["mismatch", "gross_cost_eur"] {
            let got = second[key].as_f64().unwrap();
            let want = serde_json::to_value(&expected).unwrap()[key]
                .as_f64()
                .unwrap();
            assert!(close(got, want), "{name}: {key} {got} warm vs {want} cold");
        }
    }
    server.stop().unwrap();
}
